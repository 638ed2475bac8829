// sipwire — our own Boost.Spirit X3 primitives. Only detail/grammar/ includes this.
//
// X3 gives the grammar its structure; these table-driven primitives do the byte work and
// yield std::string_view (x3::raw cannot target string_view on Boost 1.74, spirit #487).
// Every primitive records how far it got in the context (furthest_tag), so a failed parse
// reports the byte offset where the input stopped making sense.
#ifndef SIPWIRE_DETAIL_X3_EXT_HPP
#define SIPWIRE_DETAIL_X3_EXT_HPP

#include <sipwire/config.hpp>
#include <sipwire/detail/chars.hpp>
#include <sipwire/detail/host.hpp>
#include <sipwire/detail/scan.hpp>
#include <sipwire/uri.hpp>

#include <boost/spirit/home/x3/auxiliary/eoi.hpp>
#include <boost/spirit/home/x3/auxiliary/eps.hpp>
#include <boost/spirit/home/x3/char/char.hpp>
#include <boost/spirit/home/x3/core.hpp>
#include <boost/spirit/home/x3/directive/with.hpp>
#include <boost/spirit/home/x3/nonterminal/rule.hpp>
#include <boost/spirit/home/x3/operator.hpp>
#include <boost/fusion/include/at_c.hpp>

#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace sipwire::detail::x3ext {

namespace x3 = boost::spirit::x3;

struct furthest_tag;  // context: char const*& — the furthest position any primitive reached
struct allow_tag;     // context: lenient const& — tolerances the caller allows
struct defects_tag;   // context: lenient& — tolerances actually used

template <class Ctx>
inline void touch(Ctx const& ctx, char const* p) noexcept {
    auto& f = x3::get<furthest_tag>(ctx);
    if constexpr (!std::is_same_v<std::decay_t<decltype(f)>, x3::unused_type>) {
        if (p > f) f = p;
    }
}

template <class Attr>
inline constexpr bool is_unused_v = std::is_same_v<std::remove_cv_t<Attr>, x3::unused_type>;

// Stores a primitive's string_view into whatever X3 hands it: a string_view, an optional
// of one (X3 passes optional<T> straight through a one-element sequence), or nothing.
template <class Attr>
inline void assign(Attr& attr, std::string_view v) noexcept {
    if constexpr (is_unused_v<Attr>) (void)v;
    else if constexpr (std::is_assignable_v<Attr&, std::string_view>) attr = v;
    else static_assert(is_unused_v<Attr>, "string_view primitive bound to another attribute type");
}

// True when the caller allows `flag`; records the defect when it does.
template <class Ctx>
inline bool tolerate(Ctx const& ctx, lenient flag) noexcept {
    if (!allows(x3::get<allow_tag>(ctx), flag)) return false;
    x3::get<defects_tag>(ctx) |= flag;
    return true;
}

// ---------------------------------------------------------------------------------------
// run<Mask, Min>: a run of at least Min characters of the class Mask.
template <std::uint32_t Mask, std::size_t Min = 1>
struct run_parser : x3::parser<run_parser<Mask, Min>> {
    using attribute_type = std::string_view;
    static bool const has_attribute = true;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const noexcept {
        std::size_t const n = run_length(first, last, Mask);
        if (n < Min) return false;
        assign(attr, std::string_view(first, n));
        first += n;
        touch(ctx, first);
        return true;
    }
};
template <std::uint32_t Mask, std::size_t Min = 1>
inline constexpr run_parser<Mask, Min> run{};

// escaped_run<Mask>: characters of Mask or %HH escapes (RFC 3261 §25.1 escaped).
template <std::uint32_t Mask, std::size_t Min = 1>
struct escaped_run_parser : x3::parser<escaped_run_parser<Mask, Min>> {
    using attribute_type = std::string_view;
    static bool const has_attribute = true;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const noexcept {
        std::size_t const n = escaped_run_length(first, last, Mask);
        if (n == std::string_view::npos) {
            touch(ctx, first);
            return false;
        }
        if (n < Min) return false;
        assign(attr, std::string_view(first, n));
        first += n;
        touch(ctx, first);
        return true;
    }
};
template <std::uint32_t Mask, std::size_t Min = 1>
inline constexpr escaped_run_parser<Mask, Min> escaped_run{};

