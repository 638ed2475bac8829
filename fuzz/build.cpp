// Builder round trip. A message that parses and validates is
//   1. rebuilt with the typed builder helpers (Via, From, To, Contact, Route, Record-Route,
//      Call-ID, CSeq, Max-Forwards, body; every other header copied), parsed again, and
//      every typed value must be equal;
//   2. answered with make_response (requests): the response parses, carries every Via value
//      in order, the same Call-ID, CSeq and From;
//   3. edited as a proxy would: requests get a Via, a Record-Route and one hop less (or
//      too_many_hops at 0), responses lose their top Via; the result parses and says so.
// A refused build must leave the sink empty.
#include "fuzz.hpp"

#include <sipwire/sipwire.hpp>

#include <deque>
#include <string>
#include <vector>

namespace {

using namespace sipwire;

bool has_line_break(std::string_view t) { return t.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos; }

// Parameters other than the named ones, as ";name=value" text.
std::string params_except(param_range const& params, std::initializer_list<std::string_view> skip) {
    std::string out;
    for (auto const& p : params) {
        bool skipped = false;
        for (auto n : skip) skipped = skipped || detail::ci_equal(p.name, n);
        if (skipped) continue;
        out += ';';
        out += p.name;
        if (p.value) out += '=', out += *p.value;
    }
    return out;
}

// The display name as the user would see it: quotes removed, escapes resolved.
std::string display_of(name_addr_view const& n) {
    if (!n.display_name) return {};
    if (!n.display_quoted) return std::string(*n.display_name);
    std::string buf(n.display_name->size() + 1, '\0');
    auto len = unquote(*n.display_name, buf.data(), buf.size());
    return len ? buf.substr(0, *len) : std::string(*n.display_name);
}

// For comparing: every run of white space, folds included, counts as one SP (RFC 3261
// §7.3.1). A copied header has its folds written as spaces.
std::string same_space(std::string_view t) {
    std::string out;
    bool space = false;
    for (char c : t) {
        bool const ws = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        if (ws && space) continue;
        out += ws ? ' ' : c;
        space = ws;
    }
    return out;
}

struct via_fields {
    std::string transport, host, branch, received;
    std::optional<std::uint16_t> port, rport_value;
    bool rport = false;
    bool operator==(via_fields const& o) const {
        return transport == o.transport && host == o.host && branch == o.branch && received == o.received && port == o.port &&
               rport_value == o.rport_value && rport == o.rport;
    }
};

struct address_fields {
    std::string display, uri, tag;
    bool operator==(address_fields const& o) const { return display == o.display && uri == o.uri && tag == o.tag; }
};

// What both the original and the rebuilt message must agree on.
struct typed {
    std::vector<via_fields> vias;
    address_fields from, to;
    std::vector<std::string> contacts, routes, record_routes;
    std::string call_id, cseq_method, body;
    std::uint32_t cseq = 0;
    std::optional<std::uint8_t> max_forwards;
    bool operator==(typed const& o) const {
        return vias == o.vias && from == o.from && to == o.to && contacts == o.contacts && routes == o.routes &&
               record_routes == o.record_routes && call_id == o.call_id && cseq_method == o.cseq_method && body == o.body &&
               cseq == o.cseq && max_forwards == o.max_forwards;
    }
};

// The typed reading of a message; false when a value does not parse.
bool read(message_view const& m, typed& t) {
    for (auto v : parse_all<headers::via>(m)) {
        if (!v) return false;
        t.vias.push_back({std::string(v->transport), std::string(v->host), std::string(v->branch.value_or("")),
                          std::string(v->received.value_or("")), v->port, v->rport_value, v->rport});
    }
    for (auto [f, out] : {std::pair{m.from(), &t.from}, std::pair{m.to(), &t.to}}) {
        auto n = parse_name_addr(f);
        if (!n) return false;
        *out = {same_space(display_of(*n)), std::string(n->uri.text), std::string(n->tag.value_or(""))};
    }
    for (auto c : parse_all<headers::contact>(m)) {
        if (!c) return false;
        t.contacts.push_back(c->is_star ? "*" : std::string(c->uri.text) + "|" + std::to_string(c->expires.value_or(~0u)) + "|" +
                                                     std::string(c->q.value_or("")));
    }
    for (auto r : parse_all<headers::route>(m)) {
        if (!r) return false;
        t.routes.emplace_back(r->uri.text);
    }
    for (auto r : parse_all<headers::record_route>(m)) {
        if (!r) return false;
        t.record_routes.emplace_back(r->uri.text);
    }
    t.call_id = m.call_id(), t.cseq = m.cseq(), t.cseq_method = m.cseq_method_text(), t.body = m.body(), t.max_forwards = m.max_forwards();
    return true;
}

// Rebuilds `m` with the typed helpers. Returns the builder's verdict.
template <class Builder>
result<std::size_t> rebuild_headers(message_view const& m, Builder& b) {
    std::deque<std::string> keep;  // text the builder refers to until finish()
    auto hold = [&](std::string t) -> std::string_view { return keep.emplace_back(std::move(t)); };
    bool vias = false, contacts = false, routes = false, record_routes = false;
    // A list whose values hold a fold (inside a quoted display name or parameter value) is
    // copied line by line: the typed helpers refuse line breaks they did not write.
    auto folded = [&](field f) {
        for (std::size_t i = 0; i < m.header_count(); ++i)
            if (m.entry(i).id == f && has_line_break(m.value(m.entry(i)))) return true;
        return false;
    };
    bool const copy_list[] = {folded(field::via), folded(field::contact), folded(field::route), folded(field::record_route)};
    auto copied = [&](field f) {
        return copy_list[f == field::via ? 0 : f == field::contact ? 1 : f == field::route ? 2 : 3];
    };
    std::string_view content_type;
    for (std::size_t i = 0; i < m.header_count(); ++i) {
        header_entry const& h = m.entry(i);
        if ((h.id == field::via || h.id == field::contact || h.id == field::route || h.id == field::record_route) && copied(h.id)) {
            b.copy(h.id, m.value(h), m);
            continue;
        }
        switch (h.id) {
            case field::content_length: break;
            case field::content_type: content_type = m.value(h); break;
            case field::via:
                if (vias) break;
                vias = true;
                for (auto v : parse_all<headers::via>(m)) {
                    via_params p{v->transport, v->host, v->port, v->branch.value_or(""), v->rport};
                    p.rport_value = v->rport_value;
                    p.received = v->received.value_or("");
                    p.params = hold(params_except(v->parameters(), {"branch", "rport", "received"}));
                    b.via(p);
                }
                break;
            case field::from:
            case field::to: {
                auto n = parse_name_addr(m.value(h));
                std::string const d = display_of(*n);
                std::string const params = params_except(n->parameters(), {"tag"});
                if (has_line_break(d) || has_line_break(params)) {
                    b.copy(h.id, m.value(h), m);  // folded inside: copied, folds become spaces
                    break;
                }
                address const a{hold(d), n->uri.text, n->tag.value_or(""), hold(params)};
                h.id == field::from ? b.from(a) : b.to(a);
                break;
            }
            case field::contact:
                if (contacts) break;
                contacts = true;
                for (auto c : parse_all<headers::contact>(m)) {
                    if (c->is_star) {
                        b.contact_star();
                        continue;
                    }
                    b.contact({hold(display_of(*c)), c->uri.text, c->expires, c->q.value_or(""),
                               hold(params_except(c->parameters(), {"expires", "q"}))});
                }
                break;
            case field::route:
            case field::record_route: {
                bool& done = h.id == field::route ? routes : record_routes;
                if (done) break;
                done = true;
                for (auto r : typed_range<headers::route>(m.all(h.id), lenient::none)) {  // one grammar for both
                    std::string_view const params = hold(params_except(r->parameters(), {}));
                    h.id == field::route ? b.route(r->uri.text, params) : b.record_route(r->uri.text, params);
                }
                break;
            }
            case field::call_id: b.call_id(m.call_id()); break;
            case field::cseq: b.cseq(m.cseq(), m.cseq_method_text()); break;
            case field::max_forwards: b.max_forwards(*m.max_forwards()); break;
            default: b.copy_header(m, i); break;
        }
    }
    if (!content_type.empty()) {  // written again as type/subtype;params, without the optional spaces
        auto const ct = parse<headers::content_type>(content_type);
        std::string const media = std::string(ct->type) + "/" + std::string(ct->subtype);
        bool const folded_params = has_line_break(ct->params);
        b.body(hold(folded_params ? media : media + params_except(ct->parameters(), {})), m.body());
    }
    return b.finish();
}

// Output is read back with room to grow: values split onto their own lines, folds joined.
parse_options roomy() {
    parse_options o;
    o.max_line_length = 1u << 20;
    o.max_message_size = 1u << 24;
    return o;
}
using reread = parsed_message<1024>;

template <class Out>
void must_be_empty_on_refusal(result<std::size_t> const& r, Out const& out) {
    fuzz::check(r || out.empty());
    fuzz::check(!r || *r == out.size());
}

// The edits written out: nothing refused, and the output parses.
void apply_and_reread(proxy_edits<> const& e, std::string& out, reread& p) {
    string_sink sink(out);
    auto r = e.apply(sink);
    must_be_empty_on_refusal(r, out);
    fuzz::check(static_cast<bool>(r));
    fuzz::check(static_cast<bool>(p.parse(out, roomy())));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    fuzz::input in(data, size);
    parsed_message<64> m;
    if (!m.parse(in.view) || !validate_message(m)) return 0;
    typed original;
    if (!read(m, original)) return 0;

    // 1. typed rebuild (a body needs its Content-Type, RFC 3261 §20.15: without one the
    //    builder has nothing to write it with)
    bool const rebuildable = m.body().empty() || m.find(field::content_type);
    std::string out;
    string_sink sink(out);
    result<std::size_t> r = parse_error{errc::missing_header, 0, field::content_type};
    if (!rebuildable) {
    } else if (m.is_request()) {
        request_builder<string_sink> b(sink);
        b.start_line(m.method_text(), m.request_uri());
        r = rebuild_headers(m, b);
    } else {
        response_builder<string_sink> b(sink);
        b.status_line(m.status(), m.reason());
        r = rebuild_headers(m, b);
    }
    must_be_empty_on_refusal(r, out);
    fuzz::check(r || !rebuildable);  // a valid message can always be written again
    if (r) {
        reread again;
        fuzz::check(static_cast<bool>(again.parse(out, roomy())));
        fuzz::check(static_cast<bool>(validate_message(again)));
        typed rebuilt;
        fuzz::check(read(again, rebuilt));
        fuzz::check(rebuilt == original);
        fuzz::check(again.is_request() == m.is_request());
        fuzz::check(again.is_request() ? again.request_uri() == m.request_uri() : again.status() == m.status());
    }

    if (m.is_request()) {
        // 2. the response to it
        for (int status : {100, 180, 486}) {
            std::string resp;
            string_sink rs(resp);
            response_options o;
            o.source_host = "192.0.2.1";
            o.source_port = 5060;
            auto rr = make_response(m, status, rs, o);
            must_be_empty_on_refusal(rr, resp);
            if (!rr) continue;
            reread p;
            fuzz::check(static_cast<bool>(p.parse(resp, roomy())));
            fuzz::check(p.status() == status && p.call_id() == m.call_id() && p.cseq() == m.cseq());
            fuzz::check(p.all(field::via).size() == m.all(field::via).size());
            auto f = parse_name_addr(p.from());
            fuzz::check(f && f->tag.value_or("") == original.from.tag && f->uri.text == original.from.uri);
        }
        // 3. forwarded by a proxy
        proxy_edits<> e(m);
        auto const dec = e.decrement_max_forwards();
        fuzz::check(dec || (dec.error().code == errc::too_many_hops && m.max_forwards() == std::optional<std::uint8_t>(0)));
        if (!dec) return 0;
        fuzz::check(static_cast<bool>(e.add_via({"UDP", "proxy.example.com", 5060, stateless_branch(m, "proxy.example.com").view()})));
        fuzz::check(static_cast<bool>(e.add_record_route("sip:proxy.example.com")));
        std::string fwd;
        reread p;
        apply_and_reread(e, fwd, p);
        fuzz::check(p.all(field::via).size() == m.all(field::via).size() + 1);
        fuzz::check(p.all(field::record_route).size() == m.all(field::record_route).size() + 1);
        fuzz::check(p.max_forwards() == std::optional<std::uint8_t>(m.max_forwards() ? *m.max_forwards() - 1 : 70));
        fuzz::check(p.body() == m.body() && p.call_id() == m.call_id());
    } else if (m.all(field::via).size() > 1) {
        proxy_edits<> e(m);
        fuzz::check(static_cast<bool>(e.pop_via()));
        std::string fwd;
        reread p;
        apply_and_reread(e, fwd, p);
        fuzz::check(p.all(field::via).size() == m.all(field::via).size() - 1);
        fuzz::check(p.status() == m.status() && p.body() == m.body());
    }
    return 0;
}
