// Building: sinks, identifiers, request and response builders, injection refusals,
// responses (RFC 3261 §8.2.6, RFC 3581), ACK, CANCEL, in-dialog requests.
#include "support.hpp"

#include <doctest/doctest.h>
#include <sipwire/build.hpp>
#include <sipwire/parse.hpp>

#include <random>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

using namespace sipwire;
using test::crlf;
using test::str;

namespace {
std::string const invite = crlf(
    "INVITE sip:bob@biloxi.example.com SIP/2.0\n"
    "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bKp1, SIP/2.0/UDP p2.example.com;branch=z9hG4bKp2\n"
    "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport\n"
    "Max-Forwards: 68\n"
    "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\n"
    "Route: <sip:p3.example.com;lr>\n"
    "To: Bob\n <sip:bob@biloxi.example.com>\n"
    "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=1928301774\n"
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\n"
    "CSeq: 314159 INVITE\n"
    "Contact: <sip:alice@pc33.atlanta.example.com>\n"
    "Content-Type: application/sdp\n"
    "Content-Length: 4\n"
    "\n"
    "v=0\n");

parsed_message<> parsed(std::string const& s) {
    parsed_message<> m;
    auto r = m.parse(s);
    INFO(s);
    REQUIRE(r);
    return m;
}
}  // namespace

TEST_CASE("span_sink reports the size needed, static_buffer and string_sink hold the bytes") {
    char small[8];
    span_sink s(small);
    CHECK(s.append("abc"));
    CHECK(!s.append("defghi"));
    CHECK(s.overflowed());
    CHECK(s.size() == 3);
    CHECK(s.needed() == 9);
    CHECK(!s.append("j"));
    CHECK(s.needed() == 10);
    s.truncate(2);
    CHECK(!s.overflowed());
    CHECK(s.view() == "ab");
    static_buffer<16> b;
    CHECK(b.append("hello"));
    CHECK(b.view() == "hello");
    std::string out = "prefix:";
    string_sink ss(out);
    CHECK(ss.append("x"));
    ss.truncate(7);
    CHECK(out == "prefix:");
}

TEST_CASE("span_sink copies pieces of every length exactly, up to the last byte of the buffer") {
    // pieces of 0..40 bytes (the short ones take the overlapping-move path), each distinct
    std::string source;
    for (int i = 0; i < 64; ++i) source += static_cast<char>('!' + i);
    for (std::size_t first = 0; first <= 40; ++first) {
        for (std::size_t second = 0; second <= 40; ++second) {
            std::string const a = source.substr(0, first), b = source.substr(64 - second, second);
            std::vector<char> buf(first + second + 1, '#');
            span_sink s(buf.data(), first + second);  // exactly large enough
            CHECK(s.append(a));
            CHECK(s.append(b));
            CHECK(s.view() == a + b);
            CHECK(buf.back() == '#');  // nothing written past the capacity
            CHECK(!s.append("x"));
        }
    }
}

TEST_CASE("branches, tags and Call-IDs") {
    std::mt19937_64 gen(7);
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        id_text const b = make_branch(gen);
        CHECK(b.view().substr(0, 7) == "z9hG4bK");
        CHECK(b.size() == 18);  // cookie + 11 base-62 digits = 64 bits
        CHECK(detail::is_token(b.view()));
        seen.insert(str(b.view()));
    }
    CHECK(seen.size() == 1000);
    std::mt19937 small_gen(7);  // a 32-bit generator works too
    CHECK(make_tag(small_gen).size() == 11);
    id_text const cid = make_call_id(gen, "pc33.atlanta.example.com");
    CHECK(cid.size() == 22 + 1 + 24);
    CHECK(cid.view().substr(22) == "@pc33.atlanta.example.com");
    std::mt19937_64 again(7), again2(7);
    CHECK(make_branch(again).view() == make_branch(again2).view());  // the caller's generator decides
    CHECK(branch_from_hash(0x0123456789abcdefull).view() == "z9hG4bK0123456789abcdef");
    // a named id converts to a view; a temporary does not (the view would dangle)
    static_assert(std::is_convertible_v<id_text const&, std::string_view>);
    static_assert(!std::is_convertible_v<id_text, std::string_view>);
}

