// sipwire — stage-1 primitives: line-end search, number parsing, comma splitting.
// Hand-written because they touch every byte of every message.
#ifndef SIPWIRE_DETAIL_SCAN_HPP
#define SIPWIRE_DETAIL_SCAN_HPP

#include <sipwire/detail/chars.hpp>

#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sipwire::detail {

#if defined(__GNUC__)
#define SIPWIRE_LIKELY(x) __builtin_expect(!!(x), 1)
#define SIPWIRE_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define SIPWIRE_LIKELY(x) (x)
#define SIPWIRE_UNLIKELY(x) (x)
#endif

// First CR or LF in [p, end), or end. Both are searched at once so that a bare LF or a
// bare CR inside a line is seen, never hidden in a value (header-splitting attacks).
inline char const* find_eol(char const* p, char const* end) noexcept {
#if defined(__SSE2__)
    __m128i const cr = _mm_set1_epi8('\r');
    __m128i const lf = _mm_set1_epi8('\n');
    while (end - p >= 16) {
        __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
        int const mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
        if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
        p += 16;
    }
#endif
    while (p != end && *p != '\r' && *p != '\n') ++p;
    return p;
}

constexpr bool is_wsp(char c) noexcept { return c == ' ' || c == '\t'; }

// Length of the run of `word` characters (RFC 3261 §25.1, the Call-ID alphabet) at p: every
// printable ASCII byte but SP # $ & , ; = @ ^ |. Checked 16 bytes at a time.
inline std::size_t word_run(char const* p, char const* end) noexcept {
    char const* q = p;
#if defined(__SSE2__)
    __m128i const lo = _mm_set1_epi8(0x20), hi = _mm_set1_epi8(0x7f);
    while (end - q >= 16) {
        __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(q));
        // printable: 0x21..0x7e (signed compares: bytes >= 0x80 are negative, so they fail)
        __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, _mm_add_epi8(lo, _mm_set1_epi8(1))), _mm_cmpeq_epi8(v, hi));
        for (char c : {'#', '$', '&', ',', ';', '=', '@', '^', '|'}) bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
        unsigned const stop = static_cast<unsigned>(_mm_movemask_epi8(bad));
        if (stop != 0) return static_cast<std::size_t>(q + __builtin_ctz(stop) - p);
        q += 16;
    }
#endif
    while (q != end && is(*q, cc_word)) ++q;
    return static_cast<std::size_t>(q - p);
}

// First byte in [p, end) that is a control character, SP or DEL (or end): 16 at a time.
inline char const* find_ctl_or_space(char const* p, char const* end) noexcept {
#if defined(__SSE2__)
    __m128i const sp_plus_1 = _mm_set1_epi8(0x21), del = _mm_set1_epi8(0x7f);
    while (end - p >= 16) {
        __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
        // bytes 0x80-0xff are negative as signed: add them back with the unsigned max trick
        __m128i const low = _mm_cmpeq_epi8(_mm_max_epu8(v, sp_plus_1), sp_plus_1);  // v <= 0x21 (unsigned)
        __m128i const bang = _mm_cmpeq_epi8(v, sp_plus_1);                          // ...but '!' is fine
        __m128i const bad = _mm_or_si128(_mm_andnot_si128(bang, low), _mm_cmpeq_epi8(v, del));
        unsigned const stop = static_cast<unsigned>(_mm_movemask_epi8(bad));
        if (stop != 0) return p + __builtin_ctz(stop);
        p += 16;
    }
#endif
    while (p != end && *p != ' ' && !is(*p, cc_ctl)) ++p;
    return p;
}

