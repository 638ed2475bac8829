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
