// Second opinions on what the builders produce.
//
//   sipwire_interop pcap OUT.pcap     the built messages as UDP packets, for tshark to decode
//   sipwire_interop kamailio PORT     requests built here sent to kamailio on 127.0.0.1:PORT;
//                                     the INVITE it relays back to us is answered here too
//
// Exit status 0 when every check passed. Loopback only, every wait bounded.
#include <sipwire/build.hpp>
#include <sipwire/parse.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace sipwire;

int failures = 0;
void check(bool ok, std::string const& what) {
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
    if (!ok) ++failures;
}

std::string const sdp =
    "v=0\r\no=lib 2890844526 2890844526 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n";

// ---- the message set ----------------------------------------------------------------------

struct built {
    std::string name;
    std::string bytes;
};

std::vector<built> message_set() {
    std::vector<built> out;
    auto add = [&](std::string name, auto&& build) {
        std::string bytes;
        string_sink sink(bytes);
        auto r = build(sink);
        check(static_cast<bool>(r), "built " + name);
        out.push_back({std::move(name), std::move(bytes)});
    };
    add("REGISTER with digest credentials", [](string_sink& s) {
        request_builder b(s);
        digest_credentials c;
        c.username = "bob";
        c.realm = "biloxi.example.com";
        c.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
        c.uri = "sip:biloxi.example.com";
        c.response = "245f23415f11432b3434341c022";
        c.algorithm = "SHA-256";
        c.qop = "auth";
        c.nc = "00000001";
        c.cnonce = "0a4f113b";
        b.start_line(method::register_, "sip:biloxi.example.com").via({"UDP", "192.0.2.4", 5060, "z9hG4bKnashds7", true})
            .max_forwards(70).from({"Bob", "sip:bob@biloxi.example.com", "a73kszlfl"}).to({"Bob", "sip:bob@biloxi.example.com"})
            .call_id("1j9FpLxk3uxtm8tn@192.0.2.4").cseq(2, method::register_).contact({"", "sip:bob@192.0.2.4", 3600})
            .authorization(c).expires(3600);
        return b.finish();
    });
    std::string invite;
    add("INVITE with SDP", [&](string_sink& s) {
        request_builder b(s);
        b.start_line(method::invite, "sip:bob@biloxi.example.com")
            .via({"UDP", "pc33.atlanta.example.com", 5060, "z9hG4bK776asdhds", true})
            .via({"UDP", "192.0.2.1", {}, "z9hG4bKprev"})
            .max_forwards(70).route("sip:ss1.atlanta.example.com;lr")
            .from({"Alice \"A\"", "sip:alice@atlanta.example.com", "1928301774"}).to({"Bob", "sip:bob@biloxi.example.com"})
            .call_id("a84b4c76e66710@pc33.atlanta.example.com").cseq(314159, method::invite)
            .contact({"", "sip:alice@pc33.atlanta.example.com"}).header(field::supported, "replaces, 100rel")
            .header(field::allow, "INVITE, ACK, CANCEL, BYE, OPTIONS").body("application/sdp", sdp);
        auto r = b.finish();
        invite = s.view();
        return r;
    });
    parsed_message<> inv;
    (void)inv.parse(invite);
    for (int status : {100, 180, 486}) add(std::to_string(status) + " made from the INVITE", [&](string_sink& s) { return make_response(inv, status, s); });
    add("200 with Contact and SDP", [&](string_sink& s) {
        response_builder b(s);
        response_options o;
        o.to_tag = "314159";
        b.respond_to(inv, 200, o).contact({"", "sip:bob@192.0.2.4"}).body("application/sdp", sdp);
        return b.finish();
    });
    add("407 with a digest challenge", [&](string_sink& s) {
        response_builder b(s);
        digest_challenge c;
        c.realm = "atlanta.example.com";
        c.nonce = "wf84f1ceczx41ae6cbe5aea9c8e88d359";
        c.opaque = "";
        c.algorithm = "MD5";
        c.qop = "auth";
        b.respond_to(inv, 407, response_options{}).proxy_authenticate(c);
        return b.finish();
    });
    std::string busy;
    {
        string_sink s(busy);
        (void)make_response(inv, 486, s);
    }
    parsed_message<> busy_m;
    (void)busy_m.parse(busy);
    add("ACK for the 486", [&](string_sink& s) { return make_ack(inv, busy_m, s); });
    add("CANCEL for the INVITE", [&](string_sink& s) { return make_cancel(inv, s); });
    add("BYE inside the dialog", [&](string_sink& s) {
        std::string_view const routes[] = {"sip:ss1.atlanta.example.com;lr", "sip:ss2.biloxi.example.com;lr"};
        dialog_request d;
        d.method = method::bye;
        d.remote_target = "sip:bob@192.0.2.4";
        d.route_set = routes;
        d.local = {"", "sip:alice@atlanta.example.com", "1928301774"};
        d.remote = {"", "sip:bob@biloxi.example.com", "314159"};
        d.call_id = "a84b4c76e66710@pc33.atlanta.example.com";
        d.cseq = 314160;
        d.via = {"UDP", "pc33.atlanta.example.com", 5060, "z9hG4bKbye1"};
        return make_in_dialog_request(d, s);
    });
    add("INVITE forwarded by proxy edits", [&](string_sink& s) {
        proxy_edits<> e(inv);
        (void)e.add_received("192.0.2.101", 5060);
        (void)e.pop_route();
        (void)e.decrement_max_forwards();
        (void)e.add_record_route("sip:ss1.atlanta.example.com");
        (void)e.add_via({"UDP", "ss1.atlanta.example.com", 5060, stateless_branch(inv, "ss1").view()});
        return e.apply(s);
    });
    add("180 with its top Via popped", [&](string_sink& s) {
        std::string ringing;
        string_sink rs(ringing);
        (void)make_response(inv, 180, rs);
        parsed_message<> r;
        (void)r.parse(ringing);
        proxy_edits<> e(r);
        (void)e.pop_via();
        return e.apply(s);
    });
    add("MESSAGE in compact form", [](string_sink& s) {
        build_options o;
        o.compact = true;
        request_builder b(s, o);
        b.start_line(method::message, "sip:user2@domain.com").via({"TCP", "[2001:db8::9:1]", 5061, "z9hG4bKc0mp"})
            .max_forwards(70).from({"", "sip:user1@domain.com", "49583"}).to({"", "sip:user2@domain.com"})
            .call_id("asd88asd77a@1.2.3.4").cseq(1, method::message).body("text/plain", "Watson, come here.");
        return b.finish();
    });
    return out;
}

