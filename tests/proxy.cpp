// Proxy edits over the original bytes (RFC 3261 §16.4, §16.6, §16.7, §16.11, §16.3 item 4).
#include "support.hpp"

#include <doctest/doctest.h>
#include <sipwire/build.hpp>
#include <sipwire/parse.hpp>

#include <string>
#include <vector>

using namespace sipwire;
using test::crlf;
using test::str;

namespace {
std::string const request = crlf(
    "INVITE sip:bob@biloxi.example.com SIP/2.0\n"
    "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport\n"
    "Max-Forwards: 70\n"
    "Route: <sip:ss1.atlanta.example.com;lr>\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\n"
    "To: Bob <sip:bob@biloxi.example.com>\n"
    "Call-ID: 3848276298220188511@atlanta.example.com\n"
    "CSeq: 2 INVITE\n"
    "Proxy-Authorization: Digest username=\"alice\", realm=\"atlanta.example.com\",\n"
    " nonce=\"wf84\", response=\"42ce\"\n"
    "Content-Type: application/sdp\n"
    "Content-Length: 4\n"
    "\n"
    "v=0\n");

std::vector<std::string> values(message_view const& m, field f) {
    std::vector<std::string> out;
    for (auto v : m.all(f)) out.push_back(str(v));
    return out;
}

template <class Edits>
std::string applied(Edits const& e) {
    std::string out;
    string_sink s(out);
    auto r = e.apply(s);
    REQUIRE(r);
    CHECK(*r == out.size());
    return out;
}
}  // namespace

TEST_CASE("forwarding a request: received, Via, Max-Forwards, Record-Route, Route, credentials") {
    parsed_message<> in;
    REQUIRE(in.parse(request));
    proxy_edits<> e(in);
    REQUIRE(e.add_received("192.0.2.101", 5060));
    REQUIRE(e.pop_route());  // the Route names this proxy (§16.4)
    REQUIRE(e.remove(field::proxy_authorization));
    REQUIRE(e.decrement_max_forwards());
    REQUIRE(e.add_record_route("sip:ss1.atlanta.example.com"));  // ;lr is added
    REQUIRE(e.add_via({"TCP", "ss1.atlanta.example.com", 5060, "z9hG4bK2d4790.1"}));
    std::string const out = applied(e);
    parsed_message<> m;
    REQUIRE(m.parse(out));
    CHECK(validate_message(m));
    CHECK(values(m, field::via) == std::vector<std::string>{
                                       "SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1",
                                       "SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport=5060;received=192.0.2.101"});
    CHECK(m.max_forwards() == std::optional<std::uint8_t>(69));
    CHECK(values(m, field::record_route) == std::vector<std::string>{"<sip:ss1.atlanta.example.com;lr>"});
    CHECK(!m.find(field::route));
    CHECK(!m.find(field::proxy_authorization));
    // untouched headers are byte for byte the same, the body too
    CHECK(m.from() == in.from());
    CHECK(m.to() == in.to());
    CHECK(m.call_id() == in.call_id());
    CHECK(m.body() == "v=0\r");
    CHECK(out.find("CSeq: 2 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 4\r\n\r\nv=0\r") != std::string::npos);
}

TEST_CASE("pop_via: a whole line, or one value of a comma list") {
    std::string const resp = crlf(
        "SIP/2.0 180 Ringing\n"
        "Via: SIP/2.0/TCP ss2.biloxi.example.com:5060;branch=z9hG4bK721e4.1\n ;received=192.0.2.222\n"
        "Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1, SIP/2.0/TCP client.atlanta.example.com;branch=z9hG4bK74bf9\n"
        "From: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>;tag=2\nCall-ID: c\nCSeq: 2 INVITE\nContent-Length: 0\n\n");
    parsed_message<> r;
    REQUIRE(r.parse(resp));
    proxy_edits<> e(r);
    REQUIRE(e.pop_via());
    std::string const once = applied(e);
    parsed_message<> r1;
    REQUIRE(r1.parse(once));
    CHECK(values(r1, field::via) == std::vector<std::string>{"SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1",
                                                            "SIP/2.0/TCP client.atlanta.example.com;branch=z9hG4bK74bf9"});
    proxy_edits<> e2(r1);
    REQUIRE(e2.pop_via());
    std::string const twice = applied(e2);
    parsed_message<> r2;
    REQUIRE(r2.parse(twice));
    CHECK(values(r2, field::via) == std::vector<std::string>{"SIP/2.0/TCP client.atlanta.example.com;branch=z9hG4bK74bf9"});
    CHECK(twice.find("\r\nVia: SIP/2.0/TCP client.atlanta.example.com;branch=z9hG4bK74bf9\r\n") != std::string::npos);
    // two pops of the same value overlap: refused when applied, nothing written
    proxy_edits<> e3(r);
    REQUIRE(e3.pop_via());
    REQUIRE(e3.pop_via());
    std::string out;
    string_sink s(out);
    CHECK(e3.apply(s).error().code == errc::bad_header_value);
    CHECK(out.empty());
}

