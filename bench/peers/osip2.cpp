// libosip2 adapter for the peer comparison.
#include "fields.hpp"

#include <osipparser2/osip_parser.h>

#include <cstdlib>

void peers_init() { parser_init(); }

bool with_osip2(std::string const& b, fields& f, std::string* snapshot) {
    osip_message_t* sip = nullptr;
    if (osip_message_init(&sip) != 0) return false;
    bool ok = osip_message_parse(sip, b.data(), b.size()) == 0 && sip->call_id && sip->cseq && sip->from && sip->to;
    if (ok) {
        f.method = MSG_IS_REQUEST(sip) ? sv(sip->sip_method) : sv(sip->reason_phrase);
        f.host = sip->req_uri ? sv(sip->req_uri->host) : std::string_view{};
        f.call_id = sv(sip->call_id->number);  // "local@host" is split by osip: compare the local part
        f.cseq = std::strtoul(sip->cseq->number, nullptr, 10);
        osip_via_t* via = nullptr;
        osip_generic_param_t* p = nullptr;
        if (osip_message_get_via(sip, 0, &via) >= 0 && via && osip_via_param_get_byname(via, const_cast<char*>("branch"), &p) == 0 && p)
            f.branch = sv(p->gvalue);
        p = nullptr;
        if (osip_from_get_tag(sip->from, &p) == 0 && p) f.from_tag = sv(p->gvalue);
        p = nullptr;
        if (osip_to_get_tag(sip->to, &p) == 0 && p) f.to_tag = sv(p->gvalue);
        osip_body_t* body = nullptr;
        f.body = osip_message_get_body(sip, 0, &body) >= 0 && body ? body->length : 0;
    }
    if (ok && snapshot) *snapshot = describe(f);
    osip_message_free(sip);
    return ok;
}

// ---- building ----------------------------------------------------------------------------

#include <cstring>
#include <string>

void* osip2_prepare(std::string const& request) {
    osip_message_t* sip = nullptr;
    if (osip_message_init(&sip) != 0) return nullptr;
    if (osip_message_parse(sip, request.data(), request.size()) != 0) {
        osip_message_free(sip);
        return nullptr;
    }
    return sip;
}

void osip2_release(void* p) { osip_message_free(static_cast<osip_message_t*>(p)); }

namespace {
std::size_t serialise(osip_message_t* m, char* out, std::size_t cap) {
    char* text = nullptr;
    std::size_t len = 0;
    if (osip_message_to_str(m, &text, &len) != 0 || !text) return 0;
    std::size_t const n = len <= cap ? len : 0;
    if (n) std::memcpy(out, text, n);
    osip_free(text);
    return n;
}
}  // namespace

// The way eXosip answers a request: clone the Vias, Record-Routes, From, To, Call-ID and CSeq
// into a new message.
std::size_t osip2_response(void* p, int status, char const* to_tag, char* out, std::size_t cap) {
    auto const* req = static_cast<osip_message_t const*>(p);
    osip_message_t* r = nullptr;
    if (osip_message_init(&r) != 0) return 0;
    bool ok = true;
    osip_message_set_version(r, osip_strdup("SIP/2.0"));
    osip_message_set_status_code(r, status);
    osip_message_set_reason_phrase(r, osip_strdup(osip_message_get_reason(status)));
    for (int i = 0; ok && i < osip_list_size(&req->vias); ++i) {
        osip_via_t* v = nullptr;
        ok = osip_via_clone(static_cast<osip_via_t*>(osip_list_get(&req->vias, i)), &v) == 0 && osip_list_add(&r->vias, v, -1) >= 0;
    }
    // Record-Route too: a 1xx or 2xx to an INVITE establishes a dialog (RFC 3261 §12.1.1)
    for (int i = 0; ok && i < osip_list_size(&req->record_routes); ++i) {
        osip_record_route_t* rr = nullptr;
        ok = osip_record_route_clone(static_cast<osip_record_route_t*>(osip_list_get(&req->record_routes, i)), &rr) == 0 &&
             osip_list_add(&r->record_routes, rr, -1) >= 0;
    }
    ok = ok && osip_from_clone(req->from, &r->from) == 0 && osip_to_clone(req->to, &r->to) == 0 &&
         osip_call_id_clone(req->call_id, &r->call_id) == 0 && osip_cseq_clone(req->cseq, &r->cseq) == 0;
    if (ok && to_tag) osip_to_set_tag(r->to, osip_strdup(to_tag));
    ok = ok && osip_message_set_content_length(r, "0") == 0;
    std::size_t const n = ok ? serialise(r, out, cap) : 0;
    osip_message_free(r);
    return n;
}

std::size_t osip2_forward(std::string const& request, char* out, std::size_t cap) {
    auto* sip = static_cast<osip_message_t*>(osip2_prepare(request));
    if (!sip) return 0;
    bool ok = true;
    osip_via_t* v = nullptr;
    ok = osip_via_init(&v) == 0 && osip_via_parse(v, forward_via) == 0 && osip_list_add(&sip->vias, v, 0) >= 0;
    osip_header_t* mf = nullptr;
    ok = ok && osip_message_get_max_forwards(sip, 0, &mf) >= 0 && mf && mf->hvalue;
    if (ok) {
        long const hops = std::strtol(mf->hvalue, nullptr, 10);
        osip_free(mf->hvalue);
        mf->hvalue = osip_strdup(std::to_string(hops - 1).c_str());
    }
    osip_record_route_t* rr = nullptr;
    ok = ok && osip_record_route_init(&rr) == 0 && osip_record_route_parse(rr, forward_record_route) == 0 &&
         osip_list_add(&sip->record_routes, rr, 0) >= 0;
    osip_uri_t* u = nullptr;
    ok = ok && osip_uri_init(&u) == 0 && osip_uri_parse(u, forward_target) == 0;
    if (ok) {
        osip_uri_free(sip->req_uri);
        sip->req_uri = u;
    }
    osip_message_force_update(sip);
    std::size_t const n = ok ? serialise(sip, out, cap) : 0;
    osip_message_free(sip);
    return n;
}
