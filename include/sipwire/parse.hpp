// sipwire — stage 2: typed header values on demand, and whole-message validation.
//
// Every function here is pure: it takes a string_view (a header value as message_view
// gives it, or one element of a list header) and returns a view into the same bytes.
// Nothing is cached and nothing allocates. Errors carry an offset relative to the value.
//
// This is the only public header that reaches Boost.Spirit X3. Define
// SIPWIRE_SEPARATE_COMPILATION and include <sipwire/src.hpp> in one translation unit to
// compile the grammars once instead of in every file that includes this header.
#ifndef SIPWIRE_PARSE_HPP
#define SIPWIRE_PARSE_HPP

#include <sipwire/config.hpp>
#include <sipwire/error.hpp>
#include <sipwire/headers/auth.hpp>
#include <sipwire/headers/call_id.hpp>
#include <sipwire/headers/content.hpp>
#include <sipwire/headers/cseq.hpp>
#include <sipwire/headers/date.hpp>
#include <sipwire/headers/max_forwards.hpp>
#include <sipwire/headers/name_addr.hpp>
#include <sipwire/headers/tokens.hpp>
#include <sipwire/headers/via.hpp>
#include <sipwire/message.hpp>
#include <sipwire/uri.hpp>

#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace sipwire {

// ---- grammar entry points (definitions in detail/parse_impl.hpp) ------------------------
// Request-URI, or the URI of a name-addr: SIP-URI / SIPS-URI / tel / absoluteURI.
SIPWIRE_DECL result<uri_view> parse_uri(std::string_view text, lenient allow = lenient::none) noexcept;
// One Via value (via-parm).
SIPWIRE_DECL result<via_view> parse_via(std::string_view value, lenient allow = lenient::none) noexcept;
// From / To value, or any name-addr-or-addr-spec header (Reply-To, P-Asserted-Identity...).
SIPWIRE_DECL result<name_addr_view> parse_name_addr(std::string_view value, lenient allow = lenient::none) noexcept;
// One Contact value: a name-addr or addr-spec with contact params, or "*".
SIPWIRE_DECL result<name_addr_view> parse_contact(std::string_view value, lenient allow = lenient::none) noexcept;
// One Route or Record-Route value: name-addr only.
SIPWIRE_DECL result<name_addr_view> parse_route(std::string_view value, lenient allow = lenient::none) noexcept;
SIPWIRE_DECL result<media_type_view> parse_media_type(std::string_view value) noexcept;
SIPWIRE_DECL result<disposition_view> parse_disposition(std::string_view value) noexcept;
// One token (option-tag, content-coding, method).
SIPWIRE_DECL result<std::string_view> parse_token(std::string_view value, field where = field::other) noexcept;
// WWW-Authenticate, Proxy-Authenticate, Authorization, Proxy-Authorization.
SIPWIRE_DECL result<auth_view> parse_auth(std::string_view value, lenient allow = lenient::none,
                                          field where = field::authorization) noexcept;
SIPWIRE_DECL result<date_view> parse_date(std::string_view value, lenient allow = lenient::none) noexcept;

// ---- the hand-written ones (stage 1 parses these too) ------------------------------------
inline result<cseq_view> parse_cseq(std::string_view value) noexcept {
    cseq_view v;
    if (parse_error e = detail::parse_cseq(value, v)) return e;
    return v;
}
inline result<call_id_view> parse_call_id(std::string_view value) noexcept {
    call_id_view v;
    if (parse_error e = detail::parse_call_id(value, v)) return e;
    return v;
}

namespace detail {
template <class>
inline constexpr bool dependent_false = false;

template <class T>
inline result<T> parse_number(std::string_view v, std::uint64_t max, errc syntax, errc range, field f) noexcept {
    std::uint64_t n = 0;
    if (parse_error e = parse_number_value(v, max, syntax, range, f, n)) return e;
    return static_cast<T>(n);
}
}  // namespace detail