TEST_CASE("request_builder: a request every field of which reads back") {
    char buf[2048];
    span_sink s(buf);
    request_builder b(s);
    b.start_line(method::invite, "sip:bob@biloxi.example.com")
        .via({"TCP", "[2001:db8::1]", 5061, "z9hG4bKabc", true})
        .max_forwards(70)
        .from({"Alice \"A\" \\ L", "sip:alice@atlanta.example.com", "tag1"})
        .to({"", "sip:bob@biloxi.example.com"})
        .call_id("abc@host")
        .cseq(7, method::invite)
        .contact({"", "sip:alice@192.0.2.1:5060;transport=tcp", 3600, "0.5", ";+sip.instance=\"<urn:uuid:1>\""})
        .route("sip:p1.example.com;lr")
        .record_route("sip:p2.example.com;lr", ";x=1")
        .header("X-Custom", "a, b")
        .header(field::user_agent, "test/1.0")
        .body("application/sdp", "v=0\r\n");
    auto n = b.finish();
    REQUIRE(n);
    CHECK(*n == s.size());
    parsed_message<> m;
    REQUIRE(m.parse(s.view()));
    CHECK(validate_message(m));
    CHECK(m.method() == method::invite);
    CHECK(m.content_length() == std::optional<std::uint32_t>(5));
    CHECK(m.body() == "v=0\r\n");
    auto via = parse_via(m.top_via());
    REQUIRE(via);
    CHECK(via->transport == "TCP");
    CHECK(via->host == "[2001:db8::1]");
    CHECK(via->port == std::optional<std::uint16_t>(5061));
    CHECK(via->branch == std::optional<std::string_view>("z9hG4bKabc"));
    CHECK(via->rport);
    auto from = parse_name_addr(m.from());
    REQUIRE(from);
    char d[64];
    auto dn = unquote(*from->display_name, d, sizeof d);
    CHECK(std::string_view(d, *dn) == "Alice \"A\" \\ L");
    CHECK(from->tag == std::optional<std::string_view>("tag1"));
    auto contact = parse_contact(*m.find(field::contact));
    REQUIRE(contact);
    CHECK(contact->expires == std::optional<std::uint32_t>(3600));
    CHECK(contact->q == std::optional<std::string_view>("0.5"));
    CHECK(contact->param("+sip.instance")->unquoted() == "<urn:uuid:1>");
    CHECK(m.find("X-Custom") == std::optional<std::string_view>("a, b"));
    CHECK(parse_route(*m.find(field::record_route))->param("x"));
}

TEST_CASE("body: Content-Type with parameters; a malformed media type is refused") {
    std::string out;
    string_sink s(out);
    auto start = [&](request_builder<string_sink>& b) -> auto& {
        return b.start_line(method::message, "sip:bob@example.com")
            .via({"UDP", "pc.example.com", 5060, "z9hG4bK1"})
            .from({"", "sip:alice@example.com", "a1"})
            .to({"", "sip:bob@example.com"})
            .call_id("c1")
            .cseq(1, method::message);
    };
    request_builder b(s);
    start(b).body("multipart/mixed ; boundary=\"unique boundary-1\"", "--x--");
    REQUIRE(b.finish());
    parsed_message<> m;
    REQUIRE(m.parse(out));
    auto ct = parse<headers::content_type>(*m.find(field::content_type));
    REQUIRE(ct);
    CHECK(ct->is("multipart", "mixed"));
    CHECK(ct->param("boundary")->unquoted() == "unique boundary-1");
    CHECK(m.body() == "--x--");
    for (std::string_view bad : {"application", "application/", "/sdp", "appli cation/sdp", "application/sdp;a=1,b=2",
                                 "application/sdp;x=\"a\r\nb\"", "application/sdp\r\nX: y", "application/sdp;=1"}) {
        CAPTURE(bad);
        out.clear();
        request_builder r(s);
        start(r).body(bad, "x");
        auto res = r.finish();
        REQUIRE(!res);
        CHECK(res.error().code == errc::bad_header_value);
        CHECK(out.empty());
    }
}

TEST_CASE("compact names on request") {
    std::string out;
    string_sink s(out);
    build_options o;
    o.compact = true;
    request_builder b(s, o);
    b.start_line(method::message, "sip:bob@b.example.com").via({"UDP", "a.example.com", {}, "z9hG4bKx"})
        .from({"", "sip:a@a.example.com", "t"}).to({"", "sip:bob@b.example.com"}).call_id("c").cseq(1, method::message)
        .body("text/plain", "hi");
    REQUIRE(b.finish());
    CHECK(out.find("v: SIP/2.0/UDP") != std::string::npos);
    CHECK(out.find("\r\nf: <sip:a@a.example.com>;tag=t\r\n") != std::string::npos);
    CHECK(out.find("\r\nt: ") != std::string::npos);
    CHECK(out.find("\r\ni: c\r\n") != std::string::npos);
    CHECK(out.find("\r\nCSeq: 1 MESSAGE\r\n") != std::string::npos);  // CSeq has no compact form
    CHECK(out.find("\r\nc: text/plain\r\nl: 2\r\n\r\nhi") != std::string::npos);
    CHECK(parsed(out).body() == "hi");
}

