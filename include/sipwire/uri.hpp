// sipwire — URIs: sip, sips (RFC 3261 §19.1), tel (RFC 3966) and any other absolute URI.
// uri_view holds views of the parts exactly as written (escapes kept). Parsing lives in
// parse.hpp (parse_uri); comparison and unescaping are here and need no grammar.
#ifndef SIPWIRE_URI_HPP
#define SIPWIRE_URI_HPP

#include <sipwire/detail/chars.hpp>
#include <sipwire/detail/ci.hpp>
#include <sipwire/error.hpp>
#include <sipwire/headers/params.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace sipwire {

enum class uri_scheme : std::uint8_t { other = 0, sip, sips, tel };
enum class host_type : std::uint8_t { none = 0, domain, ipv4, ipv6 };

struct uri_view {
    std::string_view text;       // the whole URI as written
    std::string_view scheme;     // as written ("SIP" stays "SIP"); compare with iequals
    uri_scheme kind = uri_scheme::other;
    std::optional<std::string_view> user;      // sip/sips: user part (escapes kept; may hold ';'); tel: the number
    std::optional<std::string_view> password;  // sip/sips only
    std::string_view host;                     // sip/sips: as written, IPv6 with its brackets
    host_type host_kind = host_type::none;
    std::optional<std::uint16_t> port;
    std::string_view params;    // ";name=value..." as written, with the leading ';' (sip, sips, tel)
    std::string_view headers;   // "name=value&..." after '?', as written (sip, sips)

    bool is_sip() const noexcept { return kind == uri_scheme::sip || kind == uri_scheme::sips; }
    // Everything after "scheme:" (the whole body of an absolute URI of another scheme).
    std::string_view opaque() const noexcept { return text.size() > scheme.size() ? text.substr(scheme.size() + 1) : std::string_view{}; }
    param_range parameters() const noexcept { return param_range(params, ';'); }
    std::optional<param_view> param(std::string_view name) const noexcept { return parameters().find(name); }
    bool has_param(std::string_view name) const noexcept { return parameters().contains(name); }
    // Loose routing flag (RFC 3261 §19.1.1): `lr` with or without a value (`lr=on` exists in the wild).
    bool lr() const noexcept { return has_param("lr"); }
    std::string_view transport() const noexcept {
        auto p = param("transport");
        return p && p->value ? *p->value : std::string_view{};
    }
    std::string_view maddr() const noexcept {
        auto p = param("maddr");
        return p && p->value ? *p->value : std::string_view{};
    }
    // Headers of the URI ("?a=b&c=d"), as a parameter range with '&' separators.
    param_range header_fields() const noexcept { return param_range(headers, '&'); }
};

// Decodes %HH escapes into `out` (RFC 3261 §19.1.2). %00 is written as a NUL byte and does
// not end the output (RFC 4475 escnull). Returns the decoded length.
inline result<std::size_t> unescape(std::string_view in, char* out, std::size_t capacity) noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '%') {
            if (in.size() - i < 3) return parse_error{errc::bad_uri, static_cast<std::uint32_t>(i), field::other};
            int const hi = detail::hex_value(in[i + 1]), lo = detail::hex_value(in[i + 2]);
            if (hi < 0 || lo < 0) return parse_error{errc::bad_uri, static_cast<std::uint32_t>(i), field::other};
            c = static_cast<char>(hi * 16 + lo);
            i += 2;
        }
        if (n == capacity) return parse_error{errc::buffer_too_small, static_cast<std::uint32_t>(i), field::other};
        out[n++] = c;
    }
    return n;
}