// parse<H>(value): the typed view of one value of header H (see headers/*.hpp for the tags).
//   auto via = sipwire::parse<sipwire::headers::via>(msg.top_via());
template <class H>
inline result<typename H::value_type> parse(std::string_view value, lenient allow = lenient::none) noexcept {
    if constexpr (std::is_same_v<H, headers::via>) return parse_via(value, allow);
    else if constexpr (std::is_same_v<H, headers::from> || std::is_same_v<H, headers::to>) return parse_name_addr(value, allow);
    else if constexpr (std::is_same_v<H, headers::contact>) return parse_contact(value, allow);
    else if constexpr (std::is_same_v<H, headers::route> || std::is_same_v<H, headers::record_route>) return parse_route(value, allow);
    else if constexpr (std::is_same_v<H, headers::cseq>) return parse_cseq(value);
    else if constexpr (std::is_same_v<H, headers::call_id>) return parse_call_id(value);
    else if constexpr (std::is_same_v<H, headers::max_forwards>)
        return detail::parse_number<std::uint8_t>(value, 255, errc::bad_max_forwards, errc::bad_max_forwards, H::id);
    else if constexpr (std::is_same_v<H, headers::content_length>)
        return detail::parse_number<std::uint32_t>(value, 0xffffffffu, errc::bad_content_length, errc::bad_content_length, H::id);
    else if constexpr (std::is_same_v<H, headers::expires> || std::is_same_v<H, headers::min_expires>)
        return detail::parse_number<std::uint32_t>(value, 0xffffffffu, errc::bad_header_value, errc::value_out_of_range, H::id);
    else if constexpr (std::is_same_v<H, headers::content_type>) return parse_media_type(value);
    else if constexpr (std::is_same_v<H, headers::content_disposition>) return parse_disposition(value);
    else if constexpr (std::is_same_v<H, headers::content_encoding> || std::is_same_v<H, headers::supported> || std::is_same_v<H, headers::require> ||
                       std::is_same_v<H, headers::proxy_require> || std::is_same_v<H, headers::unsupported>)
        return parse_token(value, H::id);
    else if constexpr (std::is_same_v<H, headers::allow>) {
        result<std::string_view> t = parse_token(value, H::id);
        if (!t) return t.error();
        return method_token_view{*t, method_from_token(*t)};
    } else if constexpr (std::is_same_v<H, headers::www_authenticate> || std::is_same_v<H, headers::proxy_authenticate> ||
                         std::is_same_v<H, headers::authorization> || std::is_same_v<H, headers::proxy_authorization>)
        return parse_auth(value, allow, H::id);
    else if constexpr (std::is_same_v<H, headers::date>) return parse_date(value, allow);
    else static_assert(detail::dependent_false<H>, "no typed parser for this header tag");
}

// Every value of header H in a message, parsed lazily as the range is walked: each element
// is a result<H::value_type>. Comma-separated values are split first (quotes and <> respected).
//   for (auto via : sipwire::parse_all<sipwire::headers::via>(msg)) if (via) use(via->host);
template <class H>
class typed_range {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = result<typename H::value_type>;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = value_type;

        iterator() = default;
        value_type operator*() const noexcept { return parse<H>(*it_, allow_); }
        iterator& operator++() noexcept { ++it_; return *this; }
        iterator operator++(int) noexcept { iterator t = *this; ++it_; return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.it_ == b.it_; }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return a.it_ != b.it_; }
        std::string_view text() const noexcept { return *it_; }  // the value as written

    private:
        friend class typed_range;
        iterator(value_range::iterator it, lenient allow) noexcept : it_(it), allow_(allow) {}
        value_range::iterator it_;
        lenient allow_ = lenient::none;
    };

    typed_range(value_range values, lenient allow) noexcept : values_(values), allow_(allow) {}
    iterator begin() const noexcept { return iterator(values_.begin(), allow_); }
    iterator end() const noexcept { return iterator(values_.end(), allow_); }
    bool empty() const noexcept { return values_.empty(); }

private:
    value_range values_;
    lenient allow_;
};

template <class H>
inline typed_range<H> parse_all(message_view const& m, lenient allow = lenient::none) noexcept {
    return typed_range<H>(m.all(H::id), allow);
}

// ---- whole-message validation ------------------------------------------------------------
// The verdict on a framed message: the first error (stage 1's message rules, then the
// Request-URI, then every header this library has a grammar for, in order), and every
// defect that a leniency flag tolerated. Unknown headers are not checked.
struct validation {
    parse_error error;  // code ok when the message is valid
    std::array<warning, 16> warnings{};
    std::size_t warning_count = 0;

    explicit operator bool() const noexcept { return !error; }
    warning const* begin() const noexcept { return warnings.data(); }
    warning const* end() const noexcept { return warnings.data() + warning_count; }
    // The status a server would answer a request that failed validation (0 when valid).
    int status() const noexcept { return suggested_status(error.code); }
};

SIPWIRE_DECL validation validate_message(message_view const& m, lenient allow = lenient::none) noexcept;

}  // namespace sipwire

#if !defined(SIPWIRE_SEPARATE_COMPILATION)
#include <sipwire/detail/parse_impl.hpp>
#endif

#endif