TEST_CASE("header injection is refused and nothing is written") {
    auto refused = [](auto&& add) {
        std::string out = "earlier bytes|";
        string_sink s(out);
        request_builder b(s);
        b.start_line(method::options, "sip:x@example.com").via({"UDP", "h.example.com", {}, "z9hG4bKx"});
        add(b);
        b.call_id("c").cseq(1, method::options);
        auto r = b.finish();
        CHECK(out == "earlier bytes|");  // the sink is back where it was
        return r ? errc::ok : r.error().code;
    };
    using B = request_builder<string_sink>;
    CHECK(refused([](B& b) { b.from({"Eve\r\nX-Evil: 1", "sip:eve@example.com", "t"}); }) == errc::bad_name_addr);
    CHECK(refused([](B& b) { b.from({"", "sip:eve@example.com>\r\nX-Evil: 1", "t"}); }) == errc::bad_name_addr);
    CHECK(refused([](B& b) { b.from({"", "sip:eve@example.com", "t\r\nX: 1"}); }) == errc::bad_param);
    CHECK(refused([](B& b) { b.from({"", "sip:eve@example.com", "t", ";a=b\nX: 1"}); }) == errc::bad_name_addr);
    CHECK(refused([](B& b) { b.from({"", "sip:a b@example.com", "t"}); }) == errc::bad_name_addr);
    CHECK(refused([](B& b) { b.from({"", "sip:a@example.com", "t", ";a=b,<sip:x>"}); }) == errc::bad_name_addr);
    CHECK(refused([](B& b) { b.header("Subject", "hi\r\nX-Evil: 1"); }) == errc::bad_header_value);
    CHECK(refused([](B& b) { b.header("Subject", std::string_view("hi\0there", 8)); }) == errc::bad_header_value);
    CHECK(refused([](B& b) { b.header("X-Evil: 1\r\nSubject", "x"); }) == errc::bad_header_name);
    CHECK(refused([](B& b) { b.header("Bad Name", "x"); }) == errc::bad_header_name);
    CHECK(refused([](B& b) { b.header("Content-Length", "0"); }) == errc::bad_header_value);  // the builder writes it
    CHECK(refused([](B& b) { b.header(field::content_length, "0"); }) == errc::bad_header_value);
    CHECK(refused([](B& b) { b.via({"UDP", "h\r\nX: 1"}); }) == errc::bad_via);
    CHECK(refused([](B& b) { b.via({"UDP", "h", {}, "z9hG4bK;evil"}); }) == errc::bad_via);
    CHECK(refused([](B& b) { b.via({"UDP", "h", 0}); }) == errc::bad_via);
    // the Via host and received= are checked with the reader's own host grammar
    for (std::string_view host : {"a..example.com", "-a.example.com", "example.com-", "[::1", "[1::2::3]", "1.2.3.4.5", "[::1%]", "a_b.com"}) {
        CAPTURE(host);
        CHECK(refused([&](B& b) { b.via({"UDP", host}); }) == errc::bad_via);
    }
    CHECK(refused([](B& b) {
              via_params v{"UDP", "h.example.com"};
              v.received = "h.example.com";  // received= holds an IP address (RFC 3261 §18.2.1)
              b.via(v);
          }) == errc::bad_via);
    for (std::string_view host : {"[fe80::1%25eth0]", "[::%*]", "192.0.2.1", "example.com.", "x"}) {
        CAPTURE(host);
        std::string out;
        string_sink s(out);
        request_builder b(s);
        b.start_line(method::options, "sip:x@example.com").via({"UDP", host}).from({"", "sip:a@b", "t"}).to({"", "sip:a@b"});
        REQUIRE(b.call_id("c").cseq(1, method::options).finish());
        CHECK(parse_via(parsed(out).top_via())->host == host);
    }
    CHECK(refused([](B& b) { b.route("sip:p\r\n"); }) == errc::bad_name_addr);
    CHECK(refused([](B& b) { b.contact({"", "sip:a@b", {}, "2.0"}); }) == errc::bad_param);
    CHECK(refused([](B& b) {
              digest_credentials c;
              c.username = "bob\"\r\nX: 1";
              c.nonce = "n";
              b.authorization(c);
          }) == errc::bad_auth);
    CHECK(refused([](B& b) { b.body("application/sdp\r\nX: 1", "v=0"); }) == errc::bad_header_value);

    // start line and status line refusals
    std::string out;
    string_sink s(out);
    request_builder r1(s);
    r1.start_line("INV ITE", "sip:x@y");
    CHECK(r1.finish().error().code == errc::bad_method);
    request_builder r2(s);
    r2.start_line(method::invite, "sip:x@y SIP/2.0\r\nX: 1");
    CHECK(r2.finish().error().code == errc::bad_request_uri);
    response_builder r3(s);
    r3.status_line(200, "OK\r\nX-Evil: 1");
    CHECK(r3.finish().error().code == errc::bad_reason_phrase);
    response_builder r4(s);
    r4.status_line(99);
    CHECK(r4.finish().error().code == errc::bad_status_code);
    request_builder r5(s);
    r5.via({"UDP", "h"});  // a header before the start line
    CHECK(r5.finish().error().code == errc::bad_start_line);
    request_builder r6(s);
    r6.cseq(0x80000000u, method::invite);
    CHECK(r6.finish().error().code == errc::bad_start_line);
    CHECK(out.empty());
}