// as_sv[p]: the text p matched, as a string_view.
template <class Subject>
struct as_sv_directive : x3::unary_parser<Subject, as_sv_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, as_sv_directive<Subject>>;
    using attribute_type = std::string_view;
    static bool const has_attribute = true;
    static bool const handles_container = false;
    constexpr as_sv_directive(Subject const& s) : base_type(s) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        It const start = first;
        if (!this->subject.parse(first, last, ctx, rctx, x3::unused)) return false;
        assign(attr, std::string_view(start, static_cast<std::size_t>(first - start)));
        return true;
    }
};
struct as_sv_gen {
    template <class Subject>
    constexpr as_sv_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](Subject const& s) const {
        return {x3::as_parser(s)};
    }
};
inline constexpr as_sv_gen as_sv{};

// into<&view::member>[p]: parses p straight into a member of the enclosing rule's attribute
// (X3 hands a rule's attribute to its parsers as the rule context), with no temporary.
template <auto Member, class Subject>
struct into_directive : x3::unary_parser<Subject, into_directive<Member, Subject>> {
    using base_type = x3::unary_parser<Subject, into_directive<Member, Subject>>;
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    constexpr into_directive(Subject const& s) : base_type(s) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        return this->subject.parse(first, last, ctx, rctx, rctx.*Member);
    }
};
template <auto Member>
struct into_gen {
    template <class Subject>
    constexpr into_directive<Member, typename x3::extension::as_parser<Subject>::value_type> operator[](Subject const& s) const {
        return {x3::as_parser(s)};
    }
};
template <auto Member>
inline constexpr into_gen<Member> into{};

// into_self[rule]: runs another rule on the enclosing rule's own attribute (same type).
template <class Subject>
struct into_self_directive : x3::unary_parser<Subject, into_self_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, into_self_directive<Subject>>;
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    constexpr into_self_directive(Subject const& s) : base_type(s) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        return this->subject.parse(first, last, ctx, rctx, rctx);
    }
};
struct into_self_gen {
    template <class Subject>
    constexpr into_self_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](Subject const& s) const {
        return {x3::as_parser(s)};
    }
};
inline constexpr into_self_gen into_self{};

// ci("text"): an ASCII literal compared without case (ABNF strings are case-insensitive).
// kw("text"): the same, not followed by a token character (a parameter or scheme name).
struct ci_lit_parser : x3::parser<ci_lit_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    std::string_view text;
    bool whole_token;
    constexpr ci_lit_parser(std::string_view t, bool w) : text(t), whole_token(w) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const noexcept {
        if (static_cast<std::size_t>(last - first) < text.size()) return false;
        for (std::size_t i = 0; i < text.size(); ++i)
            if (to_lower(first[i]) != to_lower(text[i])) return false;
        if (whole_token && first + text.size() != last && is(first[text.size()], cc_token)) return false;
        first += text.size();
        touch(ctx, first);
        return true;
    }
};
constexpr ci_lit_parser ci(std::string_view t) { return {t, false}; }
constexpr ci_lit_parser kw(std::string_view t) { return {t, true}; }

// ---------------------------------------------------------------------------------------
// Whitespace (RFC 3261 §25.1). Folds may end with CRLF or, when stage 1 allowed it, LF.
//   LWS  =  [*WSP CRLF] 1*WSP   (RFC 3261 §25.1)
//   SWS  =  [LWS]   (RFC 3261 §25.1)
template <bool Required>
struct lws_parser : x3::parser<lws_parser<Required>> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const noexcept {
        char const* const p = skip_lws(first, last);
        if (Required && p == first) return false;
        first = p;
        touch(ctx, first);
        return true;
    }
};
inline constexpr lws_parser<true> lws{};
inline constexpr lws_parser<false> sws{};

// SWS c SWS — the separators SEMI, EQUAL, COMMA, SLASH, COLON; and LAQUOT, RAQUOT.
template <char C, bool Before, bool After>
struct sep_parser : x3::parser<sep_parser<C, Before, After>> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const noexcept {
        char const* p = first;
        if (Before && p != last && maybe_lws(*p)) p = skip_lws(p, last);
        if (p == last || *p != C) return false;
        ++p;
        if (After && p != last && maybe_lws(*p)) p = skip_lws(p, last);
        first = p;
        touch(ctx, first);
        return true;
    }
    static constexpr bool maybe_lws(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
};
inline constexpr sep_parser<';', true, true> semi{};    // SEMI   = SWS ";" SWS
inline constexpr sep_parser<'=', true, true> equal{};   // EQUAL  = SWS "=" SWS
inline constexpr sep_parser<',', true, true> comma{};   // COMMA  = SWS "," SWS
inline constexpr sep_parser<'/', true, true> slash{};   // SLASH  = SWS "/" SWS
inline constexpr sep_parser<':', true, true> colon{};   // COLON  = SWS ":" SWS
inline constexpr sep_parser<'<', true, false> laquot{}; // LAQUOT = SWS "<"
inline constexpr sep_parser<'>', false, true> raquot{}; // RAQUOT = ">" SWS

