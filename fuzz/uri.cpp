// URIs (sip, sips, tel, absolute): parsed strict and liberal, unescaped, compared with
// themselves. Seeds: Request-URIs and the URIs inside <> (fuzz/run.sh).
#include "values.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    fuzz::input in(data, size);
    fuzz::typed_value_both(fuzz::value_kind::uri, in.view);
    return 0;
}
