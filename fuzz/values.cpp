// Every typed value parser on the raw input; the first byte picks the parser (low bits) and
// strict or liberal (high bit), so one target reaches them all, including those without a
// target of their own (Content-Type, Date, CSeq, Call-ID, Expires, Max-Forwards, tokens,
// unescape/unquote/unfold, header names).
#include "values.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    fuzz::input in(data + 1, size - 1);
    fuzz::typed_value(static_cast<fuzz::value_kind>(data[0] % static_cast<unsigned>(fuzz::value_kind::count_)), in.view, data[0] & 0x80 ? sipwire::lenient::all : sipwire::lenient::none);
    return 0;
}
