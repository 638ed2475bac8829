// Via values (RFC 3261 §20.42, RFC 3581, RFC 5118 §4.5).
#include "support.hpp"

#include <doctest/doctest.h>
#include <sipwire/parse.hpp>

#include <string>
#include <vector>

using namespace sipwire;
using test::crlf;
using test::exact;
using test::str;

namespace {
via_view must(std::string_view v, lenient allow = lenient::none) {
    auto r = parse<headers::via>(test::keep(v), allow);
    INFO("via: " << v);
    REQUIRE(r);
    return *r;
}
parse_error fails(std::string_view v) {
    exact in(v);
    auto r = parse_via(in);
    return r ? parse_error{} : r.error();
}
}  // namespace

TEST_CASE("Via: protocol, sent-by, hot parameters") {
    std::string s = "SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashd92;received=192.0.2.201;rport=5062;maddr=10.0.0.1;ttl=16;alias";
    auto r = parse_via(s);
    REQUIRE(r);
    CHECK(r->protocol_name == "SIP");
    CHECK(r->protocol_version == "2.0");
    CHECK(r->transport == "TLS");
    CHECK(r->sent_by == "client.biloxi.example.com:5061");
    CHECK(r->host == "client.biloxi.example.com");
    CHECK(r->host_kind == host_type::domain);
    CHECK(r->port == std::optional<std::uint16_t>(5061));
    CHECK(r->branch == std::optional<std::string_view>("z9hG4bKnashd92"));
    CHECK(r->has_magic_cookie());
    CHECK(r->received == std::optional<std::string_view>("192.0.2.201"));
    CHECK(r->rport);
    CHECK(r->rport_value == std::optional<std::uint16_t>(5062));
    CHECK(r->maddr == std::optional<std::string_view>("10.0.0.1"));
    CHECK(r->ttl == std::optional<std::uint8_t>(16));
    CHECK(r->params == ";branch=z9hG4bKnashd92;received=192.0.2.201;rport=5062;maddr=10.0.0.1;ttl=16;alias");
    auto alias = r->param("alias");
    REQUIRE(alias);
    CHECK(!alias->value);
    CHECK(r->defects == lenient::none);
}

TEST_CASE("Via: rport with and without a value, no branch (RFC 2543)") {
    std::string a = "SIP/2.0/UDP 10.0.0.1;rport;branch=z9hG4bKabc";
    auto ra = parse_via(a);
    REQUIRE(ra);
    CHECK(ra->rport);
    CHECK(!ra->rport_value);
    std::string b = "SIP/2.0/UDP iftgw.example.com";
    auto rb = parse_via(b);
    REQUIRE(rb);
    CHECK(!rb->branch);
    CHECK(!rb->has_magic_cookie());
    CHECK(!rb->rport);
    CHECK(!rb->port);
    std::string c = "SIP/2.0/UDP h;branch=1234";  // an RFC 2543 branch
    CHECK(!parse_via(c)->has_magic_cookie());
}

TEST_CASE("Via: whitespace and folding everywhere the grammar allows it (RFC 4475 wsinv)") {
    std::string a = "SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw";
    auto ra = parse_via(a);
    REQUIRE(ra);
    CHECK(ra->transport == "UDP");
    CHECK(ra->host == "192.0.2.2");
    CHECK(ra->branch == std::optional<std::string_view>("390skdjuw"));
    std::string b = "SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8";
    auto rb = parse_via(b);
    REQUIRE(rb);
    CHECK(rb->host == "spindle.example.com");
    CHECK(rb->branch == std::optional<std::string_view>("z9hG4bK9ikj8"));
    std::string c = "SIP/2.0/UDP host.example.com : 5060 ; received = 192.0.2.1";
    auto rc = parse_via(c);
    REQUIRE(rc);
    CHECK(rc->port == std::optional<std::uint16_t>(5060));
    CHECK(rc->received == std::optional<std::string_view>("192.0.2.1"));
}

TEST_CASE("Via: IPv6 sent-by and received (RFC 5118, sipgo #300, kamailio #2898)") {
    CHECK(must("SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111").port == std::optional<std::uint16_t>(6050));
    CHECK(must("SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111").host == "[2001:db8::9:1]");
    CHECK(must("SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255]").received ==
          std::optional<std::string_view>("[2001:db8::9:255]"));
    CHECK(must("SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255").received ==
          std::optional<std::string_view>("2001:db8::9:255"));
    CHECK(must("SIP/2.0/UDP [::ffff:192.0.2.10]:19823;received=::ffff:192.0.2.10").received ==
          std::optional<std::string_view>("::ffff:192.0.2.10"));
    CHECK(must("SIP/2.0/UDP [2001:0db8:0000:0000:0000:0000:0000:0001]:5060").host_kind == host_type::ipv6);
    CHECK(must("SIP/2.0/UDP 192.0.2.1;received=192.0.2.2;branch=z9hG4bKx").received == std::optional<std::string_view>("192.0.2.2"));
    CHECK(fails("SIP/2.0/UDP 2001:db8::1;branch=z9hG4bKx").code == errc::bad_via);
}