TEST_CASE("a buffer too small: buffer_too_small, and needed() says how much") {
    auto build = [](auto& sink) {
        request_builder b(sink);
        b.start_line(method::options, "sip:bob@biloxi.example.com").via({"UDP", "h.example.com", {}, "z9hG4bKx"})
            .from({"", "sip:a@example.com", "t"}).to({"", "sip:bob@biloxi.example.com"}).call_id("c").cseq(1, method::options);
        return b.finish();
    };
    char tiny[40];
    span_sink s(tiny);
    auto r = build(s);
    REQUIRE(!r);
    CHECK(r.error().code == errc::buffer_too_small);
    std::size_t const needed = s.needed();
    std::vector<char> big(needed);
    span_sink s2(big.data(), big.size());
    auto r2 = build(s2);
    REQUIRE(r2);
    CHECK(*r2 == needed);
    CHECK(s2.view().substr(0, s.size()) == s.view());  // what fitted is the start of the message
}

TEST_CASE("digest headers") {
    std::string out;
    string_sink s(out);
    response_builder b(s);
    digest_challenge c;
    c.realm = "atlanta.example.com";
    c.nonce = "ea9c8e88df84f1cec4341ae6cbe5a359";
    c.algorithm = "SHA-256";
    c.qop = "auth,auth-int";
    c.opaque = "";
    c.stale = true;
    b.status_line(401).via({"UDP", "h.example.com", {}, "z9hG4bKx"}).from({"", "sip:a@b.example.com", "t"})
        .to({"", "sip:a@b.example.com", "u"}).call_id("c").cseq(1, method::register_).www_authenticate(c);
    REQUIRE(b.finish());
    auto m = parsed(out);
    auto ch = parse<headers::www_authenticate>(*m.find(field::www_authenticate));
    REQUIRE(ch);
    CHECK(ch->realm == std::optional<std::string_view>("atlanta.example.com"));
    CHECK(ch->algorithm == digest_algorithm::sha256);
    CHECK(ch->qop == std::optional<std::string_view>("auth,auth-int"));
    CHECK(ch->stale == std::optional<std::string_view>("TRUE"));

    std::string out2;
    string_sink s2(out2);
    request_builder r(s2);
    digest_credentials cr;
    cr.username = "bob";
    cr.realm = "atlanta.example.com";
    cr.nonce = "ea9c";
    cr.uri = "sip:ss2.biloxi.example.com";
    cr.response = "dfe56131d1958046689d83306477ecc";
    cr.algorithm = "MD5";
    cr.cnonce = "0a4f113b";
    cr.qop = "auth";
    cr.nc = "00000001";
    r.start_line(method::register_, "sip:ss2.biloxi.example.com").via({"TLS", "c.example.com", 5061, "z9hG4bKy"})
        .from({"", "sip:bob@b.example.com", "t"}).to({"", "sip:bob@b.example.com"}).call_id("c").cseq(2, method::register_)
        .authorization(cr);
    REQUIRE(r.finish());
    auto a = parse<headers::authorization>(*parsed(out2).find(field::authorization));
    REQUIRE(a);
    CHECK(a->username == std::optional<std::string_view>("bob"));
    CHECK(a->nc == std::optional<std::string_view>("00000001"));
    CHECK(a->qop == std::optional<std::string_view>("auth"));
    CHECK(a->algorithm == digest_algorithm::md5);
}

TEST_CASE("make_response follows RFC 3261 §8.2.6") {
    auto req = parsed(invite);
    std::string out;
    string_sink s(out);
    REQUIRE(make_response(req, 180, s));
    auto r = parsed(out);
    CHECK(r.status() == 180);
    CHECK(r.reason() == "Ringing");
    // every Via value, in order, as they were
    std::vector<std::string> req_vias, resp_vias;
    for (auto v : req.all(field::via)) req_vias.push_back(str(v));
    for (auto v : r.all(field::via)) resp_vias.push_back(str(v));
    CHECK(resp_vias == req_vias);
    CHECK(r.from() == req.from());
    auto to = parse_name_addr(r.to());
    REQUIRE(to);
    CHECK(to->uri.text == "sip:bob@biloxi.example.com");
    CHECK(to->display_name == std::optional<std::string_view>("Bob"));  // the fold became a space
    REQUIRE(to->tag);
    CHECK(to->tag->size() == 16);
    CHECK(r.call_id() == req.call_id());
    CHECK(r.cseq() == 314159);
    CHECK(r.cseq_method() == method::invite);
    CHECK(r.content_length() == std::optional<std::uint32_t>(0));
    CHECK(r.all(field::record_route).size() == 2);  // a dialog-creating response keeps the route
    CHECK(!r.find(field::route));
    CHECK(!r.find(field::contact));

    // the same tag for a retransmission, and for the 200 that follows the 180
    std::string again;
    string_sink s2(again);
    REQUIRE(make_response(req, 200, s2));
    CHECK(parse_name_addr(parsed(again).to())->tag == to->tag);

    // no tag on a 100; a tag already there is kept; no Record-Route on a 4xx
    std::string trying;
    string_sink s3(trying);
    REQUIRE(make_response(req, 100, s3));
    CHECK(!parse_name_addr(parsed(trying).to())->tag);
    std::string busy;
    string_sink s4(busy);
    response_options o;
    o.to_tag = "mytag";
    REQUIRE(make_response(req, 486, s4, o));
    auto b = parsed(busy);
    CHECK(parse_name_addr(b.to())->tag == std::optional<std::string_view>("mytag"));
    CHECK(b.all(field::record_route).empty());
    CHECK(b.reason() == "Busy Here");
    std::string with_reason;
    string_sink s5(with_reason);
    REQUIRE(make_response(req, 480, "Temporarily Unavailable [call Processing Released]", s5));
    CHECK(parsed(with_reason).reason() == "Temporarily Unavailable [call Processing Released]");

    // more headers before finish()
    std::string more;
    string_sink s6(more);
    response_builder rb(s6);
    rb.respond_to(req, 200, response_options{}).contact({"", "sip:bob@192.0.2.4"}).body("application/sdp", "v=0\r\n");
    REQUIRE(rb.finish());
    auto ok = parsed(more);
    CHECK(parse_contact(*ok.find(field::contact))->uri.text == "sip:bob@192.0.2.4");
    CHECK(ok.body() == "v=0\r\n");
}

