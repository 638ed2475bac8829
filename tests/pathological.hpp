// Messages of pathological shape and any size (about `bytes` long), for the tests
// (tests/pathological.cpp: each is rejected with its own error or read correctly) and the
// benchmark that shows the time per byte staying flat as they grow (bench/bench.cpp).
#ifndef SIPWIRE_TESTS_PATHOLOGICAL_HPP
#define SIPWIRE_TESTS_PATHOLOGICAL_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace pathological {

enum class shape {
    contact_commas,    // one Contact line: <sip:a@h>,<sip:a@h>,... (100 000 values in 1 MB)
    empty_via_values,  // one Via line: a value, then nothing but commas
    unknown_headers,   // "X-Header: value" lines (about 61 000 in 1 MB)
    via_headers,       // "v: SIP/2.0/UDP h" lines, every one a Via (about 55 000 in 1 MB)
    nested_angles,     // To: <<<<...sip:b@h...>>>>
    escaped_quotes,    // From: "\"\"\"...\"" <sip:a@h>;tag=1 (valid: a display name of quotes)
    open_quote,        // From: "\"\"\"... with no closing quote
    nested_parens,     // User-Agent: ((((...))))  (comments nest in RFC 3261; we never recurse)
};
inline constexpr shape all_shapes[] = {shape::contact_commas, shape::empty_via_values, shape::unknown_headers, shape::via_headers,
                                       shape::nested_angles,  shape::escaped_quotes,   shape::open_quote,      shape::nested_parens};

inline char const* name(shape s) {
    switch (s) {
        case shape::contact_commas: return "contact_commas";
        case shape::empty_via_values: return "empty_via_values";
        case shape::unknown_headers: return "unknown_headers";
        case shape::via_headers: return "via_headers";
        case shape::nested_angles: return "nested_angles";
        case shape::escaped_quotes: return "escaped_quotes";
        case shape::open_quote: return "open_quote";
        case shape::nested_parens: return "nested_parens";
    }
    return "?";
}

inline std::string repeat(std::string_view unit, std::size_t n) {
    std::string out;
    out.reserve(unit.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += unit;
    return out;
}

// A request of about `bytes` bytes with the given shape; `count` receives how many repeated
// units it holds (values, lines or nesting levels).
inline std::string make(shape s, std::size_t bytes, std::size_t* count = nullptr) {
    std::string_view const via = "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\n";
    std::string_view const from = "From: <sip:a@h>;tag=1\r\n";
    std::string_view const to = "To: <sip:b@h>\r\n";
    std::string_view const rest = "Call-ID: c\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n";
    std::string_view const end = "Content-Length: 0\r\n\r\n";
    std::size_t const base = 200;
    std::size_t const room = bytes > base ? bytes - base : 0;
    std::size_t n = 0;
    std::string m = "INVITE sip:b@h SIP/2.0\r\n";
    switch (s) {
        case shape::contact_commas:
            n = room / 10;
            m += std::string(via) + std::string(from) + std::string(to) + std::string(rest) + "Contact: <sip:a@h>" + repeat(",<sip:a@h>", n) + "\r\n";
            break;
        case shape::empty_via_values:
            n = room;
            m += "Via: SIP/2.0/UDP h;branch=z9hG4bK1" + std::string(n, ',') + "\r\n" + std::string(from) + std::string(to) + std::string(rest);
            break;
        case shape::unknown_headers:
            n = room / 17;
            m += std::string(via) + std::string(from) + std::string(to) + std::string(rest) + repeat("X-Header: value\r\n", n);
            break;
        case shape::via_headers:
            n = room / 18;
            m += std::string(via) + repeat("v: SIP/2.0/UDP h\r\n", n) + std::string(from) + std::string(to) + std::string(rest);
            break;
        case shape::nested_angles:
            n = room / 2;
            m += std::string(via) + std::string(from) + "To: " + std::string(n, '<') + "sip:b@h" + std::string(n, '>') + "\r\n" + std::string(rest);
            break;
        case shape::escaped_quotes:
            n = room / 2;
            m += std::string(via) + "From: \"" + repeat("\\\"", n) + "\" <sip:a@h>;tag=1\r\n" + std::string(to) + std::string(rest);
            break;
        case shape::open_quote:
            n = room / 2;
            m += std::string(via) + "From: \"" + repeat("\\\"", n) + " <sip:a@h>;tag=1\r\n" + std::string(to) + std::string(rest);
            break;
        case shape::nested_parens:
            n = room / 2;
            m += std::string(via) + std::string(from) + std::string(to) + std::string(rest) + "User-Agent: " + std::string(n, '(') +
                 std::string(n, ')') + "\r\n";
            break;
    }
    m += end;
    if (count) *count = n;
    return m;
}

}  // namespace pathological

#endif
