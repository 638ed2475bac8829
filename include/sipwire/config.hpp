// sipwire — version, compile-time limits and parse options.
#ifndef SIPWIRE_CONFIG_HPP
#define SIPWIRE_CONFIG_HPP

#include <cstdint>

#define SIPWIRE_VERSION_MAJOR 0
#define SIPWIRE_VERSION_MINOR 1
#define SIPWIRE_VERSION_PATCH 0

// Capacity of the header table inside parsed_message<> when no size is given.
#ifndef SIPWIRE_DEFAULT_MAX_HEADERS
#define SIPWIRE_DEFAULT_MAX_HEADERS 64
#endif

// Largest message (start line + headers + body) parse_message accepts by default.
#ifndef SIPWIRE_DEFAULT_MAX_MESSAGE_SIZE
#define SIPWIRE_DEFAULT_MAX_MESSAGE_SIZE (1u << 20)
#endif

// Longest logical header line (a folded header counts as one line) accepted by default.
#ifndef SIPWIRE_DEFAULT_MAX_LINE_LENGTH
#define SIPWIRE_DEFAULT_MAX_LINE_LENGTH 16384u
#endif

// Where the typed grammars are compiled. By default every function is inline (header-only).
// With SIPWIRE_SEPARATE_COMPILATION the X3 grammars are compiled once, in the one
// translation unit that includes <sipwire/src.hpp>.
#if defined(SIPWIRE_SEPARATE_COMPILATION)
#define SIPWIRE_DECL
#else
#define SIPWIRE_DECL inline
#endif

namespace sipwire {

// Named, opt-in tolerances. Each flag accepts one documented defect that real traffic or
// RFC 4475 §3.1.2 says a liberal receiver may accept. A message accepted through one of
// them carries a warning naming the flag, so nothing is tolerated silently.
enum class lenient : std::uint32_t {
    none = 0,
    bare_lf = 1u << 0,                  // LF without CR ends a line
    start_line_whitespace = 1u << 1,    // several SP between start-line elements, SP before CRLF (RFC 4475 lwsstart, trws)
    bracketed_request_uri = 1u << 2,    // Request-URI written as <uri> (RFC 4475 ltgtruri)
    missing_empty_line = 1u << 3,       // a datagram ends after the last header line (RFC 4475 baddn)
    request_uri_headers = 1u << 4,      // ?headers in a sip/sips Request-URI (RFC 4475 escruri)
    unquoted_display_name = 1u << 5,    // display name with non-token characters and no quotes (RFC 4475 baddn)
    unterminated_quote = 1u << 6,       // display name opened with DQUOTE and never closed (RFC 4475 quotbal)
    addr_spec_spaces = 1u << 7,         // whitespace inside <...> around the URI (RFC 4475 badaspec)
    bare_magic_cookie = 1u << 8,        // branch is exactly "z9hG4bK" (RFC 4475 badbranch)
    non_gmt_date = 1u << 9,             // Date in a zone other than GMT (RFC 4475 baddate)
    addr_spec_with_headers = 1u << 10,  // URI with ?headers outside <...> (RFC 4475 regbadct)
    auth_param_missing_comma = 1u << 11,// digest parameters separated by whitespace only (RFC 3665 §2.1 F3)
    all = (1u << 12) - 1,
};

constexpr lenient operator|(lenient a, lenient b) noexcept {
    return static_cast<lenient>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr lenient operator&(lenient a, lenient b) noexcept {
    return static_cast<lenient>(static_cast<std::uint32_t>(a) & static_cast<std::uint32_t>(b));
}
constexpr lenient& operator|=(lenient& a, lenient b) noexcept { return a = a | b; }
constexpr bool any(lenient a) noexcept { return a != lenient::none; }
constexpr bool allows(lenient set, lenient flag) noexcept { return any(set & flag); }

// How a message arrived, which decides how its body is framed (RFC 3261 §18.3).
enum class framing : std::uint8_t {
    datagram,  // UDP or one WebSocket message: without Content-Length the body is the rest of the bytes
    stream,    // TCP/TLS: Content-Length is mandatory and the body is exactly that long
};

struct parse_options {
    framing mode = framing::datagram;
    lenient allow = lenient::none;
    std::uint32_t max_message_size = SIPWIRE_DEFAULT_MAX_MESSAGE_SIZE;
    std::uint32_t max_line_length = SIPWIRE_DEFAULT_MAX_LINE_LENGTH;
    std::uint32_t max_headers = 0;  // 0: as many as the caller's table holds

    // Every tolerance on: what a proxy facing the open internet usually wants.
    static constexpr parse_options liberal() noexcept {
        parse_options o;
        o.allow = lenient::all;
        return o;
    }
    // No tolerance: RFC 3261 grammar only (the default).
    static constexpr parse_options strict() noexcept { return parse_options{}; }
};

}  // namespace sipwire

#endif
