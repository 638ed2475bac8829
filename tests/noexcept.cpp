// Built with -fno-exceptions: the whole parse path, grammars included. The grammars use no
// X3 expectation ('>'), so nothing calls boost::throw_exception, which this program does not
// define: one '>' would make this fail to link.
#include <sipwire/sipwire.hpp>

#include <cstdio>

int main() {
    char const msg[] =
        "INVITE sip:bob@[2001:db8::10]:5070;transport=tcp SIP/2.0\r\n"
        "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\r\n"
        "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
        "To: Bob <sip:bob@biloxi.example.com>\r\n"
        "Contact: <sip:alice@client.atlanta.example.com;transport=tcp>;expires=60\r\n"
        "Call-ID: 3848276298220188511@atlanta.example.com\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
        "Proxy-Authorization: Digest username=\"alice\", realm=\"atlanta.example.com\", nonce=\"wf84\", response=\"42ce\"\r\n"
        "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\n";
    sipwire::parsed_message<> m;
    if (!sipwire::parse(msg, m)) return 1;
    if (!sipwire::validate_message(m)) return 2;
    auto bad = sipwire::parse_via("SIP/2.0/UDP host;;");  // failures must not throw either
    if (bad || bad.error().code != sipwire::errc::bad_via) return 3;
    std::puts("parse path ok without exceptions");
    return 0;
}
