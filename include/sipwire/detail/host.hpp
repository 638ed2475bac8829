// sipwire — hosts and IP addresses, scanned by hand (no Spirit): used by the grammars'
// host and received= primitives (x3_ext.hpp) and by the builders to check what they write.
#ifndef SIPWIRE_DETAIL_HOST_HPP
#define SIPWIRE_DETAIL_HOST_HPP

#include <sipwire/detail/chars.hpp>
#include <sipwire/detail/scan.hpp>
#include <sipwire/uri.hpp>

#include <cstddef>
#include <string_view>

namespace sipwire::detail {

// ---------------------------------------------------------------------------------------
// Hosts.
//   host         =  hostname / IPv4address / IPv6reference   (RFC 3261 §25.1)
//   hostname     =  *( domainlabel "." ) toplabel [ "." ]   (RFC 3261 §25.1)
//   domainlabel  =  alphanum / alphanum *( alphanum / "-" ) alphanum   (RFC 3261 §25.1)
//   toplabel     =  ALPHA / ALPHA *( alphanum / "-" ) alphanum   (RFC 3261 §25.1)
//   IPv4address  =  1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT      (each 0-255 here)   (RFC 3261 §25.1)
//   IPv6reference  =  "[" IPv6address "]"   (RFC 3261 §25.1)
//   IPv6address  =  hexpart [ ":" IPv4address ]   (RFC 3261 §25.1)
//   hexpart      =  hexseq / hexseq "::" [ hexseq ] / "::" [ hexseq ]   (RFC 3261 §25.1)
//   hexseq       =  hex4 *( ":" hex4) ;  hex4 = 1*4HEXDIG   (RFC 3261 §25.1)
struct host_value {
    std::string_view text;
    host_type kind = host_type::none;
};

// Length of a dotted-quad IPv4 address at p (0 when there is none).
constexpr std::size_t ipv4_length(char const* p, char const* end) noexcept {
    char const* q = p;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (q == end || *q != '.') return 0;
            ++q;
        }
        unsigned v = 0;
        int digits = 0;
        while (q != end && digits < 4 && ascii_digit(static_cast<unsigned char>(*q))) v = v * 10 + static_cast<unsigned>(*q++ - '0'), ++digits;
        if (digits == 0 || digits > 3 || v > 255) return 0;
    }
    return static_cast<std::size_t>(q - p);
}

// Length of an IPv6 address (RFC 3261 ABNF, which also admits RFC 5118 §4.10's
// "2001:db8:::192.0.2.1"), optionally followed by a zone ("%25eth0" of RFC 6874 or the
// bare "%4" seen in the wild). 0 when there is none.
constexpr std::size_t ipv6_length(char const* p, char const* end) noexcept {
    char const* q = p;
    int groups = 0;  // 16-bit groups seen (an IPv4 tail counts two)
    bool compressed = false;
    if (end - q >= 2 && q[0] == ':' && q[1] == ':') {
        compressed = true;
        q += 2;
    } else if (q != end && *q == ':') {
        return 0;
    }
    while (q != end && hex_value(*q) >= 0) {
        if (groups > 0 || compressed) {
            if (std::size_t const v4 = ipv4_length(q, end); v4 != 0) {
                q += v4;
                groups += 2;
                break;
            }
        }
        int digits = 0;
        while (q != end && hex_value(*q) >= 0) ++q, ++digits;
        if (digits == 0 || digits > 4) return 0;
        ++groups;
        if (q == end || *q != ':') break;
        if (end - q >= 2 && q[1] == ':') {
            if (end - q >= 3 && q[2] == ':') {
                // RFC 5118 §4.10: "::" then ":" before an IPv4 tail, as RFC 3261's ABNF spells it
                if (compressed || ipv4_length(q + 3, end) == 0) return 0;
                q += 3;
            } else {
                if (compressed) return 0;  // a second "::"
                q += 2;
            }
            compressed = true;
            continue;
        }
        ++q;
        if (q == end || hex_value(*q) < 0) return 0;  // a ':' must lead to another group
    }
    if (compressed ? groups > 7 : groups != 8) return 0;
    if (q != end && *q == '%') {  // zone id
        char const* z = q + 1;
        if (end - z >= 2 && z[0] == '2' && z[1] == '5') z += 2;
        std::size_t const n = escaped_run_length(z, end, cc_unreserved);
        if (n == 0 || n == std::string_view::npos) return 0;
        q = z + n;
    }
    return static_cast<std::size_t>(q - p);
}

