// name-addr / addr-spec values as From, To, Contact and Route read them, strict and
// liberal. Seeds: the values of those headers (fuzz/run.sh).
#include "values.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    fuzz::input in(data, size);
    fuzz::typed_value_both(fuzz::value_kind::name_addr, in.view);
    fuzz::typed_value_both(fuzz::value_kind::contact, in.view);
    fuzz::typed_value_both(fuzz::value_kind::route, in.view);
    return 0;
}
