// sipwire — X3 grammar for name-addr / addr-spec values: From, To, Contact, Route,
// Record-Route (RFC 3261 §20.10, §20.20, §20.30, §20.34, §20.39, §25.1).
#ifndef SIPWIRE_DETAIL_GRAMMAR_NAME_ADDR_HPP
#define SIPWIRE_DETAIL_GRAMMAR_NAME_ADDR_HPP

#include <sipwire/detail/grammar/common.hpp>
#include <sipwire/detail/grammar/uri.hpp>
#include <sipwire/headers/name_addr.hpp>

namespace sipwire::detail::grammar {

struct display_value {
    std::string_view text;
    bool quoted = false;
};

// A display name that breaks the grammar, accepted only when tolerated:
//  - unquoted text with non-token characters, "Bell, Alexander <sip:...>" (RFC 4475 baddn),
//    or stray quotes, ""unknown"" <sip:...> (Cisco phones, nksip #20): lenient::unquoted_display_name
//  - an opening DQUOTE never closed, "Mr. J. User <sip:...> (RFC 4475 quotbal): the name
//    runs to the '<', lenient::unterminated_quote
// It must be followed by '<', which it leaves in place.
struct lenient_display_parser : x3::parser<lenient_display_parser> {
    using attribute_type = display_value;
    static bool const has_attribute = true;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const noexcept {
        char const* p = first;
        while (p != last && *p != '<' && *p != '>') ++p;
        if (p == last || *p != '<') return false;
        std::string_view text = trim_lws(std::string_view(first, static_cast<std::size_t>(p - first)));
        if (text.empty()) return false;
        display_value v{text, false};
        if (text.front() == '"' && skip_quoted(text, 0) == text.size() && text.back() != '"') {
            if (!tolerate(ctx, lenient::unterminated_quote)) return false;
            v = {trim_lws(text.substr(1)), true};
        } else if (!tolerate(ctx, lenient::unquoted_display_name)) {
            return false;
        }
        if constexpr (std::is_same_v<Attr, display_value>) attr = v;
        first = p;
        touch(ctx, first);
        return true;
    }
};
inline constexpr lenient_display_parser lenient_display{};

// Whitespace between '<' or '>' and the URI: not in the grammar (RFC 4475 badaspec).
struct inner_space_parser : x3::parser<inner_space_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const noexcept {
        char const* const p = skip_lws(first, last);
        if (p == first) return true;
        if (!tolerate(ctx, lenient::addr_spec_spaces)) return false;
        first = p;
        touch(ctx, first);
        return true;
    }
};
inline constexpr inner_space_parser inner_space{};

// qvalue  =  ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )   (RFC 3261 §25.1)
struct qvalue_parser : x3::parser<qvalue_parser> {
    using attribute_type = std::string_view;
    static bool const has_attribute = true;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const noexcept {
        if (first == last || (*first != '0' && *first != '1')) return false;
        char const* p = first + 1;
        if (p != last && *p == '.') {
            ++p;
            int n = 0;
            while (p != last && n < 3 && ascii_digit(static_cast<unsigned char>(*p)) && (*first == '0' || *p == '0')) ++p, ++n;
        }
        assign(attr, std::string_view(first, static_cast<std::size_t>(p - first)));
        first = p;
        touch(ctx, first);
        return true;
    }
};
inline constexpr qvalue_parser qvalue{};

// A fresh view before each alternative, so a failed branch leaves nothing behind.
inline auto const na_reset = [](auto& ctx) {
    _val(ctx) = name_addr_view{};
    x3::get<defects_tag>(ctx) = lenient::none;
};
inline auto const na_set_display_quoted = [](auto& ctx) {
    _val(ctx).display_name = _attr(ctx);
    _val(ctx).display_quoted = true;
};
inline auto const na_set_display_tokens = [](auto& ctx) {
    _val(ctx).display_name = _attr(ctx);
    _val(ctx).display_quoted = false;
};
inline auto const na_set_display_lenient = [](auto& ctx) {
    _val(ctx).display_name = _attr(ctx).text;
    _val(ctx).display_quoted = _attr(ctx).quoted;
};
inline auto const na_set_bracketed = [](auto& ctx) { _val(ctx).bracketed = true; };
// "?headers" after an addr-spec outside <> (RFC 4475 regbadct): kept in the URI when tolerated.
inline auto const na_set_bare_headers = [](auto& ctx) {
    uri_view& u = _val(ctx).uri;
    std::string_view const h = _attr(ctx);
    _pass(ctx) = u.is_sip() && tolerate(ctx, lenient::addr_spec_with_headers);
    u.headers = h;
    u.text = std::string_view(u.text.data(), static_cast<std::size_t>(h.data() + h.size() - u.text.data()));
};
inline auto const na_set_params = [](auto& ctx) { _val(ctx).params = _attr(ctx); };
inline auto const na_set_tag = [](auto& ctx) { _val(ctx).tag = _attr(ctx); };
inline auto const na_set_expires = [](auto& ctx) { _val(ctx).expires = _attr(ctx); };
inline auto const na_set_q = [](auto& ctx) { _val(ctx).q = _attr(ctx); };
inline auto const na_set_star = [](auto& ctx) { _val(ctx).is_star = true; };