TEST_CASE("Max-Forwards: decremented, added when absent, 483 at zero (RFC 3261 §16.6 step 3)") {
    auto edited_mf = [](std::string const& mf_line) {
        std::string const text = crlf("OPTIONS sip:x@example.com SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\n" + mf_line +
                                      "From: <sip:a@example.com>;tag=1\nTo: <sip:x@example.com>\nCall-ID: c\nCSeq: 1 OPTIONS\n\n");
        parsed_message<> m;
        REQUIRE(m.parse(text));
        proxy_edits<> e(m);
        auto r = e.decrement_max_forwards();
        if (!r) return -static_cast<int>(r.error().code);
        std::string const out = applied(e);
        parsed_message<> o;
        REQUIRE(o.parse(out));
        return static_cast<int>(o.max_forwards().value_or(255));
    };
    CHECK(edited_mf("Max-Forwards: 70\n") == 69);
    CHECK(edited_mf("Max-Forwards: 100\n") == 99);
    CHECK(edited_mf("Max-Forwards: 10\n") == 9);
    CHECK(edited_mf("Max-Forwards: 1\n") == 0);  // 1 is forwarded as 0 (sipgo's off-by-one refused it)
    CHECK(edited_mf("Max-Forwards: 0\n") == -static_cast<int>(errc::too_many_hops));
    CHECK(edited_mf("") == 70);
    CHECK(suggested_status(errc::too_many_hops) == 483);
}

TEST_CASE("Request-URI and Route: rewrite, strict-route fix-up (§16.4), strict router next (§16.6 step 6)") {
    parsed_message<> in;
    REQUIRE(in.parse(request));
    {
        proxy_edits<> e(in);
        REQUIRE(e.set_request_uri("sip:bob@client.biloxi.example.com;transport=tcp"));
        CHECK(e.set_request_uri("sip:bob@x SIP/2.0\r\nX-Evil: 1").error().code == errc::bad_request_uri);
        parsed_message<> m;
        std::string const out = applied(e);
        REQUIRE(m.parse(out));
        CHECK(m.request_uri() == "sip:bob@client.biloxi.example.com;transport=tcp");
    }
    // a strict router upstream put our Record-Route URI in the Request-URI (§16.4)
    std::string const strict_in = crlf(
        "BYE sip:ss1.atlanta.example.com;lr SIP/2.0\nVia: SIP/2.0/UDP s.example.com;branch=z9hG4bKs\n"
        "Route: <sip:p9.example.com;lr>, <sip:alice@client.atlanta.example.com>\n"
        "From: <sip:b@example.com>;tag=2\nTo: <sip:a@example.com>;tag=1\nCall-ID: c\nCSeq: 3 BYE\nContent-Length: 0\n\n");
    parsed_message<> s;
    REQUIRE(s.parse(strict_in));
    {
        proxy_edits<> e(s);
        REQUIRE(e.strict_route_fixup());
        parsed_message<> m;
        std::string const out = applied(e);
        REQUIRE(m.parse(out));
        CHECK(m.request_uri() == "sip:alice@client.atlanta.example.com");
        CHECK(values(m, field::route) == std::vector<std::string>{"<sip:p9.example.com;lr>"});
    }
    // the next hop is a strict router (no lr): the Request-URI goes last, the route comes up
    std::string const to_strict = crlf(
        "BYE sip:alice@client.atlanta.example.com SIP/2.0\nVia: SIP/2.0/UDP s.example.com;branch=z9hG4bKs\n"
        "Route: <sip:strict.example.com>\nRoute: <sip:p9.example.com;lr>\n"
        "From: <sip:b@example.com>;tag=2\nTo: <sip:a@example.com>;tag=1\nCall-ID: c\nCSeq: 3 BYE\nContent-Length: 0\n\n");
    parsed_message<> t;
    REQUIRE(t.parse(to_strict));
    {
        proxy_edits<> e(t);
        REQUIRE(e.route_to_strict_router());
        parsed_message<> m;
        std::string const out = applied(e);
        REQUIRE(m.parse(out));
        CHECK(m.request_uri() == "sip:strict.example.com");
        CHECK(values(m, field::route) == std::vector<std::string>{"<sip:p9.example.com;lr>", "<sip:alice@client.atlanta.example.com>"});
    }
    {
        proxy_edits<> e(in);  // first Route has lr: nothing to do
        REQUIRE(e.route_to_strict_router());
        CHECK(e.size() == 0);
    }
}

