// Via values, strict and liberal. Seeds: the Via values of the project's messages
// (fuzz/run.sh).
#include "values.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    fuzz::input in(data, size);
    fuzz::typed_value_both(fuzz::value_kind::via, in.view);
    return 0;
}
