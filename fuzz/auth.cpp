// Digest challenges and credentials (WWW-Authenticate, Authorization, Proxy-*), strict and
// liberal. Seeds: those header values (fuzz/run.sh).
#include "values.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    fuzz::input in(data, size);
    fuzz::typed_value_both(fuzz::value_kind::auth, in.view);
    return 0;
}