TEST_CASE("stateless branch (§16.11): stable for retransmissions, ACK and CANCEL; new per transaction") {
    auto branch_of = [](std::string const& text) {
        parsed_message<> m;
        REQUIRE(m.parse(text));
        return str(stateless_branch(m, "p1.example.com").view());
    };
    std::string const inv = crlf(
        "INVITE sip:bob@b.example.com SIP/2.0\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bKclient1\n"
        "From: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: c\nCSeq: 5 INVITE\nContent-Length: 0\n\n");
    std::string const ack = crlf(
        "ACK sip:bob@b.example.com SIP/2.0\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bKclient1\n"
        "From: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>;tag=9\nCall-ID: c\nCSeq: 5 ACK\nContent-Length: 0\n\n");
    std::string const next = crlf(
        "INVITE sip:bob@b.example.com SIP/2.0\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bKclient2\n"
        "From: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: c\nCSeq: 6 INVITE\nContent-Length: 0\n\n");
    std::string const b1 = branch_of(inv);
    CHECK(b1.substr(0, 7) == "z9hG4bK");
    CHECK(b1.size() == 7 + 16 + 1 + 16);
    CHECK(b1 == branch_of(inv));                              // a retransmission
    CHECK(b1.substr(0, 23) == branch_of(ack).substr(0, 23));  // the ACK of a non-2xx: same transaction part
    CHECK(b1.substr(0, 23) != branch_of(next).substr(0, 23));
    // RFC 2543 clients (no magic cookie): the hash of the other fields
    std::string const old = crlf(
        "INVITE sip:bob@b.example.com SIP/2.0\nVia: SIP/2.0/UDP a.example.com\n"
        "From: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: c\nCSeq: 5 INVITE\nContent-Length: 0\n\n");
    std::string const old_next = crlf(
        "INVITE sip:bob@b.example.com SIP/2.0\nVia: SIP/2.0/UDP a.example.com\n"
        "From: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: c\nCSeq: 6 INVITE\nContent-Length: 0\n\n");
    CHECK(branch_of(old) == branch_of(old));
    CHECK(branch_of(old) != branch_of(old_next));
}

TEST_CASE("loop detection (§16.3 item 4): loop, spiral, first visit") {
    std::string const inv = crlf(
        "INVITE sip:bob@b.example.com SIP/2.0\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bKclient1\nMax-Forwards: 70\n"
        "From: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: c\nCSeq: 5 INVITE\nContent-Length: 0\n\n");
    parsed_message<> m;
    REQUIRE(m.parse(inv));
    CHECK(check_loop(m, "p1.example.com", "p1") == forwarding_check::first_visit);
    proxy_edits<> e(m);
    REQUIRE(e.decrement_max_forwards());
    REQUIRE(e.add_via({"UDP", "p1.example.com", {}, stateless_branch(m, "p1").view()}));
    std::string const out = applied(e);
    // it comes back unchanged (through another hop that only added its Via): a loop
    parsed_message<> back;
    REQUIRE(back.parse(out));
    proxy_edits<> other(back);
    REQUIRE(other.add_via({"UDP", "p2.example.com", {}, "z9hG4bKp2"}));
    std::string const looped = applied(other);
    parsed_message<> l;
    REQUIRE(l.parse(looped));
    CHECK(check_loop(l, "p1.example.com", "p1") == forwarding_check::loop);
    // it comes back with a new Request-URI: a spiral
    proxy_edits<> retarget(back);
    REQUIRE(retarget.set_request_uri("sip:bob@elsewhere.example.com"));
    std::string const spiraled = applied(retarget);
    parsed_message<> s;
    REQUIRE(s.parse(spiraled));
    CHECK(check_loop(s, "p1.example.com", "p1") == forwarding_check::spiral);
}

TEST_CASE("edits refuse what would break the message") {
    parsed_message<> in;
    REQUIRE(in.parse(request));
    proxy_edits<> e(in);
    CHECK(e.add_record_route("sip:p\r\nX: 1").error().code == errc::bad_uri);
    CHECK(e.add_via({"UDP", "h\r\nX: 1"}).error().code == errc::bad_via);
    CHECK(e.add_received("1.2.3.4\r\nX: 1").error().code == errc::bad_host);
    CHECK(e.size() == 0);
    proxy_edits<2> small(in);  // room for two edits
    REQUIRE(small.pop_route());
    REQUIRE(small.decrement_max_forwards());
    CHECK(small.remove(field::proxy_authorization).error().code == errc::too_many_headers);
}
