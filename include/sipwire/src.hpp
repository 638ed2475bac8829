// sipwire — the compiled half of SIPWIRE_SEPARATE_COMPILATION. Include this header in
// exactly one translation unit of a program built with SIPWIRE_SEPARATE_COMPILATION defined
// everywhere; every other file then includes <sipwire/parse.hpp> without paying for X3.
#ifndef SIPWIRE_SRC_HPP
#define SIPWIRE_SRC_HPP

#if !defined(SIPWIRE_SEPARATE_COMPILATION)
#error "sipwire/src.hpp is for SIPWIRE_SEPARATE_COMPILATION builds; header-only builds need nothing"
#endif

#include <sipwire/parse.hpp>
#include <sipwire/detail/parse_impl.hpp>

#endif