// ---------------------------------------------------------------------------------------
// quoted-string  =  SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE   (RFC 3261 §25.1)
// qdtext         =  LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII   (RFC 3261 §25.1)
// quoted-pair    =  "\" (%x00-09 / %x0B-0C / %x0E-7F)   (RFC 3261 §25.1)
// (The SWS is left to the caller.) Inner = false yields the string with its quotes.
template <bool Inner>
struct quoted_string_parser : x3::parser<quoted_string_parser<Inner>> {
    using attribute_type = std::string_view;
    static bool const has_attribute = true;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const noexcept {
        if (first == last || *first != '"') return false;
        char const* p = first + 1;
        while (p != last) {
            char const c = *p;
            if (c == '"') {
                assign(attr, Inner ? std::string_view(first + 1, static_cast<std::size_t>(p - first - 1))
                                   : std::string_view(first, static_cast<std::size_t>(p + 1 - first)));
                first = p + 1;
                touch(ctx, first);
                return true;
            }
            if (c == '\\') {
                // a backslash at the very end is not an escape of anything (belle-sip CVE-2021-43611)
                if (last - p < 2 || p[1] == '\r' || p[1] == '\n' || static_cast<unsigned char>(p[1]) > 0x7f) break;
                p += 2;
            } else if (is(c, cc_qdtext) || is_wsp(c)) {
                ++p;
            } else if (c == '\r' || c == '\n') {
                char const* q = skip_lws(p, last);
                if (q == p) break;  // a line break that is not a fold
                p = q;
            } else {
                break;
            }
        }
        touch(ctx, p);
        return false;
    }
};
inline constexpr quoted_string_parser<true> quoted_inner{};
inline constexpr quoted_string_parser<false> quoted_raw{};

struct host_parser : x3::parser<host_parser> {
    using attribute_type = host_value;
    static bool const has_attribute = true;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const noexcept {
        host_value const h = host_at(first, last);
        if (h.kind == host_type::none) {
            if (first != last && *first == '[') touch(ctx, first + 1);
            return false;
        }
        first += h.text.size();
        touch(ctx, first);
        if constexpr (std::is_same_v<Attr, host_value>) attr = h;
        return true;
    }
};
inline constexpr host_parser host{};

// An IP address as Via received= carries it: IPv4, IPv6, or IPv6 in brackets (RFC 5118 §4.5).
struct ip_address_parser : x3::parser<ip_address_parser> {
    using attribute_type = std::string_view;
    static bool const has_attribute = true;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const noexcept {
        std::size_t const n = ip_address_length(first, last);
        if (n == 0) return false;
        assign(attr, std::string_view(first, n));
        first += n;
        touch(ctx, first);
        return true;
    }
};
inline constexpr ip_address_parser ip_address{};

// ---------------------------------------------------------------------------------------
// Numbers: 1*DIGIT no larger than Max. Port = 1*DIGIT (1-65535 here; 0 names no port).   (RFC 3261 §25.1)
template <class T, std::uint64_t Max, std::uint64_t Min = 0>
struct uint_parser : x3::parser<uint_parser<T, Max, Min>> {
    using attribute_type = T;
    static bool const has_attribute = true;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const noexcept {
        std::size_t const n = run_length(first, last, cc_digit);
        std::uint64_t v = 0;
        if (n == 0 || !parse_uint(std::string_view(first, n), Max, v) || v < Min) return false;
        if constexpr (!is_unused_v<Attr>) attr = static_cast<T>(v);
        first += n;
        touch(ctx, first);
        return true;
    }
};
inline constexpr uint_parser<std::uint16_t, 65535, 1> port{};
inline constexpr uint_parser<std::uint8_t, 255> uint8{};
inline constexpr uint_parser<std::uint32_t, 0xffffffffu> delta_seconds{};

// Common character runs.
inline constexpr auto token = run<cc_token>;
inline constexpr auto digits = run<cc_digit>;

// The end of the input: a value must be consumed whole.
using x3::eoi;
using x3::lit;

}  // namespace sipwire::detail::x3ext

#endif
