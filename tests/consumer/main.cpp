// The README's five-line example, as a consumer builds it.
#include <sipwire/sipwire.hpp>

#include <cstdio>

int main() {
    char const msg[] =
        "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
        "To: Bob <sip:bob@biloxi.example.com>\r\n"
        "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
        "Call-ID: a84b4c76e66710\r\nCSeq: 314159 INVITE\r\nContent-Length: 0\r\n\r\n";
    sipwire::parsed_message<> m;
    if (!sipwire::parse(msg, m)) return 1;
    auto via = sipwire::parse<sipwire::headers::via>(m.top_via());
    std::printf("%.*s %.*s\n", int(m.call_id().size()), m.call_id().data(), int(via->branch->size()), via->branch->data());
    return m.call_id() == "a84b4c76e66710" && *via->branch == "z9hG4bK776asdhds" ? 0 : 1;
}
