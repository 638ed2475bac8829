// sipwire — X3 grammar for Content-Type, Content-Disposition and single tokens
// (Content-Encoding, Allow, Supported, Require...) (RFC 3261 §20.5, §20.11, §20.12, §20.15, §25.1).
#ifndef SIPWIRE_DETAIL_GRAMMAR_CONTENT_HPP
#define SIPWIRE_DETAIL_GRAMMAR_CONTENT_HPP

#include <sipwire/detail/grammar/common.hpp>
#include <sipwire/headers/content.hpp>

namespace sipwire::detail::grammar {

inline auto const ct_set_type = [](auto& ctx) { _val(ctx).type = _attr(ctx); };
inline auto const ct_set_subtype = [](auto& ctx) { _val(ctx).subtype = _attr(ctx); };
inline auto const ct_set_params = [](auto& ctx) { _val(ctx).params = _attr(ctx); };

// m-parameter  =  m-attribute EQUAL m-value ; m-attribute = token ; m-value = token / quoted-string   (RFC 3261 §25.1)
inline auto const m_parameter = token >> equal >> as_sv[quoted_raw | token];

struct media_type_class;
struct disposition_class;
struct token_value_class;
// media-type  =  m-type SLASH m-subtype *(SEMI m-parameter)   (RFC 3261 §25.1)
// m-type = discrete-type / composite-type ; m-subtype = extension-token / iana-token (all tokens)   (RFC 3261 §25.1)
x3::rule<media_type_class, media_type_view> const media_type = "media-type";
inline auto const media_type_def =
    token[ct_set_type] >> slash >> token[ct_set_subtype] >> as_sv[*(semi >> m_parameter)][ct_set_params];

// Content-Disposition  =  "Content-Disposition" HCOLON disp-type *( SEMI disp-param )   (RFC 3261 §25.1)
// disp-type = "render" / "session" / "icon" / "alert" / disp-extension-token   (RFC 3261 §25.1)
// disp-param = handling-param / generic-param ; handling-param = "handling" EQUAL ( "optional" / "required" / other-handling )   (RFC 3261 §25.1)
x3::rule<disposition_class, disposition_view> const disposition = "disposition";
inline auto const disposition_def = token[ct_set_type] >> as_sv[*(semi >> generic_param)][ct_set_params];

// option-tag  =  token ; content-coding = token ; Method = INVITEm / ... / extension-method (token)   (RFC 3261 §25.1)
x3::rule<token_value_class, std::string_view> const token_value = "token";
inline auto const token_value_def = token;

BOOST_SPIRIT_DEFINE(media_type, disposition, token_value)

}  // namespace sipwire::detail::grammar

#endif