namespace detail {

// Walks a URI component one decoded character at a time. An escaped character from the
// reserved set stays distinct from the same character unescaped (RFC 3261 §19.1.4:
// "%3B" is not ";"), every other escape equals its character ("%61" is "a").
class decoded_cursor {
public:
    constexpr explicit decoded_cursor(std::string_view s) noexcept : s_(s) {}
    constexpr bool done() const noexcept { return i_ >= s_.size(); }
    // Next decoded unit: the byte, plus 0x100 when it is an escaped reserved character.
    constexpr int next() noexcept {
        char const c = s_[i_];
        if (c == '%' && s_.size() - i_ >= 3) {
            int const hi = hex_value(s_[i_ + 1]), lo = hex_value(s_[i_ + 2]);
            if (hi >= 0 && lo >= 0) {
                i_ += 3;
                int const v = hi * 16 + lo;
                return is(static_cast<char>(v), cc_reserved) ? v | 0x100 : v;
            }
        }
        ++i_;
        return static_cast<unsigned char>(c);
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;
};

constexpr bool decoded_equal(std::string_view a, std::string_view b, bool ignore_case) noexcept {
    decoded_cursor x(a), y(b);
    while (!x.done() && !y.done()) {
        int cx = x.next(), cy = y.next();
        if (ignore_case) {
            if (cx < 0x100) cx = static_cast<unsigned char>(to_lower(static_cast<char>(cx)));
            if (cy < 0x100) cy = static_cast<unsigned char>(to_lower(static_cast<char>(cy)));
        }
        if (cx != cy) return false;
    }
    return x.done() && y.done();
}

// tel numbers compare without their visual separators (RFC 3966 §4).
constexpr bool tel_number_equal(std::string_view a, std::string_view b) noexcept {
    auto skip = [](std::string_view s, std::size_t i) {
        while (i < s.size() && (s[i] == '-' || s[i] == '.' || s[i] == '(' || s[i] == ')')) ++i;
        return i;
    };
    std::size_t i = skip(a, 0), j = skip(b, 0);
    while (i < a.size() && j < b.size()) {
        if (to_lower(a[i]) != to_lower(b[j])) return false;
        i = skip(a, i + 1);
        j = skip(b, j + 1);
    }
    return i >= a.size() && j >= b.size();
}

// Parameters that, like a port, differ from "absent" even at their default value.
constexpr bool uri_param_must_match(std::string_view name) noexcept {
    return ci_equal(name, "user") || ci_equal(name, "ttl") || ci_equal(name, "method") || ci_equal(name, "maddr") ||
           ci_equal(name, "transport");
}

// Every parameter of `a` that must match (or that `b` also has) matches in `b`. A name may
// repeat; each occurrence in `a` needs an equal one in `b` (so that a URI equals itself).
inline bool params_match_one_way(param_range a, param_range b) noexcept {
    for (auto const& p : a) {
        bool named = false, equal = false;
        for (auto const& q : b) {
            if (!ci_equal(p.name, q.name)) continue;
            named = true;
            if (p.value.has_value() == q.value.has_value() && (!p.value || decoded_equal(*p.value, *q.value, true))) {
                equal = true;
                break;
            }
        }
        if (named ? !equal : uri_param_must_match(p.name)) return false;
    }
    return true;
}

inline bool headers_match_one_way(param_range a, param_range b) noexcept {
    for (auto const& h : a) {
        bool found = false;
        for (auto const& k : b) {
            if (!decoded_equal(h.name, k.name, true)) continue;
            found = h.value.has_value() == k.value.has_value() && (!h.value || decoded_equal(*h.value, *k.value, false));
            if (found) break;
        }
        if (!found) return false;
    }
    return true;
}

}  // namespace detail

// URI equality of RFC 3261 §19.1.4 for sip and sips: scheme and host case-insensitive,
// user and password case-sensitive, escapes decoded; a port or a user/ttl/method/maddr/
// transport parameter present in only one URI makes them differ; other parameters count
// only when both carry them; URI headers must all be present in both. tel URIs compare
// numbers without visual separators (RFC 3966 §4), other schemes compare their text with
// the scheme case-insensitive.
inline bool uri_equal(uri_view const& a, uri_view const& b) noexcept {
    using namespace detail;
    if (a.kind != b.kind) return false;
    if (a.kind == uri_scheme::other)
        return ci_equal(a.scheme, b.scheme) && decoded_equal(a.opaque(), b.opaque(), false);
    if (a.kind == uri_scheme::tel) {
        if (!a.user || !b.user || !tel_number_equal(*a.user, *b.user)) return false;
        return params_match_one_way(a.parameters(), b.parameters()) && params_match_one_way(b.parameters(), a.parameters());
    }
    if (a.user.has_value() != b.user.has_value()) return false;
    if (a.user && !decoded_equal(*a.user, *b.user, false)) return false;
    if (a.password.has_value() != b.password.has_value()) return false;
    if (a.password && !decoded_equal(*a.password, *b.password, false)) return false;
    if (!ci_equal(a.host, b.host)) return false;
    if (a.port != b.port) return false;
    if (!params_match_one_way(a.parameters(), b.parameters()) || !params_match_one_way(b.parameters(), a.parameters()))
        return false;
    return headers_match_one_way(a.header_fields(), b.header_fields()) &&
           headers_match_one_way(b.header_fields(), a.header_fields());
}

}  // namespace sipwire

#endif
