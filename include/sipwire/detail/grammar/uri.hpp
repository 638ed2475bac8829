// sipwire — X3 grammar for URIs (RFC 3261 §19.1, §25.1; RFC 3966; RFC 2396 absoluteURI).
#ifndef SIPWIRE_DETAIL_GRAMMAR_URI_HPP
#define SIPWIRE_DETAIL_GRAMMAR_URI_HPP

#include <sipwire/detail/grammar/common.hpp>
#include <sipwire/uri.hpp>

namespace sipwire::detail::grammar {

// userinfo  =  ( user / telephone-subscriber ) [ ":" password ] "@"   (RFC 3261 §25.1)
// user      =  1*( unreserved / escaped / user-unreserved )   (RFC 3261 §25.1)
// password  =  *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )   (RFC 3261 §25.1)
// The user part may hold ';' and '?' (RFC 4475 semiuri, intmeth), so userinfo is
// recognised by looking ahead for its '@' rather than by trying a host first.
struct userinfo_value {
    std::string_view user;
    std::optional<std::string_view> password;
};
struct userinfo_parser : x3::parser<userinfo_parser> {
    using attribute_type = userinfo_value;
    static bool const has_attribute = true;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const noexcept {
        std::size_t const u = escaped_run_length(first, last, cc_user);
        if (u == 0 || u == std::string_view::npos) return false;
        char const* p = first + u;
        userinfo_value v{std::string_view(first, u), std::nullopt};
        if (p != last && *p == ':') {
            std::size_t const w = escaped_run_length(p + 1, last, cc_password);
            if (w == std::string_view::npos) return false;
            v.password = std::string_view(p + 1, w);
            p += 1 + w;
        }
        if (p == last || *p != '@') return false;
        if constexpr (std::is_same_v<Attr, userinfo_value>) attr = v;
        first = p + 1;
        touch(ctx, first);
        return true;
    }
};
inline constexpr userinfo_parser userinfo{};

// scheme  =  ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )     (followed by ":")   (RFC 3261 §25.1)
struct scheme_parser : x3::parser<scheme_parser> {
    using attribute_type = std::string_view;
    static bool const has_attribute = true;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const noexcept {
        if (first == last || !ascii_alpha(static_cast<unsigned char>(*first))) return false;
        std::size_t const n = run_length(first, last, cc_scheme);
        if (first + n == last || first[n] != ':') return false;
        assign(attr, std::string_view(first, n));
        first += n + 1;
        touch(ctx, first);
        return true;
    }
};
inline constexpr scheme_parser scheme{};

// Each URI form starts by naming its scheme; that is also where the optional parts are
// cleared, since a URI may be parsed into a view a failed alternative already wrote to.
inline void clear_uri(uri_view& u, std::string_view scheme) noexcept {
    u.scheme = scheme;
    u.user.reset();
    u.password.reset();
    u.port.reset();
    u.host = u.params = u.headers = {};
    u.host_kind = host_type::none;
}
inline auto const set_scheme_sip = [](auto& ctx) {
    std::string_view const s = _attr(ctx);
    clear_uri(_val(ctx), s);
    _val(ctx).kind = ci_equal(s, "sips") ? uri_scheme::sips : ci_equal(s, "sip") ? uri_scheme::sip : uri_scheme::other;
    _pass(ctx) = _val(ctx).kind != uri_scheme::other;
};
inline auto const set_scheme_tel = [](auto& ctx) {
    clear_uri(_val(ctx), _attr(ctx));
    _val(ctx).kind = uri_scheme::tel;
    _pass(ctx) = ci_equal(_attr(ctx), "tel");
};
inline auto const set_scheme_other = [](auto& ctx) {
    std::string_view const s = _attr(ctx);
    clear_uri(_val(ctx), s);
    _val(ctx).kind = uri_scheme::other;
    _pass(ctx) = !ci_equal(s, "sip") && !ci_equal(s, "sips") && !ci_equal(s, "tel");
};
inline auto const set_userinfo = [](auto& ctx) {
    _val(ctx).user = _attr(ctx).user;
    _val(ctx).password = _attr(ctx).password;
};
inline auto const set_params = [](auto& ctx) { _val(ctx).params = _attr(ctx); };
inline auto const set_headers = [](auto& ctx) { _val(ctx).headers = _attr(ctx); };
inline auto const set_user = [](auto& ctx) { _val(ctx).user = _attr(ctx); };
inline auto const set_text = [](auto& ctx) { _val(ctx).text = _attr(ctx); };

// uri-parameter  =  transport-param / user-param / method-param / ttl-param / maddr-param / lr-param / other-param   (RFC 3261 §25.1)
// other-param    =  pname [ "=" pvalue ]   (RFC 3261 §25.1)
// pname          =  1*paramchar ;  pvalue = 1*paramchar   (RFC 3261 §25.1)
// paramchar      =  param-unreserved / unreserved / escaped   (RFC 3261 §25.1)
// (Every uri-parameter form is an other-param syntactically; uri_view checks values on use.)
inline auto const uri_param = escaped_run<cc_param> >> -(lit('=') >> escaped_run<cc_param>);
// headers  =  "?" header *( "&" header )   (RFC 3261 §25.1)
// header   =  hname "=" hvalue ;  hname = 1*( hnv-unreserved / unreserved / escaped )   (RFC 3261 §25.1)
// hvalue   =  *( hnv-unreserved / unreserved / escaped )   (RFC 3261 §25.1)
inline auto const uri_header = escaped_run<cc_hnv> >> lit('=') >> escaped_run<cc_hnv, 0>;
inline auto const uri_headers = uri_header >> *(lit('&') >> uri_header);

// hostport  =  host [ ":" port ]   (RFC 3261 §25.1)
inline auto const hostport = host[set_host] >> -(lit(':') >> port[set_port]);

// SIP-URI   =  "sip:" [ userinfo ] hostport uri-parameters [ headers ]   (RFC 3261 §25.1)
// SIPS-URI  =  "sips:" [ userinfo ] hostport uri-parameters [ headers ]   (RFC 3261 §25.1)
// uri-parameters  =  *( ";" uri-parameter)   (RFC 3261 §25.1)
inline auto const sip_uri_full = scheme[set_scheme_sip] >> -userinfo[set_userinfo] >> hostport >>
                                 as_sv[*(lit(';') >> uri_param)][set_params] >>
                                 -(lit('?') >> as_sv[uri_headers][set_headers]);
// The same without parameters or headers: an addr-spec outside <> ends at ';' (RFC 3261 §20).
inline auto const sip_uri_bare = scheme[set_scheme_sip] >> -userinfo[set_userinfo] >> hostport;

// telephone-uri         =  "tel:" telephone-subscriber                      (RFC 3966 §3)
// telephone-subscriber  =  global-number / local-number   (RFC 3966 §3)
// global-number-digits  =  "+" *phonedigit DIGIT *phonedigit   (RFC 3966 §3)
// local-number-digits   =  *phonedigit-hex (HEXDIG / "*" / "#")*phonedigit-hex   (RFC 3966 §3)
// par                   =  parameter / extension / isdn-subaddress ; parameter = ";" pname ["=" pvalue ]   (RFC 3966 §3)
inline auto const tel_number = run<cc_phonedigit>;
inline auto const tel_uri_full =
    scheme[set_scheme_tel] >> tel_number[set_user] >> as_sv[*(lit(';') >> uri_param)][set_params];
inline auto const tel_uri_bare = scheme[set_scheme_tel] >> tel_number[set_user];

// absoluteURI  =  scheme ":" ( hier-part / opaque-part )   (RFC 3261 §25.1)
// hier-part / opaque-part  =  1*( uric / escaped )   (both are runs of uric here)   (RFC 3261 §25.1)
inline auto const abs_uri_full = scheme[set_scheme_other] >> escaped_run<cc_uric>;
inline auto const abs_uri_bare = scheme[set_scheme_other] >> escaped_run<cc_uric_bare>;

struct uri_class;
struct uri_bare_class;
// Request-URI  =  SIP-URI / SIPS-URI / absoluteURI   (tel is an absoluteURI with its own rules)   (RFC 3261 §25.1)
x3::rule<uri_class, uri_view> const uri = "uri";
// addr-spec outside <>: the URI without parameters or headers
x3::rule<uri_bare_class, uri_view> const uri_bare = "uri-bare";

inline auto const uri_def = as_sv[sip_uri_full | tel_uri_full | abs_uri_full][set_text];
inline auto const uri_bare_def = as_sv[sip_uri_bare | tel_uri_bare | abs_uri_bare][set_text];

BOOST_SPIRIT_DEFINE(uri, uri_bare)

}  // namespace sipwire::detail::grammar

#endif
