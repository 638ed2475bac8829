// sipwire — X3 grammar for one Via value (RFC 3261 §20.42, §25.1; RFC 3581; RFC 5118 §4.5).
#ifndef SIPWIRE_DETAIL_GRAMMAR_VIA_HPP
#define SIPWIRE_DETAIL_GRAMMAR_VIA_HPP

#include <sipwire/detail/grammar/common.hpp>
#include <sipwire/headers/via.hpp>

namespace sipwire::detail::grammar {

inline auto const via_set_name = [](auto& ctx) { _val(ctx).protocol_name = _attr(ctx); };
inline auto const via_set_version = [](auto& ctx) { _val(ctx).protocol_version = _attr(ctx); };
inline auto const via_set_transport = [](auto& ctx) { _val(ctx).transport = _attr(ctx); };
inline auto const via_set_sent_by = [](auto& ctx) { _val(ctx).sent_by = _attr(ctx); };
inline auto const via_set_params = [](auto& ctx) { _val(ctx).params = _attr(ctx); };
// branch=z9hG4bK with nothing after the cookie (RFC 4475 badbranch) only when tolerated.
inline auto const via_set_branch = [](auto& ctx) {
    std::string_view const b = _attr(ctx);
    _val(ctx).branch = b;
    if (b == magic_cookie) _pass(ctx) = tolerate(ctx, lenient::bare_magic_cookie);
};
inline auto const via_set_received = [](auto& ctx) { _val(ctx).received = _attr(ctx); };
inline auto const via_set_maddr = [](auto& ctx) { _val(ctx).maddr = _attr(ctx).text; };
inline auto const via_set_ttl = [](auto& ctx) { _val(ctx).ttl = _attr(ctx); };
inline auto const via_set_rport = [](auto& ctx) { _val(ctx).rport = true; };
inline auto const via_set_rport_value = [](auto& ctx) { _val(ctx).rport_value = _attr(ctx); };
// A param named like a known one must have parsed as that one: "ttl=999" is an error, not an extension.
inline auto const via_reject_known = [](auto& ctx) {
    std::string_view const n = boost::fusion::at_c<0>(_attr(ctx));
    _pass(ctx) = !ci_equal(n, "branch") && !ci_equal(n, "received") && !ci_equal(n, "rport") && !ci_equal(n, "maddr") &&
                 !ci_equal(n, "ttl");
};

// sent-by  =  host [ COLON port ]   (RFC 3261 §25.1)
inline auto const via_sent_by = host[set_host] >> -(colon >> port[set_port]);

// via-params    =  via-ttl / via-maddr / via-received / via-branch / via-extension   (RFC 3261 §25.1)
// via-ttl       =  "ttl" EQUAL ttl          ; ttl = 1*3DIGIT ; 0 to 255   (RFC 3261 §25.1)
// via-maddr     =  "maddr" EQUAL host   (RFC 3261 §25.1)
// via-received  =  "received" EQUAL (IPv4address / IPv6address)   ; "[...]" too, RFC 5118 §4.5
// via-branch    =  "branch" EQUAL token   (RFC 3261 §25.1)
// response-port =  "rport" [EQUAL 1*DIGIT]                         ; RFC 3581 §3
// via-extension =  generic-param   (RFC 3261 §25.1)
inline auto const via_param = (kw("branch") >> equal >> token[via_set_branch]) |
                              (kw("received") >> equal >> ip_address[via_set_received]) |
                              (kw("rport")[via_set_rport] >> -(equal >> port[via_set_rport_value])) |
                              (kw("maddr") >> equal >> host[via_set_maddr]) |
                              (kw("ttl") >> equal >> uint8[via_set_ttl]) | generic_param[via_reject_known];

struct via_class;
// via-parm       =  sent-protocol LWS sent-by *( SEMI via-params )   (RFC 3261 §25.1)
// sent-protocol  =  protocol-name SLASH protocol-version SLASH transport   (RFC 3261 §25.1)
// protocol-name  =  "SIP" / token ;  protocol-version = token   (RFC 3261 §25.1)
// transport      =  "UDP" / "TCP" / "TLS" / "SCTP" / other-transport ; other-transport = token   (RFC 3261 §25.1)
x3::rule<via_class, via_view> const via_parm = "via-parm";
inline auto const via_parm_def = token[via_set_name] >> slash >> token[via_set_version] >> slash >>
                                 token[via_set_transport] >> lws >> as_sv[via_sent_by][via_set_sent_by] >>
                                 as_sv[*(semi >> via_param)][via_set_params];

BOOST_SPIRIT_DEFINE(via_parm)

}  // namespace sipwire::detail::grammar

#endif