TEST_CASE("make_response with RFC 3581: received and rport") {
    std::string const text = crlf("OPTIONS sip:x@example.com SIP/2.0\n"
                                  "Via: SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bKa, SIP/2.0/UDP p.example.com;branch=z9hG4bKb\n"
                                  "Via: SIP/2.0/UDP q.example.com;branch=z9hG4bKc\n"
                                  "From: <sip:a@example.com>;tag=1\nTo: <sip:x@example.com>\nCall-ID: c\nCSeq: 1 OPTIONS\n\n");
    auto req = parsed(text);
    std::string out;
    string_sink s(out);
    response_options o;
    o.source_host = "192.0.2.7";
    o.source_port = 34567;
    REQUIRE(make_response(req, 200, s, o));
    auto r = parsed(out);
    std::vector<std::string> vias;
    for (auto v : r.all(field::via)) vias.push_back(str(v));
    REQUIRE(vias.size() == 3);
    auto top = parse_via(vias[0]);
    REQUIRE(top);
    CHECK(top->rport_value == std::optional<std::uint16_t>(34567));
    CHECK(top->received == std::optional<std::string_view>("192.0.2.7"));
    CHECK(top->branch == std::optional<std::string_view>("z9hG4bKa"));
    CHECK(vias[1] == "SIP/2.0/UDP p.example.com;branch=z9hG4bKb");
    CHECK(vias[2] == "SIP/2.0/UDP q.example.com;branch=z9hG4bKc");

    // no rport asked, and the source is the sent-by host: nothing added
    std::string const same_text = crlf("OPTIONS sip:x@example.com SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.7;branch=z9hG4bKa;received=1.2.3.4\n"
                                       "From: <sip:a@example.com>;tag=1\nTo: <sip:x@example.com>\nCall-ID: c\nCSeq: 1 OPTIONS\n\n");
    auto same = parsed(same_text);
    std::string out2;
    string_sink s2(out2);
    REQUIRE(make_response(same, 200, s2, o));
    CHECK(parse_via(parsed(out2).top_via())->received == std::optional<std::string_view>("1.2.3.4"));
    o.source_host = "bad host\r\n";
    std::string out3;
    string_sink s3(out3);
    CHECK(make_response(req, 200, s3, o).error().code == errc::bad_via);
    CHECK(out3.empty());
}

TEST_CASE("ACK for a non-2xx final response (RFC 3261 §17.1.1.3) and CANCEL (§9.1)") {
    auto req = parsed(invite);
    std::string resp_text;
    string_sink rs(resp_text);
    response_options o;
    o.to_tag = "bobtag";
    REQUIRE(make_response(req, 486, rs, o));
    auto resp = parsed(resp_text);
    std::string out;
    string_sink s(out);
    REQUIRE(make_ack(req, resp, s));
    auto ack = parsed(out);
    CHECK(ack.method() == method::ack);
    CHECK(ack.request_uri() == req.request_uri());
    CHECK(ack.all(field::via).size() == 1);
    CHECK(ack.top_via() == req.top_via());
    CHECK(ack.from() == req.from());
    CHECK(parse_name_addr(ack.to())->tag == std::optional<std::string_view>("bobtag"));
    CHECK(ack.call_id() == req.call_id());
    CHECK(ack.cseq() == req.cseq());
    CHECK(ack.cseq_method() == method::ack);
    CHECK(ack.find(field::route) == req.find(field::route));
    CHECK(validate_message(ack));

    std::string c;
    string_sink cs(c);
    REQUIRE(make_cancel(req, cs));
    auto cancel = parsed(c);
    CHECK(cancel.method() == method::cancel);
    CHECK(cancel.request_uri() == req.request_uri());
    CHECK(cancel.top_via() == req.top_via());
    CHECK(cancel.all(field::via).size() == 1);
    CHECK(parse_name_addr(cancel.to())->uri.text == "sip:bob@biloxi.example.com");
    CHECK(!parse_name_addr(cancel.to())->tag);
    CHECK(cancel.cseq() == req.cseq());
    CHECK(cancel.cseq_method() == method::cancel);

    // no ACK for a 2xx through this path, no CANCEL of an ACK
    std::string ok_text;
    string_sink oks(ok_text);
    REQUIRE(make_response(req, 200, oks));
    std::string x;
    string_sink xs(x);
    CHECK(make_ack(req, parsed(ok_text), xs).error().code == errc::missing_header);
    CHECK(make_cancel(ack, xs).error().code == errc::missing_header);
    CHECK(x.empty());
}

