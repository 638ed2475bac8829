// Shared by the fuzz targets: each defines LLVMFuzzerTestOneInput and is linked either with
// libFuzzer or with replay_main.cpp (which runs files given on the command line).
#ifndef SIPWIRE_FUZZ_HPP
#define SIPWIRE_FUZZ_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>

namespace fuzz {
// The input in a buffer of exactly its size: any read past the end is caught by ASan.
struct input {
    std::unique_ptr<char[]> bytes;
    std::string_view view;
    input(std::uint8_t const* data, std::size_t size) : bytes(new char[size ? size : 1]), view(bytes.get(), size) {
        if (size) std::memcpy(bytes.get(), data, size);
    }
};
// A property that must hold: abort so the fuzzer records the input (the failing line is
// printed first; __builtin_LINE/__builtin_FILE name the caller with gcc and clang).
inline void check(bool ok, int line = __builtin_LINE(), char const* file = __builtin_FILE()) {
    if (ok) return;
    std::fprintf(stderr, "fuzz check failed at %s:%d\n", file, line);
    std::abort();
}
}  // namespace fuzz

#endif