inline auto const na_reject_known = [](auto& ctx) {
    std::string_view const n = boost::fusion::at_c<0>(_attr(ctx));
    _pass(ctx) = !ci_equal(n, "tag") && !ci_equal(n, "expires") && !ci_equal(n, "q");
};

// tag-param    =  "tag" EQUAL token   (RFC 3261 §25.1)
// c-p-expires  =  "expires" EQUAL delta-seconds   (RFC 3261 §25.1)
// c-p-q        =  "q" EQUAL qvalue   (RFC 3261 §25.1)
// generic-param (from-param, to-param, contact-extension, rr-param)
inline auto const header_param = (kw("tag") >> equal >> token[na_set_tag]) |
                                 (kw("expires") >> equal >> delta_seconds[na_set_expires]) |
                                 (kw("q") >> equal >> qvalue[na_set_q]) | generic_param[na_reject_known];
inline auto const header_params = as_sv[*(semi >> header_param)][na_set_params];

// name-addr     =  [ display-name ] LAQUOT addr-spec RAQUOT   (RFC 3261 §25.1)
// display-name  =  *(token LWS)/ quoted-string   (RFC 3261 §25.1)
// (The LWS after the last token is optional: "caller<sip:...>", RFC 4475 lwsdisp.)
inline auto const bracketed_uri =
    laquot >> inner_space >> into<&name_addr_view::uri>[uri] >> inner_space >> raquot >> x3::eps[na_set_bracketed];
inline auto const name_addr_form = (quoted_inner[na_set_display_quoted] >> bracketed_uri) |
                                   (as_sv[token >> *(lws >> token)][na_set_display_tokens] >> bracketed_uri) |
                                   bracketed_uri | (lenient_display[na_set_display_lenient] >> bracketed_uri);
// addr-spec  =  SIP-URI / SIPS-URI / absoluteURI — outside <> its parameters are header   (RFC 3261 §25.1)
// parameters (RFC 3261 §20.10), so the URI stops before ';'.
inline auto const addr_spec_form =
    into<&name_addr_view::uri>[uri_bare] >> -(lit('?') >> as_sv[uri_headers])[na_set_bare_headers];

struct name_addr_class;
struct contact_class;
struct route_class;
// from-spec  =  ( name-addr / addr-spec ) *( SEMI from-param )     (To: the same with to-param)   (RFC 3261 §25.1)
x3::rule<name_addr_class, name_addr_view> const name_addr_value = "name-addr";
// contact-param  =  (name-addr / addr-spec) *(SEMI contact-params) ; or STAR   (RFC 3261 §25.1)
x3::rule<contact_class, name_addr_view> const contact_value = "contact";
// route-param  =  name-addr *( SEMI rr-param ) ; rec-route = name-addr *( SEMI rr-param )   (RFC 3261 §25.1)
x3::rule<route_class, name_addr_view> const route_value = "route";

// The attribute arrives fresh; only a fallback after a failed branch needs a reset.
inline auto const name_addr_value_def = (name_addr_form >> header_params >> eoi) |
                                        (x3::eps[na_reset] >> addr_spec_form >> header_params >> eoi);
inline auto const contact_value_def = (lit('*') >> eoi)[na_set_star] | into_self[name_addr_value];
inline auto const route_value_def = name_addr_form >> header_params >> eoi;

BOOST_SPIRIT_DEFINE(name_addr_value, contact_value, route_value)

}  // namespace sipwire::detail::grammar

#endif