TEST_CASE("Via: what must be refused") {
    CHECK(fails("SIP/2.0/UDP 192.0.2.15;;").code == errc::bad_via);  // RFC 4475 badinv01
    CHECK(fails("SIP/2.0/UDP 192.0.2.15;;").offset == 23);  // the second ';'
    CHECK(fails("SIP/2.0/UDP").code == errc::bad_via);
    CHECK(fails("SIP/2.0 host").code == errc::bad_via);
    CHECK(fails("SIP/2.0/UDPhost").code == errc::bad_via);
    CHECK(fails("SIP/2.0/UDP h:99999").code == errc::bad_via);  // tshark "Invalid SIP Via sent-by-port"
    CHECK(fails("SIP/2.0/UDP h:0").code == errc::bad_via);
    CHECK(fails("SIP/2.0/UDP h;branch=").code == errc::bad_via);
    CHECK(fails("SIP/2.0/UDP h;branch").code == errc::bad_via);
    CHECK(fails("SIP/2.0/UDP h;received=example.com").code == errc::bad_via);
    CHECK(fails("SIP/2.0/UDP h;received=300.1.1.1").code == errc::bad_via);
    CHECK(fails("SIP/2.0/UDP h;ttl=256").code == errc::bad_via);
    CHECK(fails("SIP/2.0/UDP h;rport=abc").code == errc::bad_via);
    CHECK(fails("SIP/2.0/UDP h;rport=70000").code == errc::bad_via);
    CHECK(fails("SIP/2.0/UDP h;maddr=").code == errc::bad_via);
    CHECK(fails("SIP/2.0/UDP h;x=\"unterminated").code == errc::bad_via);
    CHECK(fails("").code == errc::bad_via);
    CHECK(fails("SIP/2.0/UDP h, SIP/2.0/UDP g").code == errc::bad_via);  // one value at a time
}

TEST_CASE("Via: branch that is only the magic cookie (RFC 4475 badbranch)") {
    CHECK(fails("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK").code == errc::bad_via);
    via_view v = must("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK", lenient::bare_magic_cookie);
    CHECK(v.defects == lenient::bare_magic_cookie);
    CHECK(!v.has_magic_cookie());  // so transaction matching falls back to RFC 2543 rules
}

TEST_CASE("Via: generic parameters with quoted values keep commas") {
    std::string s = "SIP/2.0/UDP h;branch=z9hG4bKx;comment=\"a, b; c\";x=[2001:db8::1]";
    auto r = parse_via(s);
    REQUIRE(r);
    auto c = r->param("comment");
    REQUIRE(c);
    CHECK(c->value == std::optional<std::string_view>("\"a, b; c\""));
    CHECK(c->unquoted() == "a, b; c");
    CHECK(r->param("x")->value == std::optional<std::string_view>("[2001:db8::1]"));
}

TEST_CASE("Via: every value of a message, typed and lazy") {
    std::string msg = crlf(
        "SIP/2.0 200 OK\n"
        "Via: SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111, SIP/2.0/TCP p.example.com;branch=z9hG4bK2\n"
        "v: SIP/2.0/UDP 192.0.2.1;received=192.0.2.9;rport=1234\n"
        "From: <sip:a@b>;tag=1\nTo: <sip:c@d>;tag=2\nCall-ID: x\nCSeq: 1 INVITE\nContent-Length: 0\n\n");
    parsed_message<> m;
    REQUIRE(m.parse(msg));
    std::vector<std::string> got;
    for (auto v : parse_all<headers::via>(m)) {
        REQUIRE(v);
        got.push_back(str(v->transport) + " " + str(v->host) + " " + (v->port ? std::to_string(*v->port) : "-") + " " +
                      (v->branch ? str(*v->branch) : "-"));
    }
    CHECK(got == std::vector<std::string>{"UDP [2001:db8::9:1] 6050 z9hG4bKas3-111", "TCP p.example.com - z9hG4bK2",
                                          "UDP 192.0.2.1 - -"});
}
