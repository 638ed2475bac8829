// sipwire — CSeq (RFC 3261 §20.16). Parsed by hand: stage 1 needs it for every message.
#ifndef SIPWIRE_HEADERS_CSEQ_HPP
#define SIPWIRE_HEADERS_CSEQ_HPP

#include <sipwire/detail/scan.hpp>
#include <sipwire/error.hpp>
#include <sipwire/method.hpp>

#include <cstdint>
#include <string_view>

namespace sipwire {

struct cseq_view {
    std::uint32_t number = 0;        // 0 .. 2^31-1
    std::string_view method_text;    // as written (case-sensitive)
    sipwire::method method = sipwire::method::other;
};

namespace headers {
struct cseq {
    using value_type = cseq_view;
    static constexpr field id = field::cseq;
};
}  // namespace headers

namespace detail {
// CSeq  =  "CSeq" HCOLON 1*DIGIT LWS Method      (RFC 3261 §25.1)
// The sequence number must be below 2^31 (RFC 3261 §8.1.1.5). Offsets are relative to `v`.
constexpr parse_error parse_cseq(std::string_view v, cseq_view& out) noexcept {
    char const* const b = v.data();
    char const* const e = b + v.size();
    char const* p = b;
    while (p != e && ascii_digit(static_cast<unsigned char>(*p))) ++p;
    std::uint64_t n = 0;
    if (!parse_uint(std::string_view(b, static_cast<std::size_t>(p - b)), 0x7fffffffu, n))
        return {errc::bad_cseq, 0, field::cseq};
    char const* m = skip_lws(p, e);
    if (m == p) return {errc::bad_cseq, static_cast<std::uint32_t>(p - b), field::cseq};
    std::size_t const len = run_length(m, e, cc_token);
    if (len == 0 || m + len != e) return {errc::bad_cseq, static_cast<std::uint32_t>(m + len - b), field::cseq};
    out.number = static_cast<std::uint32_t>(n);
    out.method_text = std::string_view(m, len);
    out.method = method_from_token(out.method_text);
    return {};
}
}  // namespace detail
}  // namespace sipwire

#endif
