// The typed value parsers, shared by the per-header targets (uri.cpp, via.cpp,
// name_addr.cpp, auth.cpp) and by values.cpp, where the first byte picks the parser.
#ifndef SIPWIRE_FUZZ_VALUES_HPP
#define SIPWIRE_FUZZ_VALUES_HPP

#include "fuzz.hpp"

#include <sipwire/sipwire.hpp>

namespace fuzz {

enum class value_kind : unsigned { uri, via, name_addr, contact, route, auth, media, date, cseq_call_id, numbers, text, field_name, count_ };

// One parser over `v`; the properties checked hold for any input. Returns whether the value
// was accepted.
inline bool typed_value(value_kind which, std::string_view v, sipwire::lenient allow) {
    using namespace sipwire;
    char buf[512];
    // a view the parser returns lies inside the input
    auto inside = [&](std::string_view part) {
        check(part.empty() || (part.data() >= v.data() && part.data() + part.size() <= v.data() + v.size()));
    };
    auto inside_opt = [&](std::optional<std::string_view> const& part) {
        if (part) inside(*part);
    };
    auto uri_inside = [&](uri_view const& u) {
        inside(u.text), inside(u.scheme), inside_opt(u.user), inside_opt(u.password), inside(u.host), inside(u.params), inside(u.headers);
        for (auto const& p : u.parameters()) inside(p.name), inside_opt(p.value);
    };
    auto name_addr_inside = [&](name_addr_view const& n) {
        inside_opt(n.display_name), uri_inside(n.uri), inside(n.params), inside_opt(n.tag), inside_opt(n.q);
        for (auto const& p : n.parameters()) inside(p.name), inside_opt(p.value);
        if (n.display_name && n.display_quoted) (void)unquote(*n.display_name, buf, sizeof buf);
    };
    switch (which) {
        case value_kind::uri: {
            auto r = parse_uri(v, allow);
            if (!r) return check(r.error().offset <= v.size()), false;
            uri_inside(*r);
            if (r->user) (void)unescape(*r->user, buf, sizeof buf);
            check(uri_equal(*r, *r) || r->kind == uri_scheme::other);
            return true;
        }
        case value_kind::via: {
            auto r = parse_via(v, allow);
            if (!r) return check(r.error().offset <= v.size()), false;
            inside(r->transport), inside(r->sent_by), inside(r->host), inside(r->params);
            inside_opt(r->branch), inside_opt(r->received), inside_opt(r->maddr);
            for (auto const& p : r->parameters()) inside(p.name), inside_opt(p.value);
            check(r->rport || !r->rport_value);
            return true;
        }
        case value_kind::name_addr:
        case value_kind::contact:
        case value_kind::route: {
            auto r = which == value_kind::name_addr ? parse_name_addr(v, allow)
                   : which == value_kind::contact   ? parse_contact(v, allow)
                                                    : parse_route(v, allow);
            if (!r) return check(r.error().offset <= v.size()), false;
            name_addr_inside(*r);
            check(!r->is_star || which == value_kind::contact);
            return true;
        }
        case value_kind::auth: {
            auto r = parse_auth(v, allow);
            if (!r) return check(r.error().offset <= v.size()), false;
            inside(r->scheme), inside(r->params), inside_opt(r->realm), inside_opt(r->nonce), inside_opt(r->username), inside_opt(r->response);
            for (auto const& p : r->parameters()) check(p.unquoted().size() <= v.size()), inside(p.name);
            return true;
        }
        case value_kind::media: return parse_media_type(v) && parse_disposition(v);
        case value_kind::date: return static_cast<bool>(parse_date(v, allow));
        case value_kind::cseq_call_id: return parse_cseq(v) && parse_call_id(v);
        case value_kind::numbers: return parse<headers::expires>(v) && parse<headers::max_forwards>(v) && parse_token(v);
        case value_kind::text:
            (void)unescape(v, buf, sizeof buf), (void)unquote(v, buf, sizeof buf), (void)unfold(v, buf, sizeof buf);
            return true;
        case value_kind::field_name: return field_from_name(v) != field::other;
        case value_kind::count_: break;
    }
    return false;
}

// Strict and liberal, both: what strict mode accepts, liberal mode accepts too.
inline void typed_value_both(value_kind which, std::string_view v) {
    bool const strict = typed_value(which, v, sipwire::lenient::none);
    bool const liberal = typed_value(which, v, sipwire::lenient::all);
    check(!strict || liberal);
}

}  // namespace fuzz

#endif