// Length of the run of token characters (RFC 3261 §25.1) at p: a header name. Letters,
// digits and '-' are recognised 16 at a time; the rarer token characters (".!%*_+`'~")
// fall back to the table.
inline std::size_t token_run(char const* p, char const* end) noexcept {
    char const* q = p;
#if defined(__SSE2__)
    __m128i const a_minus_1 = _mm_set1_epi8('a' - 1), z_plus_1 = _mm_set1_epi8('z' + 1);
    __m128i const zero_minus_1 = _mm_set1_epi8('0' - 1), nine_plus_1 = _mm_set1_epi8('9' + 1);
    __m128i const dash = _mm_set1_epi8('-'), bit5 = _mm_set1_epi8(0x20);
    while (end - q >= 16) {
        __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(q));
        __m128i const low = _mm_or_si128(v, bit5);
        __m128i const alpha = _mm_and_si128(_mm_cmpgt_epi8(low, a_minus_1), _mm_cmplt_epi8(low, z_plus_1));
        __m128i const digit = _mm_and_si128(_mm_cmpgt_epi8(v, zero_minus_1), _mm_cmplt_epi8(v, nine_plus_1));
        __m128i const ok = _mm_or_si128(_mm_or_si128(alpha, digit), _mm_cmpeq_epi8(v, dash));
        unsigned const stop = static_cast<unsigned>(~_mm_movemask_epi8(ok)) & 0xffffu;
        if (stop == 0) {
            q += 16;
            continue;
        }
        q += __builtin_ctz(stop);
        if (!is(*q, cc_token)) return static_cast<std::size_t>(q - p);
        ++q;  // a rare token character: carry on
    }
#endif
    while (q != end && is(*q, cc_token)) ++q;
    return static_cast<std::size_t>(q - p);
}

// Skip linear whitespace, including folds (CRLF or LF followed by whitespace).
constexpr char const* skip_lws(char const* p, char const* end) noexcept {
    while (p != end) {
        if (is_wsp(*p)) {
            ++p;
        } else if (*p == '\r' && end - p >= 3 && p[1] == '\n' && is_wsp(p[2])) {
            p += 3;
        } else if (*p == '\n' && end - p >= 2 && is_wsp(p[1])) {
            p += 2;
        } else {
            break;
        }
    }
    return p;
}

// Trim whitespace and folds from both ends.
constexpr std::string_view trim_lws(std::string_view v) noexcept {
    std::size_t b = 0, e = v.size();
    while (b < e && (is_wsp(v[b]) || v[b] == '\r' || v[b] == '\n')) ++b;
    while (e > b && (is_wsp(v[e - 1]) || v[e - 1] == '\r' || v[e - 1] == '\n')) --e;
    return v.substr(b, e - b);
}

// Parses 1*DIGIT as an unsigned value no larger than `max`. Returns false on an empty run,
// a non-digit, or overflow. Leading zeros are allowed (RFC 4475 wsinv "0009").
constexpr bool parse_uint(std::string_view s, std::uint64_t max, std::uint64_t& out) noexcept {
    if (s.empty()) return false;
    std::uint64_t v = 0;
    for (char c : s) {
        if (!ascii_digit(static_cast<unsigned char>(c))) return false;
        v = v * 10 + static_cast<unsigned>(c - '0');
        if (v > max) return false;  // checked before the next multiply can overflow
    }
    out = v;
    return true;
}

// Offset of the next comma that separates list elements, starting at `pos`: commas inside
// quoted strings (with backslash escapes) and inside <...> do not count. npos if none.
inline std::size_t find_list_comma(std::string_view v, std::size_t pos) noexcept {
    // Fast path (most values): no comma at all, or none before the first quote or '<'.
    if (pos >= v.size()) return std::string_view::npos;
    void const* const c = std::memchr(v.data() + pos, ',', v.size() - pos);
    if (!c) return std::string_view::npos;
    std::size_t const comma = static_cast<std::size_t>(static_cast<char const*>(c) - v.data());
    if (!std::memchr(v.data() + pos, '"', comma - pos) && !std::memchr(v.data() + pos, '<', comma - pos)) return comma;
    bool in_quote = false, in_angle = false;
    for (std::size_t i = pos; i < v.size(); ++i) {
        char const c = v[i];
        if (in_quote) {
            if (c == '\\') ++i;
            else if (c == '"') in_quote = false;
        } else if (c == '"') {
            in_quote = true;
        } else if (in_angle) {
            if (c == '>') in_angle = false;
        } else if (c == '<') {
            in_angle = true;
        } else if (c == ',') {
            return i;
        }
    }
    return std::string_view::npos;
}

// The first list element of a header value, trimmed.
inline std::string_view first_list_element(std::string_view v) noexcept {
    std::size_t const c = find_list_comma(v, 0);
    return trim_lws(c == std::string_view::npos ? v : v.substr(0, c));
}

}  // namespace sipwire::detail

#endif
