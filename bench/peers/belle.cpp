// belle-sip (Linphone's SIP stack) adapter for the peer comparison.
#include "fields.hpp"

#include <belle-sip/belle-sip.h>

void belle_init() {
    belle_sip_set_log_level(BELLE_SIP_LOG_FATAL);  // it logs the compact "k:" of headers40 as an error
    belle_sip_object_pool_push();                  // once per thread, or every object warns
}

bool with_belle(std::string const& b, fields& f, std::string* snapshot) {
    // As belle-sip's channel reads a message: the headers with belle_sip_message_parse_raw,
    // then Content-Length bytes attached as the body.
    std::size_t consumed = 0;
    belle_sip_message_t* msg = belle_sip_message_parse_raw(b.data(), b.size(), &consumed);
    if (!msg) return false;
    if (auto* cl = belle_sip_message_get_header_by_type(msg, belle_sip_header_content_length_t)) {
        std::size_t const n = belle_sip_header_content_length_get_content_length(cl);
        if (n > 0 && consumed + n <= b.size()) belle_sip_message_set_body(msg, b.data() + consumed, n);
    }
    auto* call_id = belle_sip_message_get_header_by_type(msg, belle_sip_header_call_id_t);
    auto* cseq = belle_sip_message_get_header_by_type(msg, belle_sip_header_cseq_t);
    auto* via = belle_sip_message_get_header_by_type(msg, belle_sip_header_via_t);
    auto* from = belle_sip_message_get_header_by_type(msg, belle_sip_header_from_t);
    auto* to = belle_sip_message_get_header_by_type(msg, belle_sip_header_to_t);
    bool const ok = call_id && cseq && via && from && to;
    if (ok) {
        if (belle_sip_message_is_request(msg)) {
            belle_sip_request_t* req = BELLE_SIP_REQUEST(msg);
            f.method = sv(belle_sip_request_get_method(req));
            belle_sip_uri_t* uri = belle_sip_request_get_uri(req);
            f.host = uri ? sv(belle_sip_uri_get_host(uri)) : std::string_view{};
        } else {
            f.method = sv(belle_sip_response_get_reason_phrase(BELLE_SIP_RESPONSE(msg)));
            f.host = {};
        }
        f.call_id = sv(belle_sip_header_call_id_get_call_id(call_id));
        f.cseq = belle_sip_header_cseq_get_seq_number(cseq);
        f.branch = sv(belle_sip_header_via_get_branch(via));
        f.from_tag = sv(belle_sip_header_from_get_tag(from));
        f.to_tag = sv(belle_sip_header_to_get_tag(to));
        f.body = belle_sip_message_get_body_size(msg);
    }
    if (ok && snapshot) *snapshot = describe(f);
    belle_sip_object_unref(msg);
    return ok;
}
