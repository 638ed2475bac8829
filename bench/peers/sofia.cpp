// sofia-sip adapter for the peer comparison.
#include "fields.hpp"

#include <sofia-sip/msg.h>
#include <sofia-sip/msg_mclass.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_protos.h>

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