TEST_CASE("requests inside a dialog (RFC 3261 §12.2.1.1), loose and strict routes") {
    std::string_view const loose[] = {"sip:p1.example.com;lr", "sip:p2.example.com;lr"};
    dialog_request d;
    d.method = method::bye;
    d.remote_target = "sip:bob@192.0.2.4";
    d.route_set = loose;
    d.local = {"", "sip:alice@atlanta.example.com", "a1"};
    d.remote = {"", "sip:bob@biloxi.example.com", "b1"};
    d.call_id = "c1@h";
    d.cseq = 2;
    d.via = {"UDP", "pc33.atlanta.example.com", 5060, "z9hG4bKbye"};
    std::string out;
    string_sink s(out);
    REQUIRE(make_in_dialog_request(d, s));
    auto m = parsed(out);
    CHECK(m.method() == method::bye);
    CHECK(m.request_uri() == "sip:bob@192.0.2.4");
    std::vector<std::string> routes;
    for (auto r : m.all(field::route)) routes.push_back(str(r));
    CHECK(routes == std::vector<std::string>{"<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"});
    CHECK(parse_name_addr(m.from())->tag == std::optional<std::string_view>("a1"));
    CHECK(parse_name_addr(m.to())->tag == std::optional<std::string_view>("b1"));
    CHECK(m.cseq() == 2);
    CHECK(validate_message(m));

    // a strict router first: it becomes the Request-URI, the remote target goes last
    std::string_view const strict[] = {"sip:strict.example.com", "sip:p2.example.com;lr"};
    d.route_set = strict;
    std::string out2;
    string_sink s2(out2);
    REQUIRE(make_in_dialog_request(d, s2));
    auto m2 = parsed(out2);
    CHECK(m2.request_uri() == "sip:strict.example.com");
    routes.clear();
    for (auto r : m2.all(field::route)) routes.push_back(str(r));
    CHECK(routes == std::vector<std::string>{"<sip:p2.example.com;lr>", "<sip:bob@192.0.2.4>"});

    // no route set: straight to the remote target
    d.route_set = {};
    std::string out3;
    string_sink s3(out3);
    REQUIRE(make_in_dialog_request(d, s3));
    CHECK(!parsed(out3).find(field::route));
    CHECK(detail::uri_has_lr("sip:p.example.com;lr=on"));
    CHECK(!detail::uri_has_lr("sip:+1;lr@p.example.com"));
}

