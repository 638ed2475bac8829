// The README's building example: one hop of the call flow, built with no heap.
// proxy.sipA.com forwards userA's INVITE (Via, Record-Route, Max-Forwards), userB answers
// 180 Ringing (RFC 3261 §8.2.6), and the proxy takes its own Via off that response.
#include <sipwire/sipwire.hpp>

#include <iostream>

using namespace sipwire;

int main() {
    std::string_view const invite =
        "INVITE sip:userB@sipB.com SIP/2.0\r\n"
        "Via: SIP/2.0/UDP pc.sipA.com:5060;branch=z9hG4bK74bf9a;rport\r\n"
        "Max-Forwards: 70\r\n"
        "From: UserA <sip:userA@sipA.com>;tag=9fxced76sl\r\n"
        "To: UserB <sip:userB@sipB.com>\r\n"
        "Call-ID: 6b86b273ff34fce1@pc.sipA.com\r\n"
        "CSeq: 1 INVITE\r\n"
        "Content-Length: 0\r\n\r\n";
    parsed_message<> in;
    if (auto r = parse(invite, in); !r) return std::cerr << r.error().message() << "\n", 1;

    // 1. the proxy: loop check (§16.3), then the edits, applied in one pass (§16.6)
    if (check_loop(in, "proxy.sipA.com", "secret") == forwarding_check::loop) return std::cerr << "482\n", 1;
    proxy_edits<> edits(in);
    if (!edits.decrement_max_forwards()) return std::cerr << "483 Too Many Hops\n", 1;
    (void)edits.add_received("192.0.2.10", 5060);  // the source address, RFC 3581
    (void)edits.add_record_route("sip:proxy.sipA.com;lr");
    id_text const branch = stateless_branch(in, "secret");  // the same for retransmissions (§16.11)
    (void)edits.add_via({"UDP", "proxy.sipA.com", 5060, branch});
    static_buffer<2048> forwarded;
    if (auto n = edits.apply(forwarded); !n) return std::cerr << n.error().message() << "\n", 1;
    std::cout << forwarded.view() << "----\n";

    // 2. user B answers the forwarded INVITE
    parsed_message<> at_b;
    if (!parse(forwarded.view(), at_b)) return 1;
    static_buffer<2048> ringing;
    if (auto n = make_response(at_b, 180, ringing); !n) return std::cerr << n.error().message() << "\n", 1;
    std::cout << ringing.view() << "----\n";

    // 3. back at the proxy: its Via comes off, the response goes on to the next Via
    parsed_message<> reply;
    if (!parse(ringing.view(), reply)) return 1;
    proxy_edits<> back(reply);
    (void)back.pop_via();
    static_buffer<2048> upstream;
    if (!back.apply(upstream)) return 1;
    std::cout << upstream.view();

    // A value with a line break is refused and nothing is written: no header injection.
    static_buffer<512> out;
    request_builder b(out);
    b.start_line(method::message, "sip:userB@sipB.com").header("Subject", "hi\r\nContact: <sip:evil@attacker>");
    auto refused = b.finish();
    std::cout << "----\ninjection: " << (refused ? "written" : refused.error().message()) << ", " << out.size() << " bytes\n";
}
