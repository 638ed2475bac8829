// sipwire — pieces shared by the header grammars, and the one function that runs a rule.
#ifndef SIPWIRE_DETAIL_GRAMMAR_COMMON_HPP
#define SIPWIRE_DETAIL_GRAMMAR_COMMON_HPP

#include <sipwire/detail/x3_ext.hpp>
#include <sipwire/error.hpp>

namespace sipwire::detail::grammar {

using namespace x3ext;
using x3::_attr;
using x3::_pass;
using x3::_val;

// Setters shared by every view with host, host_kind and port members.
inline auto const set_host = [](auto& ctx) {
    _val(ctx).host = _attr(ctx).text;
    _val(ctx).host_kind = _attr(ctx).kind;
};
inline auto const set_port = [](auto& ctx) { _val(ctx).port = _attr(ctx); };

// gen-value  =  token / host / quoted-string                     (RFC 3261 §25.1)
// (token covers hostnames and IPv4 addresses; host adds IPv6 references.)
inline auto const gen_value = as_sv[quoted_raw | token | host];

// generic-param  =  token [ EQUAL gen-value ]   (RFC 3261 §25.1)
inline auto const generic_param = token >> -(equal >> gen_value);

// Runs `rule` over the whole of `in`, filling `out`. A failure reports `code` at the
// furthest byte any primitive reached; trailing input reports `code` where it starts.
template <class Rule, class Attr>
inline parse_error run_rule(std::string_view in, Rule const& rule, Attr& out, lenient allow, lenient& defects,
                            errc code, field where = field::other) noexcept {
    char const* first = in.data();
    char const* const last = first + in.size();
    char const* furthest = first;
    bool const ok = x3::parse(
        first, last,
        x3::with<furthest_tag>(furthest)[x3::with<allow_tag>(allow)[x3::with<defects_tag>(defects)[rule]]], out);
    if (ok && first == last) return {};
    // Trailing input: report where the last primitive gave up inside it, when that is further.
    char const* const at = ok && first > furthest ? first : furthest;
    return {code, static_cast<std::uint32_t>(at - in.data()), where};
}

}  // namespace sipwire::detail::grammar

#endif
