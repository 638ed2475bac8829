// sofia-sip adapter for the peer comparison.
#include "fields.hpp"

#include <sofia-sip/msg.h>
#include <sofia-sip/msg_mclass.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_protos.h>

#include <cstdio>

bool with_sofia(std::string const& b, fields& f, std::string* snapshot) {
    msg_t* msg = msg_make(sip_default_mclass(), 0, b.data(), static_cast<ssize_t>(b.size()));
    if (!msg) return false;
    sip_t* sip = sip_object(msg);
    bool ok = sip && sip->sip_call_id && sip->sip_cseq && sip->sip_via && sip->sip_from && sip->sip_to;
    if (ok) {
        f.method = sip->sip_request ? sv(sip->sip_request->rq_method_name) : sv(sip->sip_status->st_phrase);
        f.host = sip->sip_request ? sv(sip->sip_request->rq_url->url_host) : std::string_view{};
        f.call_id = sv(sip->sip_call_id->i_id);
        f.cseq = sip->sip_cseq->cs_seq;
        f.branch = sv(sip->sip_via->v_branch);
        f.from_tag = sv(sip->sip_from->a_tag);
        f.to_tag = sv(sip->sip_to->a_tag);
        f.body = sip->sip_payload ? sip->sip_payload->pl_len : 0;
    }
    if (ok && snapshot) *snapshot = describe(f);
    msg_destroy(msg);
    return ok;
}

// ---- building ----------------------------------------------------------------------------

#include <sofia-sip/msg_addr.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/sip_status.h>

#include <cstring>

void* sofia_prepare(std::string const& request) {
    return msg_make(sip_default_mclass(), 0, request.data(), static_cast<ssize_t>(request.size()));
}

void sofia_release(void* p) { msg_destroy(static_cast<msg_t*>(p)); }

namespace {
// Encodes the message (msg_serialize + msg_prepare) and copies its fragments out.
std::size_t serialise(msg_t* m, sip_t* sip, char* out, std::size_t cap) {
    // sip_complete_message adds Content-Length and the empty line when they are missing
    if (sip_complete_message(m) < 0 || msg_serialize(m, reinterpret_cast<msg_pub_t*>(sip)) < 0 || msg_prepare(m) < 0) return 0;
    msg_iovec_t vec[64];
    isize_t const parts = msg_iovec(m, vec, 64);
    if (parts <= 0 || parts > 64) return 0;
    std::size_t n = 0;
    for (isize_t i = 0; i < parts; ++i) {
        if (n + vec[i].mv_len > cap) return 0;
        std::memcpy(out + n, vec[i].mv_base, vec[i].mv_len);
        n += vec[i].mv_len;
    }
    return n;
}
}  // namespace

// The way sofia's transaction layer answers: a new message with the request's Vias,
// Record-Routes, From, To, Call-ID and CSeq duplicated into it (Content-Length: 0 and the end of headers added
// by sip_complete_message when it is serialised).
std::size_t sofia_response(void* p, int status, char const* to_tag, char* out, std::size_t cap) {
    sip_t const* req = sip_object(static_cast<msg_t*>(p));
    msg_t* m = msg_create(sip_default_mclass(), 0);
    if (!m) return 0;
    sip_t* sip = sip_object(m);
    su_home_t* home = msg_home(m);
    auto* pub = reinterpret_cast<msg_pub_t*>(sip);
    bool ok = msg_header_insert(m, pub, reinterpret_cast<msg_header_t*>(sip_status_create(home, status, nullptr, nullptr))) >= 0 &&
              msg_header_add_dup(m, pub, reinterpret_cast<msg_header_t const*>(req->sip_via)) >= 0 &&
              (!req->sip_record_route ||
               msg_header_add_dup(m, pub, reinterpret_cast<msg_header_t const*>(req->sip_record_route)) >= 0) &&
              msg_header_add_dup(m, pub, reinterpret_cast<msg_header_t const*>(req->sip_from)) >= 0 &&
              msg_header_add_dup(m, pub, reinterpret_cast<msg_header_t const*>(req->sip_to)) >= 0 &&
              msg_header_add_dup(m, pub, reinterpret_cast<msg_header_t const*>(req->sip_call_id)) >= 0 &&
              msg_header_add_dup(m, pub, reinterpret_cast<msg_header_t const*>(req->sip_cseq)) >= 0;
    if (ok && to_tag) ok = sip_to_tag(home, sip->sip_to, to_tag) >= 0;
    std::size_t const n = ok ? serialise(m, sip, out, cap) : 0;
    msg_destroy(m);
    return n;
}

std::size_t sofia_forward(std::string const& request, char* out, std::size_t cap) {
    msg_t* m = static_cast<msg_t*>(sofia_prepare(request));
    if (!m) return 0;
    sip_t* sip = sip_object(m);
    su_home_t* home = msg_home(m);
    auto* pub = reinterpret_cast<msg_pub_t*>(sip);
    bool ok = sip && sip->sip_request && sip->sip_max_forwards;
    // Via and Record-Route: inserted before the others of their kind
    ok = ok && msg_header_insert(m, pub, reinterpret_cast<msg_header_t*>(sip_via_make(home, forward_via))) >= 0 &&
         msg_header_insert(m, pub, reinterpret_cast<msg_header_t*>(sip_record_route_make(home, forward_record_route))) >= 0;
    if (ok) {
        char hops[12];
        std::snprintf(hops, sizeof hops, "%lu", static_cast<unsigned long>(sip->sip_max_forwards->mf_count - 1));
        ok = msg_header_replace(m, pub, reinterpret_cast<msg_header_t*>(sip->sip_max_forwards),
                                reinterpret_cast<msg_header_t*>(sip_max_forwards_make(home, hops))) >= 0;
    }
    if (ok) {
        sip_request_t* rq = sip_request_create(home, sip->sip_request->rq_method, sip->sip_request->rq_method_name,
                                               URL_STRING_MAKE(forward_target), nullptr);
        ok = rq && msg_header_replace(m, pub, reinterpret_cast<msg_header_t*>(sip->sip_request), reinterpret_cast<msg_header_t*>(rq)) >= 0;
    }
    std::size_t const n = ok ? serialise(m, sip, out, cap) : 0;
    msg_destroy(m);
    return n;
}