// ---- pcap -----------------------------------------------------------------------------------

void put16(std::string& o, std::uint16_t v) { o += static_cast<char>(v >> 8), o += static_cast<char>(v & 0xff); }
void put32le(std::string& o, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) o += static_cast<char>((v >> (8 * i)) & 0xff);
}

// One raw IPv4/UDP packet per message, 127.0.0.1:5061 -> 127.0.0.1:5060 (LINKTYPE_RAW).
int write_pcap(char const* path) {
    std::string f;
    put32le(f, 0xa1b2c3d4);
    f += std::string("\x02\x00\x04\x00", 4);  // version 2.4
    put32le(f, 0), put32le(f, 0), put32le(f, 65535), put32le(f, 101);
    std::uint32_t t = 0;
    for (auto const& m : message_set()) {
        std::string ip;
        std::uint16_t const len = static_cast<std::uint16_t>(20 + 8 + m.bytes.size());
        ip += std::string("\x45\x00", 2), put16(ip, len), ip += std::string("\x00\x01\x00\x00\x40\x11\x00\x00", 8);
        ip += std::string("\x7f\x00\x00\x01\x7f\x00\x00\x01", 8);
        std::uint32_t sum = 0;  // IPv4 header checksum
        for (std::size_t i = 0; i < 20; i += 2) sum += (static_cast<unsigned char>(ip[i]) << 8) | static_cast<unsigned char>(ip[i + 1]);
        while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
        ip[10] = static_cast<char>((~sum >> 8) & 0xff), ip[11] = static_cast<char>(~sum & 0xff);
        put16(ip, 5061), put16(ip, 5060), put16(ip, static_cast<std::uint16_t>(8 + m.bytes.size())), put16(ip, 0);
        ip += m.bytes;
        put32le(f, ++t), put32le(f, 0), put32le(f, static_cast<std::uint32_t>(ip.size())), put32le(f, static_cast<std::uint32_t>(ip.size()));
        f += ip;
        // What our own parser reads in the packet, for the script to hold tshark's decode against:
        // frame, method or status, Call-ID, CSeq number, Via count, Content-Length.
        parsed_message<> p;
        bool const ok = static_cast<bool>(p.parse(m.bytes));
        check(ok, "built " + m.name + " parses");
        std::printf("expect\t%u\t%s\t%.*s\t%u\t%zu\t%u\t%s\n", t,
                    p.is_request() ? std::string(p.method_text()).c_str() : std::to_string(p.status()).c_str(),
                    static_cast<int>(p.call_id().size()), p.call_id().data(), p.cseq(), p.all(field::via).size(),
                    p.content_length().value_or(0), m.name.c_str());
    }
    std::ofstream(path, std::ios::binary) << f;
    return failures == 0 ? 0 : 1;
}

