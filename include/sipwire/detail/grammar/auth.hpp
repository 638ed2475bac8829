// sipwire — X3 grammar for challenges and credentials (RFC 3261 §20.7, §20.27, §20.28,
// §20.44, §25.1; RFC 8760 algorithms). Parameter values with commas inside quotes stay whole.
#ifndef SIPWIRE_DETAIL_GRAMMAR_AUTH_HPP
#define SIPWIRE_DETAIL_GRAMMAR_AUTH_HPP

#include <sipwire/detail/grammar/common.hpp>
#include <sipwire/headers/auth.hpp>

namespace sipwire::detail::grammar {

// Digest parameters separated by whitespace only (RFC 3665 §2.1 F3), when tolerated.
struct missing_comma_parser : x3::parser<missing_comma_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const noexcept {
        char const* const p = skip_lws(first, last);
        if (p == first || p == last || !is(*p, cc_token) || !tolerate(ctx, lenient::auth_param_missing_comma)) return false;
        first = p;
        touch(ctx, first);
        return true;
    }
};
inline constexpr missing_comma_parser missing_comma{};

inline auto const auth_set_scheme = [](auto& ctx) { _val(ctx).scheme = _attr(ctx); };
inline auto const auth_set_params = [](auto& ctx) { _val(ctx).params = _attr(ctx); };
// Files one parameter under its digest name; checks the values whose syntax matters.
inline auto const auth_store = [](auto& ctx) {
    auth_view& a = _val(ctx);
    std::string_view const name = boost::fusion::at_c<0>(_attr(ctx));
    std::string_view v = boost::fusion::at_c<1>(_attr(ctx));
    bool const quoted = !v.empty() && v.front() == '"';
    if (quoted) v = v.substr(1, v.size() - 2);
    auto is = [&](std::string_view n) { return ci_equal(name, n); };
    if (is("realm")) a.realm = v;
    else if (is("nonce")) a.nonce = v;
    else if (is("opaque")) a.opaque = v;
    else if (is("domain")) a.domain = v;
    else if (is("qop")) a.qop = v;
    else if (is("username")) a.username = v;
    else if (is("uri")) a.uri = v;
    else if (is("response")) a.response = v;
    else if (is("cnonce")) a.cnonce = v;
    else if (is("userhash")) a.userhash = v;
    else if (is("charset")) a.charset = v;
    else if (is("algorithm")) {
        a.algorithm_text = v;
        a.algorithm = digest_algorithm_from_token(v);
    } else if (is("stale")) {
        // stale  =  "stale" EQUAL ( "true" / "false" )   (RFC 3261 §25.1)
        a.stale = v;
        _pass(ctx) = ci_equal(v, "true") || ci_equal(v, "false");
    } else if (is("nc")) {
        // nonce-count  =  "nc" EQUAL nc-value ; nc-value = 8LHEX   (RFC 3261 §25.1)
        a.nc = v;
        bool ok = v.size() == 8 && !quoted;
        for (char c : v) ok = ok && hex_value(c) >= 0;
        _pass(ctx) = ok;
    }
};

// auth-param  =  auth-param-name EQUAL ( token / quoted-string ) ; auth-param-name = token   (RFC 3261 §25.1)
inline auto const auth_param = (token >> equal >> as_sv[quoted_raw | token])[auth_store];

struct auth_class;
// challenge    =  ("Digest" LWS digest-cln *(COMMA digest-cln)) / other-challenge   (RFC 3261 §25.1)
// other-challenge  =  auth-scheme LWS auth-param *(COMMA auth-param)   (RFC 3261 §25.1)
// credentials  =  ("Digest" LWS digest-response) / other-response   (RFC 3261 §25.1)
// (every digest-cln and dig-resp element has the auth-param shape, so one rule serves all)
x3::rule<auth_class, auth_view> const auth_value = "auth";
inline auto const auth_value_def =
    token[auth_set_scheme] >> lws >> as_sv[auth_param >> *((comma | missing_comma) >> auth_param)][auth_set_params];

BOOST_SPIRIT_DEFINE(auth_value)

}  // namespace sipwire::detail::grammar

#endif
