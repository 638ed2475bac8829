// The README's first example: parse an INVITE, print its Call-ID and top Via branch.
#include <sipwire/sipwire.hpp>

#include <iostream>

int main() {
    std::string_view const datagram =
        "INVITE sip:userB@sipB.com SIP/2.0\r\n"
        "Via: SIP/2.0/UDP pc.sipA.com:5060;branch=z9hG4bK74bf9a;rport\r\n"
        "Max-Forwards: 70\r\n"
        "From: UserA <sip:userA@sipA.com>;tag=9fxced76sl\r\n"
        "To: UserB <sip:userB@sipB.com>\r\n"
        "Call-ID: 6b86b273ff34fce1@pc.sipA.com\r\n"
        "CSeq: 1 INVITE\r\n"
        "Content-Length: 0\r\n\r\n";

    sipwire::parsed_message<> msg;                                           // header table inline: no heap
    if (auto r = sipwire::parse(datagram, msg); !r) return std::cerr << r.error().message() << " at byte " << r.error().offset << "\n", 1;
    auto via = sipwire::parse<sipwire::headers::via>(msg.top_via());          // typed on demand
    std::cout << msg.call_id() << " " << via->branch.value_or("-") << "\n";   // 6b86b273ff34fce1@pc.sipA.com z9hG4bK74bf9a
}