// Length of a hostname (labels checked as the ABNF above says). 0 when there is none.
inline std::size_t hostname_length(char const* p, char const* end) noexcept {
    // One pass, 16 bytes at a time: the run of hostname characters, and the label rules
    // checked on bit masks of its dots and dashes. `prev` is the byte before the block ('.'
    // before the start, so that a leading '.' or '-' fails like one after a dot).
    char const* q = p;
    char prev = '.';
    std::size_t top = 0, top_before = 0;  // start of the last label, and of the one before it
    auto dot_at = [&](std::size_t i) {
        top_before = top;
        top = i + 1;
    };
#if defined(__SSE2__)
    __m128i const a_minus_1 = _mm_set1_epi8('a' - 1), z_plus_1 = _mm_set1_epi8('z' + 1);
    __m128i const zero_minus_1 = _mm_set1_epi8('0' - 1), nine_plus_1 = _mm_set1_epi8('9' + 1);
    __m128i const dash = _mm_set1_epi8('-'), dot = _mm_set1_epi8('.'), bit5 = _mm_set1_epi8(0x20);
    while (end - q >= 16) {
        __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(q));
        __m128i const low = _mm_or_si128(v, bit5);
        __m128i const alpha = _mm_and_si128(_mm_cmpgt_epi8(low, a_minus_1), _mm_cmplt_epi8(low, z_plus_1));
        __m128i const digit = _mm_and_si128(_mm_cmpgt_epi8(v, zero_minus_1), _mm_cmplt_epi8(v, nine_plus_1));
        __m128i const is_dash = _mm_cmpeq_epi8(v, dash), is_dot = _mm_cmpeq_epi8(v, dot);
        __m128i const ok = _mm_or_si128(_mm_or_si128(alpha, digit), _mm_or_si128(is_dash, is_dot));
        unsigned const stop = static_cast<unsigned>(~_mm_movemask_epi8(ok)) & 0xffffu;
        unsigned const in_run = stop ? (1u << __builtin_ctz(stop)) - 1 : 0xffffu;
        unsigned const d = static_cast<unsigned>(_mm_movemask_epi8(is_dot)) & in_run;
        unsigned const h = static_cast<unsigned>(_mm_movemask_epi8(is_dash)) & in_run;
        unsigned const after_dot = (d << 1) | (prev == '.' ? 1u : 0u);
        unsigned const after_dash = (h << 1) | (prev == '-' ? 1u : 0u);
        // "..", "-." and ".-" never occur inside a hostname
        if ((d & (after_dot | after_dash)) != 0 || (h & after_dot) != 0) return 0;
        if (d) {
            std::size_t const base = static_cast<std::size_t>(q - p);
            unsigned const last = 31u - static_cast<unsigned>(__builtin_clz(d));
            unsigned const rest = d & ~(1u << last);
            if (rest) top = base + (31u - static_cast<unsigned>(__builtin_clz(rest))) + 1;
            dot_at(base + last);
        }
        if (stop) {
            q += __builtin_ctz(stop);
            goto done;
        }
        prev = q[15];
        q += 16;
    }
#endif
    for (; q != end && is(*q, cc_hostname); ++q) {
        char const c = *q;
        if (c == '.') {
            if (prev == '.' || prev == '-') return 0;
            dot_at(static_cast<std::size_t>(q - p));
        } else if (c == '-' && prev == '.') {
            return 0;
        }
        prev = c;
    }
#if defined(__SSE2__)
done:
#endif
    std::size_t const n = static_cast<std::size_t>(q - p);
    if (n == 0) return 0;
    // one trailing dot is allowed; then the top label is the one before it
    bool const trailing_dot = p[n - 1] == '.';
    std::size_t const stop_at = trailing_dot ? n - 1 : n;
    // domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum   (RFC 3261 §25.1)
    if (stop_at == 0 || p[stop_at - 1] == '-') return 0;
    // toplabel = ALPHA / ALPHA *( alphanum / "-" ) alphanum   (RFC 3261 §25.1)
    return ascii_alpha(static_cast<unsigned char>(p[trailing_dot ? top_before : top])) ? n : 0;
}


// The host at the start of [p, end), as the grammars read it (kind none when there is none).
inline host_value host_at(char const* p, char const* end) noexcept {
    if (p != end && *p == '[') {
        std::size_t const n = ipv6_length(p + 1, end);
        if (n == 0 || p + 1 + n == end || p[1 + n] != ']') return {};
        return {std::string_view(p, n + 2), host_type::ipv6};
    }
    if (std::size_t const v4 = (p != end && ascii_digit(static_cast<unsigned char>(*p))) ? ipv4_length(p, end) : 0;
        v4 != 0 && (p + v4 == end || !is(p[v4], cc_hostname)))
        return {std::string_view(p, v4), host_type::ipv4};
    if (std::size_t const n = hostname_length(p, end); n != 0) return {std::string_view(p, n), host_type::domain};
    return {};
}

// Length of an IP address at p as Via received= carries it: IPv4, IPv6, or IPv6 in
// brackets (RFC 5118 §4.5). 0 when there is none.
constexpr std::size_t ip_address_length(char const* p, char const* end) noexcept {
    if (p != end && *p == '[') {
        std::size_t const v6 = ipv6_length(p + 1, end);
        return v6 != 0 && p + 1 + v6 != end && p[1 + v6] == ']' ? v6 + 2 : 0;
    }
    if (std::size_t const v4 = ipv4_length(p, end); v4 != 0 && (p + v4 == end || p[v4] != ':')) return v4;
    return ipv6_length(p, end);
}

// Whole-text checks, for what a builder is asked to write.
inline bool is_host(std::string_view v) noexcept {
    return !v.empty() && host_at(v.data(), v.data() + v.size()).text.size() == v.size();
}
constexpr bool is_ip_address(std::string_view v) noexcept {
    return !v.empty() && ip_address_length(v.data(), v.data() + v.size()) == v.size();
}

}  // namespace sipwire::detail

#endif