TEST_CASE("property: random values built, parsed back equal (seeded)") {
    std::mt19937_64 gen(20261124);
    auto pick = [&](std::string_view alphabet, std::size_t min_len, std::size_t max_len) {
        std::uniform_int_distribution<std::size_t> len(min_len, max_len), ch(0, alphabet.size() - 1);
        std::string s(len(gen), ' ');
        for (char& c : s) c = alphabet[ch(gen)];
        return s;
    };
    std::string_view const token_chars = "abcXYZ019-.!%*_+`'~";
    std::string_view const label_chars = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string_view const display_chars = "abc XYZ,;:<>@\"\\'()[]{}=?\xc3\xa9\t\x01\x0e\x1f\x7f";  // controls: quoted-pairs
    for (int round = 0; round < 300; ++round) {
        CAPTURE(round);
        std::string const host = pick("abcdefghijklmnopqrstuvwxyz", 1, 1) + pick(label_chars, 0, 8) + ".example." +
                                 pick("abcdefghijklmnopqrstuvwxyz", 2, 3);
        std::string const user = pick("abcABC0123-_.!~*'()&=+$,;?/", 1, 12);
        std::uint16_t const port = static_cast<std::uint16_t>(std::uniform_int_distribution<int>(1, 65535)(gen));
        std::string const uri = "sip:" + user + "@" + host + ":" + std::to_string(port) + ";transport=tcp";
        std::string const display = pick(display_chars, 0, 16);
        std::string const tag = pick(token_chars, 1, 20);
        std::string const branch = "z9hG4bK" + pick(token_chars, 1, 20);
        std::string const call_id = pick("abcXYZ019-.!%*_+`'~()<>:\\\"/[]?{}", 1, 30) + "@" + host;
        std::uint32_t const cseq = std::uniform_int_distribution<std::uint32_t>(0, 0x7fffffff)(gen);
        std::uint8_t const mf = static_cast<std::uint8_t>(std::uniform_int_distribution<int>(0, 255)(gen));
        std::string const body = pick("abc\r\n\x01\xff", 0, 50);

        std::string out;
        string_sink s(out);
        request_builder b(s);
        b.start_line(method::invite, uri).via({"UDP", host, port, branch, true}).max_forwards(mf)
            .from({display, uri, tag}).to({"", "sip:" + host}).call_id(call_id).cseq(cseq, method::invite)
            .contact({display, uri, cseq, "0.5"}).body("application/sdp", body);
        auto n = b.finish();
        INFO(out);
        REQUIRE(n);
        parsed_message<> m;
        REQUIRE(m.parse(out));
        CHECK(validate_message(m));
        CHECK(m.request_uri() == uri);
        CHECK(m.max_forwards() == std::optional<std::uint8_t>(mf));
        CHECK(m.cseq() == cseq);
        CHECK(m.call_id() == call_id);
        CHECK(m.body() == body);
        auto via = parse_via(m.top_via());
        REQUIRE(via);
        CHECK(via->host == host);
        CHECK(via->port == std::optional<std::uint16_t>(port));
        CHECK(via->branch == std::optional<std::string_view>(branch));
        auto from = parse_name_addr(m.from());
        REQUIRE(from);
        CHECK(from->uri.text == uri);
        CHECK(from->tag == std::optional<std::string_view>(tag));
        if (display.empty()) {
            CHECK(!from->display_name);
        } else {
            char d[64];
            auto len = unquote(*from->display_name, d, sizeof d);
            REQUIRE(len);
            CHECK(std::string_view(d, *len) == display);
        }
        auto contact = parse_contact(*m.find(field::contact));
        REQUIRE(contact);
        CHECK(contact->expires == std::optional<std::uint32_t>(cseq));

        // and the response to it, and a proxy's forward of it
        std::string resp;
        string_sink rs(resp);
        REQUIRE(make_response(m, 200, rs));
        parsed_message<> r;
        REQUIRE(r.parse(resp));
        CHECK(r.call_id() == call_id);
        CHECK(parse_name_addr(r.from())->tag == std::optional<std::string_view>(tag));
        CHECK(parse_via(r.top_via())->branch == std::optional<std::string_view>(branch));
    }
}

