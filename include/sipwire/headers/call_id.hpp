// sipwire — Call-ID (RFC 3261 §20.8). Parsed by hand: stage 1 needs it for every message.
#ifndef SIPWIRE_HEADERS_CALL_ID_HPP
#define SIPWIRE_HEADERS_CALL_ID_HPP

#include <sipwire/detail/scan.hpp>
#include <sipwire/error.hpp>

#include <string_view>

namespace sipwire {

struct call_id_view {
    std::string_view value;  // the whole Call-ID, compared byte for byte (RFC 3261 §20.8)
    std::string_view local;  // word before '@' (or the whole value)
    std::string_view host;   // word after '@', empty when there is none
};

namespace headers {
struct call_id {
    using value_type = call_id_view;
    static constexpr field id = field::call_id;
};
}  // namespace headers

namespace detail {
// Call-ID  =  ( "Call-ID" / "i" ) HCOLON callid
// callid   =  word [ "@" word ]                       (RFC 3261 §25.1)
inline parse_error parse_call_id(std::string_view v, call_id_view& out) noexcept {
    char const* const b = v.data();
    char const* const e = b + v.size();
    std::size_t const n1 = word_run(b, e);
    if (n1 == 0) return {errc::bad_call_id, 0, field::call_id};
    char const* p = b + n1;
    out.value = v;
    out.local = std::string_view(b, n1);
    out.host = {};
    if (p == e) return {};
    if (*p != '@') return {errc::bad_call_id, static_cast<std::uint32_t>(p - b), field::call_id};
    ++p;
    std::size_t const n2 = word_run(p, e);
    if (n2 == 0 || p + n2 != e) return {errc::bad_call_id, static_cast<std::uint32_t>(p + n2 - b), field::call_id};
    out.host = std::string_view(p, n2);
    return {};
}
}  // namespace detail
}  // namespace sipwire

#endif
