// The one translation unit of the test program that compiles the grammars
// (the tests use SIPWIRE_SEPARATE_COMPILATION; examples and benchmarks stay header-only).
#include <sipwire/src.hpp>