// ---- kamailio ---------------------------------------------------------------------------------

class udp {
public:
    udp() {
        fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
        socklen_t n = sizeof a;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &n);
        port_ = ntohs(a.sin_port);
    }
    ~udp() { ::close(fd_); }
    std::uint16_t port() const { return port_; }
    void send(std::string_view bytes, std::uint16_t to) const {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(to);
        ::sendto(fd_, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
    }
    // The next datagram within `ms`, or empty.
    std::string receive(int ms) const {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, ms) <= 0) return {};
        char buf[65536];
        ssize_t const n = ::recv(fd_, buf, sizeof buf, 0);
        return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
    }

private:
    int fd_ = -1;
    std::uint16_t port_ = 0;
};

// Sends a request and returns the first final response to it (provisional ones skipped).
std::string exchange(udp const& s, std::string const& request, std::uint16_t port) {
    s.send(request, port);
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (std::chrono::steady_clock::now() < deadline) {
        std::string const r = s.receive(500);
        parsed_message<> m;
        if (!r.empty() && m.parse(r) && m.is_response() && m.status() >= 200) return r;
    }
    return {};
}

int talk_to_kamailio(std::uint16_t port) {
    udp s;
    std::mt19937_64 gen(static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::string const me = "127.0.0.1:" + std::to_string(s.port());
    std::string const kam = "127.0.0.1:" + std::to_string(port);
    // contact "*" means Contact: * with Expires: 0 (remove every binding)
    auto request = [&](method m, std::string const& ruri, std::string const& to, std::string const& contact, bool body) {
        std::string out;
        string_sink sink(out);
        request_builder b(sink);
        id_text const cid = make_call_id(gen, "127.0.0.1");
        b.start_line(m, ruri).via({"UDP", "127.0.0.1", s.port(), make_branch(gen).view(), true}).max_forwards(70)
            .from({"", "sip:lib@" + me, make_tag(gen).view()}).to({"", to}).call_id(cid).cseq(1, m);
        if (contact == "*")
            b.contact_star().expires(0);
        else if (!contact.empty())
            b.contact({"", contact, 60});
        if (body) b.body("application/sdp", sdp);
        check(static_cast<bool>(b.finish()), "built " + std::string(to_string(m)) + " " + ruri);
        return out;
    };
    auto status_of = [](std::string const& r) {
        parsed_message<> m;
        return (!r.empty() && m.parse(r) && m.is_response()) ? m.status() : 0;
    };

    // OPTIONS to kamailio itself: answered 200
    check(status_of(exchange(s, request(method::options, "sip:" + kam, "sip:" + kam, "", false), port)) == 200, "OPTIONS answered 200");
    // REGISTER: our Contact is bound and listed back
    std::string const reg = exchange(s, request(method::register_, "sip:" + kam, "sip:lib@" + kam, "sip:lib@" + me, false), port);
    parsed_message<> rm;
    bool reg_ok = rm.parse(reg) && rm.status() == 200;
    if (reg_ok) {
        auto c = parse_all<headers::contact>(rm).begin();
        reg_ok = c != parse_all<headers::contact>(rm).end() && *c && (*c)->uri.text == "sip:lib@" + me && (*c)->expires;
    }
    check(reg_ok, "REGISTER answered 200 with the binding: " + std::string(rm.start_line()));
    // INVITE to nobody: parsed by kamailio (404), not refused (400)
    check(status_of(exchange(s, request(method::invite, "sip:nobody@" + kam, "sip:nobody@" + kam, "sip:lib@" + me, true), port)) == 404,
          "INVITE for an unknown user answered 404");
    // INVITE to ourselves through kamailio: kamailio relays it to our Contact; we parse its
    // copy, answer 486 with make_response, kamailio relays the 486 back, we ACK it.
    std::string const inv = request(method::invite, "sip:lib@" + kam, "sip:lib@" + kam, "sip:lib@" + me, true);
    s.send(inv, port);
    bool got_invite = false, answered = false, got_486 = false, got_ack = false;
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(8);
    while (std::chrono::steady_clock::now() < deadline && !(got_486 && got_ack)) {
        std::string const msg = s.receive(500);
        if (msg.empty()) continue;
        parsed_message<> m;
        if (!m.parse(msg)) {
            check(false, "kamailio sent something that does not parse: " + msg.substr(0, 60));
            continue;
        }
        if (m.is_request() && m.method() == method::invite && !answered) {
            got_invite = true;
            check(static_cast<bool>(validate_message(m)), "the INVITE kamailio relayed validates");
            check(m.all(field::record_route).size() == 1 && m.all(field::via).size() == 2, "it carries kamailio's Record-Route and Via");
            std::string resp;
            string_sink sink(resp);
            response_options o;
            o.source_host = "127.0.0.1";
            o.source_port = port;
            answered = static_cast<bool>(make_response(m, 486, sink, o));
            s.send(resp, port);
        } else if (m.is_request() && m.method() == method::ack) {
            got_ack = true;
        } else if (m.is_response() && m.status() == 486 && m.cseq_method() == method::invite) {
            if (!got_486) {
                parsed_message<> sent;
                (void)sent.parse(inv);
                std::string ack;
                string_sink sink(ack);
                check(static_cast<bool>(make_ack(sent, m, sink)), "ACK built for the relayed 486");
                s.send(ack, port);
            }
            got_486 = true;
        }
    }
    check(got_invite && answered, "kamailio relayed our INVITE back to our Contact and we answered it");
    check(got_486, "kamailio relayed our 486 back to the caller");
    check(got_ack, "kamailio acknowledged the 486 with an ACK (hop by hop)");
    // unregister
    std::string const unreg = exchange(s, request(method::register_, "sip:" + kam, "sip:lib@" + kam, "*", false), port);
    parsed_message<> um;
    check(um.parse(unreg) && um.status() == 200 && um.all(field::contact).empty(),
          "REGISTER with Contact: * and Expires: 0 answered 200, no binding left");
    return failures == 0 ? 0 : 1;
}

// One OPTIONS to 127.0.0.1:PORT; 0 when a 200 came back (readiness probe for the scripts).
int probe(std::uint16_t port) {
    udp s;
    std::mt19937_64 gen(static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::string const target = "sip:127.0.0.1:" + std::to_string(port);
    std::string out;
    string_sink sink(out);
    request_builder b(sink);
    b.start_line(method::options, target).via({"UDP", "127.0.0.1", s.port(), make_branch(gen).view(), true}).max_forwards(70)
        .from({"", "sip:probe@127.0.0.1", make_tag(gen).view()}).to({"", target}).call_id(make_call_id(gen, "127.0.0.1").view())
        .cseq(1, method::options);
    if (!b.finish()) return 2;
    s.send(out, port);
    std::string const r = s.receive(300);
    parsed_message<> m;
    return (!r.empty() && m.parse(r) && m.is_response() && m.status() == 200) ? 0 : 1;
}

// Prints a UDP port on 127.0.0.1 that nothing is bound to right now.
int free_port() {
    for (int i = 0; i < 20; ++i) {
        std::uint16_t p;
        {
            udp s;
            p = s.port();
        }
        if (p > 1024) {
            std::printf("%u\n", p);
            return 0;
        }
    }
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    std::string const mode = argc > 1 ? argv[1] : "";
    auto port_arg = [&] { return static_cast<std::uint16_t>(std::atoi(argv[2])); };
    if (mode == "pcap" && argc == 3) return write_pcap(argv[2]);
    if (mode == "kamailio" && argc == 3) return talk_to_kamailio(port_arg());
    if (mode == "probe" && argc == 3) return probe(port_arg());
    if (mode == "free-port" && argc == 2) return free_port();
    std::fprintf(stderr, "usage: sipwire_interop pcap OUT.pcap | kamailio PORT | probe PORT | free-port\n");
    return 2;
}
