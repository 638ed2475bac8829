// libre adapter for the peer comparison.
#include "fields.hpp"

#include <re.h>

std::string_view plv(pl const& p) { return {p.p, p.l}; }
bool with_libre(std::string const& b, fields& f, std::string* snapshot) {
    mbuf* mb = mbuf_alloc(b.size());
    if (!mb) return false;
    mbuf_write_mem(mb, reinterpret_cast<uint8_t const*>(b.data()), b.size());
    mb->pos = 0;
    sip_msg* msg = nullptr;
    bool const ok = sip_msg_decode(&msg, mb) == 0;
    if (ok) {
        f.method = msg->req ? plv(msg->met) : plv(msg->reason);
        f.host = msg->req ? plv(msg->uri.host) : std::string_view{};
        f.call_id = plv(msg->callid);
        f.cseq = msg->cseq.num;
        f.branch = plv(msg->via.branch);
        f.from_tag = plv(msg->from.tag);
        f.to_tag = plv(msg->to.tag);
        f.body = mbuf_get_left(msg->mb);
    }
    if (ok && snapshot) *snapshot = describe(f);
    mem_deref(msg);
    mem_deref(mb);
    return ok;
}
