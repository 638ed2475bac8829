// sipwire — character classes of RFC 3261 §25.1 as one constexpr 256-entry table.
// Every scanner and grammar primitive tests membership with one load and one AND.
#ifndef SIPWIRE_DETAIL_CHARS_HPP
#define SIPWIRE_DETAIL_CHARS_HPP

#include <array>
#include <cstdint>
#include <string_view>

namespace sipwire::detail {

// One bit per character class. A character may be in several classes.
enum char_class : std::uint32_t {
    cc_alpha = 1u << 0,      // ALPHA
    cc_digit = 1u << 1,      // DIGIT
    cc_hex = 1u << 2,        // HEXDIG (both cases)
    cc_token = 1u << 3,      // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    cc_word = 1u << 4,       // word (Call-ID) = token chars plus ( ) < > : \ DQUOTE / [ ] ? { }
    cc_unreserved = 1u << 5, // unreserved = alphanum / mark; mark = - _ . ! ~ * ' ( )
    cc_user = 1u << 6,       // unreserved / user-unreserved (& = + $ , ; ? /)  (escaped handled apart)
    cc_password = 1u << 7,   // unreserved / & = + $ ,
    cc_param = 1u << 8,      // unreserved / param-unreserved ([ ] / : & + $)
    cc_hnv = 1u << 9,        // unreserved / hnv-unreserved ([ ] / ? : + $)
    cc_wsp = 1u << 10,       // SP / HTAB
    cc_qdtext = 1u << 11,    // %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII (LWS handled apart)
    cc_hostname = 1u << 12,  // alphanum / "-" / "."
    cc_reason = 1u << 13,    // bytes we accept in a Reason-Phrase (any non-control byte, and HTAB)
    cc_scheme = 1u << 14,    // ALPHA / DIGIT / "+" / "-" / "."
    cc_uric = 1u << 15,      // reserved / unreserved (escaped handled apart)
    cc_phonedigit = 1u << 16, // phonedigit-hex / "+" of RFC 3966: HEXDIG * # + - . ( )
    cc_reserved = 1u << 17,  // ; / ? : @ & = + $ ,
    cc_ctl = 1u << 18,       // %x00-1F / %x7F
    cc_uric_bare = 1u << 19, // uric without ';' (an absolute URI outside <>, where ';' starts header params)
};

constexpr bool ascii_alpha(unsigned c) noexcept { return (c | 0x20u) >= 'a' && (c | 0x20u) <= 'z'; }
constexpr bool ascii_digit(unsigned c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool in_set(unsigned c, std::string_view set) noexcept {
    for (char s : set)
        if (static_cast<unsigned char>(s) == c) return true;
    return false;
}

constexpr std::array<std::uint32_t, 256> make_char_table() noexcept {
    std::array<std::uint32_t, 256> t{};
    for (unsigned c = 0; c < 256; ++c) {
        std::uint32_t m = 0;
        bool const alpha = ascii_alpha(c);
        bool const digit = ascii_digit(c);
        bool const alnum = alpha || digit;
        bool const mark = in_set(c, "-_.!~*'()");
        bool const unreserved = alnum || mark;
        if (alpha) m |= cc_alpha;
        if (digit) m |= cc_digit;
        if (digit || ((c | 0x20u) >= 'a' && (c | 0x20u) <= 'f')) m |= cc_hex;
        if (alnum || in_set(c, "-.!%*_+`'~")) m |= cc_token;
        if (alnum || in_set(c, "-.!%*_+`'~()<>:\\\"/[]?{}")) m |= cc_word;
        if (unreserved) m |= cc_unreserved;
        if (unreserved || in_set(c, "&=+$,;?/")) m |= cc_user;
        if (unreserved || in_set(c, "&=+$,")) m |= cc_password;
        if (unreserved || in_set(c, "[]/:&+$")) m |= cc_param;
        if (unreserved || in_set(c, "[]/?:+$")) m |= cc_hnv;
        if (c == ' ' || c == '\t') m |= cc_wsp;
        if (c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E) || c >= 0x80) m |= cc_qdtext;
        if (alnum || c == '-' || c == '.') m |= cc_hostname;
        if (c == '\t' || (c >= 0x20 && c != 0x7F)) m |= cc_reason;
        if (alnum || in_set(c, "+-.")) m |= cc_scheme;
        if (unreserved || in_set(c, ";/?:@&=+$,")) m |= cc_uric;
        if (digit || ((c | 0x20u) >= 'a' && (c | 0x20u) <= 'f') || in_set(c, "*#+-.()")) m |= cc_phonedigit;
        if (in_set(c, ";/?:@&=+$,")) m |= cc_reserved;
        if (c < 0x20 || c == 0x7F) m |= cc_ctl;
        if (unreserved || in_set(c, "/?:@&=+$,")) m |= cc_uric_bare;
        t[c] = m;
    }
    return t;
}

inline constexpr std::array<std::uint32_t, 256> char_table = make_char_table();

constexpr bool is(char c, std::uint32_t mask) noexcept {
    return (char_table[static_cast<unsigned char>(c)] & mask) != 0;
}

constexpr int hex_value(char c) noexcept {
    unsigned const u = static_cast<unsigned char>(c);
    if (u >= '0' && u <= '9') return static_cast<int>(u - '0');
    unsigned const l = u | 0x20u;
    if (l >= 'a' && l <= 'f') return static_cast<int>(l - 'a' + 10);
    return -1;
}

constexpr char to_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

// Length of the run of characters in `mask` starting at `p`.
constexpr std::size_t run_length(char const* p, char const* end, std::uint32_t mask) noexcept {
    char const* q = p;
    while (q != end && is(*q, mask)) ++q;
    return static_cast<std::size_t>(q - p);
}

// Run of characters in `mask` or %HH escapes. Returns the length, or npos when a '%'
// is not followed by two hex digits (an escape cut short, RFC 3261 §25.1 "escaped").
constexpr std::size_t escaped_run_length(char const* p, char const* end, std::uint32_t mask) noexcept {
    char const* q = p;
    while (q != end) {
        if (is(*q, mask)) {
            ++q;
        } else if (*q == '%') {
            if (end - q < 3 || hex_value(q[1]) < 0 || hex_value(q[2]) < 0) return std::string_view::npos;
            q += 3;
        } else {
            break;
        }
    }
    return static_cast<std::size_t>(q - p);
}

}  // namespace sipwire::detail

#endif