TEST_CASE("property: ACK, CANCEL, in-dialog requests and proxy edits over random dialogs (seeded)") {
    std::mt19937_64 gen(3261);
    auto pick = [&](std::string_view alphabet, std::size_t min_len, std::size_t max_len) {
        std::uniform_int_distribution<std::size_t> len(min_len, max_len), ch(0, alphabet.size() - 1);
        std::string s(len(gen), ' ');
        for (char& c : s) c = alphabet[ch(gen)];
        return s;
    };
    auto number = [&](std::uint32_t lo, std::uint32_t hi) { return std::uniform_int_distribution<std::uint32_t>(lo, hi)(gen); };
    std::string_view const token_chars = "abcXYZ019-.!%*_+`'~";
    auto host = [&] { return pick("abcdefghijklmnopqrstuvwxyz", 1, 6) + "." + pick("abcdefghijklmnopqrstuvwxyz", 2, 3); };
    for (int round = 0; round < 200; ++round) {
        CAPTURE(round);
        // a random INVITE with 1-3 Vias, 0-2 Routes, random Max-Forwards
        std::string const caller = host(), callee = host();
        std::string const ruri = "sip:" + pick("abcxyz019", 1, 8) + "@" + callee;
        std::string const from_tag = pick(token_chars, 1, 16), to_tag = pick(token_chars, 1, 16);
        std::string const call_id = pick(token_chars, 1, 24) + "@" + caller;
        std::uint32_t const cseq = number(1, 0x7ffffff0);
        std::uint8_t const mf = static_cast<std::uint8_t>(number(0, 255));
        std::uint32_t const n_vias = number(1, 3), n_routes = number(0, 2);
        std::vector<std::string> via_hosts, branches, routes;
        for (std::uint32_t i = 0; i < n_vias; ++i) via_hosts.push_back(host()), branches.push_back("z9hG4bK" + pick(token_chars, 4, 16));
        for (std::uint32_t i = 0; i < n_routes; ++i) routes.push_back("sip:" + host() + ";lr");
        std::string inv_text;
        string_sink is(inv_text);
        request_builder b(is);
        b.start_line(method::invite, ruri);
        for (std::uint32_t i = 0; i < n_vias; ++i) b.via({"UDP", via_hosts[i], static_cast<std::uint16_t>(number(1, 65535)), branches[i]});
        b.max_forwards(mf);
        for (auto const& r : routes) b.route(r);
        b.from({"", "sip:a@" + caller, from_tag}).to({"", "sip:b@" + callee}).call_id(call_id).cseq(cseq, method::invite);
        REQUIRE(b.finish());
        INFO(inv_text);
        auto inv = parsed(inv_text);

        // a final non-2xx response, then the ACK for it: top Via only, the response's To, same CSeq number
        int const status = static_cast<int>(number(300, 699));
        std::string resp_text;
        string_sink rs(resp_text);
        response_options o;
        o.to_tag = to_tag;
        REQUIRE(make_response(inv, status, rs, o));
        auto resp = parsed(resp_text);
        CHECK(resp.status() == status);
        CHECK(resp.all(field::via).size() == n_vias);
        std::string ack_text;
        string_sink as(ack_text);
        REQUIRE(make_ack(inv, resp, as));
        auto ack = parsed(ack_text);
        CHECK(ack.request_uri() == ruri);
        CHECK(ack.all(field::via).size() == 1);
        CHECK(parse_via(ack.top_via())->branch == std::optional<std::string_view>(branches[0]));
        CHECK(parse_name_addr(ack.to())->tag == std::optional<std::string_view>(to_tag));
        CHECK(parse_name_addr(ack.from())->tag == std::optional<std::string_view>(from_tag));
        CHECK(ack.cseq() == cseq);
        CHECK(ack.cseq_method() == method::ack);
        CHECK(ack.all(field::route).size() == n_routes);
        CHECK(validate_message(ack));

        // CANCEL: same Request-URI, top Via, Call-ID, CSeq number; To without a tag
        std::string cancel_text;
        string_sink cs(cancel_text);
        REQUIRE(make_cancel(inv, cs));
        auto cancel = parsed(cancel_text);
        CHECK(cancel.request_uri() == ruri);
        CHECK(cancel.top_via() == inv.top_via());
        CHECK(cancel.all(field::via).size() == 1);
        CHECK(cancel.call_id() == call_id);
        CHECK(cancel.cseq() == cseq);
        CHECK(cancel.cseq_method() == method::cancel);
        CHECK(!parse_name_addr(cancel.to())->tag);
        CHECK(validate_message(cancel));

        // a BYE in the dialog the INVITE would have made, over the reversed route set
        std::vector<std::string_view> route_set(routes.rbegin(), routes.rend());
        dialog_request d;
        d.method = method::bye;
        std::string const target = "sip:b@" + callee;
        d.remote_target = target;
        d.route_set = string_list(route_set.data(), route_set.size());
        std::string const local_uri = "sip:a@" + caller, remote_uri = "sip:b@" + callee;
        d.local = {"", local_uri, from_tag};
        d.remote = {"", remote_uri, to_tag};
        d.call_id = call_id;
        d.cseq = cseq + 1;
        std::string const bye_branch = "z9hG4bK" + pick(token_chars, 4, 16);
        d.via = {"UDP", caller, {}, bye_branch};
        std::string bye_text;
        string_sink bs(bye_text);
        REQUIRE(make_in_dialog_request(d, bs));
        auto bye = parsed(bye_text);
        CHECK(bye.method() == method::bye);
        CHECK(bye.request_uri() == target);
        std::vector<std::string> got_routes;
        for (auto const& r : parse_all<headers::route>(bye)) got_routes.push_back(r ? std::string(r->uri.text) : "?");
        CHECK(got_routes == std::vector<std::string>(routes.rbegin(), routes.rend()));
        CHECK(bye.cseq() == cseq + 1);
        CHECK(parse_name_addr(bye.to())->tag == std::optional<std::string_view>(to_tag));
        CHECK(validate_message(bye));

        // a proxy forwards the INVITE: its Via on top, Max-Forwards one less (483 at 0),
        // its Record-Route first, the rest unchanged
        proxy_edits<> e(inv);
        std::string const proxy = host(), proxy_branch = "z9hG4bK" + pick(token_chars, 4, 16);
        auto const dec = e.decrement_max_forwards();
        if (mf == 0) {
            CHECK(dec.error().code == errc::too_many_hops);
            continue;
        }
        REQUIRE(dec);
        REQUIRE(e.add_via({"UDP", proxy, 5060, proxy_branch}));
        REQUIRE(e.add_record_route("sip:" + proxy));
        std::string fwd_text;
        string_sink fs(fwd_text);
        REQUIRE(e.apply(fs));
        auto fwd = parsed(fwd_text);
        CHECK(fwd.max_forwards() == std::optional<std::uint8_t>(static_cast<std::uint8_t>(mf - 1)));
        std::vector<std::string> fwd_branches;
        for (auto const& v : parse_all<headers::via>(fwd)) fwd_branches.push_back(v ? std::string(v->branch.value_or("")) : "?");
        std::vector<std::string> expect_branches{proxy_branch};
        expect_branches.insert(expect_branches.end(), branches.begin(), branches.end());
        CHECK(fwd_branches == expect_branches);
        auto rr = parse_all<headers::record_route>(fwd).begin();
        REQUIRE(rr != parse_all<headers::record_route>(fwd).end());
        CHECK((*rr)->uri.text == "sip:" + proxy + ";lr");
        CHECK(fwd.all(field::route).size() == n_routes);
        CHECK(fwd.call_id() == call_id);
        CHECK(fwd.cseq() == cseq);
        CHECK(validate_message(fwd));
    }
}
