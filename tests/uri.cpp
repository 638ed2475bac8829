// URIs: sip/sips/tel/absolute parsing, IPv6 references, escapes, RFC 3261 §19.1.4 comparison.
#include "support.hpp"

#include <doctest/doctest.h>
#include <sipwire/parse.hpp>

#include <string>
#include <vector>

using namespace sipwire;
using test::exact;
using test::str;

namespace {
uri_view must(std::string_view literal, lenient allow = lenient::none) {
    std::string_view const text = test::keep(literal);
    auto r = parse_uri(text, allow);
    INFO("uri: " << text);
    REQUIRE(r);
    return *r;
}
parse_error fails(std::string_view text) {
    exact in(text);
    auto r = parse_uri(in);
    return r ? parse_error{} : r.error();
}
}  // namespace

TEST_CASE("sip URI parts") {
    exact in("sips:bob:secret@[2001:db8::10]:5070;transport=tcp;lr;maddr=239.255.255.1?Subject=hi&Route=%3Csip:x%3E");
    uri_view u = must(in);
    CHECK(u.kind == uri_scheme::sips);
    CHECK(u.scheme == "sips");
    CHECK(u.user == std::optional<std::string_view>("bob"));
    CHECK(u.password == std::optional<std::string_view>("secret"));
    CHECK(u.host == "[2001:db8::10]");
    CHECK(u.host_kind == host_type::ipv6);
    CHECK(u.port == std::optional<std::uint16_t>(5070));
    CHECK(u.params == ";transport=tcp;lr;maddr=239.255.255.1");
    CHECK(u.headers == "Subject=hi&Route=%3Csip:x%3E");
    CHECK(u.transport() == "tcp");
    CHECK(u.maddr() == "239.255.255.1");
    CHECK(u.lr());
    CHECK(u.text == in.view());
    std::vector<std::string> names;
    for (auto const& p : u.parameters()) names.push_back(str(p.name) + "=" + (p.value ? str(*p.value) : "-"));
    CHECK(names == std::vector<std::string>{"transport=tcp", "lr=-", "maddr=239.255.255.1"});
    std::vector<std::string> hdrs;
    for (auto const& h : u.header_fields()) hdrs.push_back(str(h.name) + ":" + str(*h.value));
    CHECK(hdrs == std::vector<std::string>{"Subject:hi", "Route:%3Csip:x%3E"});

    uri_view plain = must("SIP:alice@atlanta.example.com");
    CHECK(plain.kind == uri_scheme::sip);
    CHECK(plain.scheme == "SIP");
    CHECK(!plain.password);
    CHECK(!plain.port);
    CHECK(plain.host_kind == host_type::domain);
    CHECK(plain.params.empty());

    uri_view nouser = must("sip:192.0.2.4:5060");
    CHECK(!nouser.user);
    CHECK(nouser.host == "192.0.2.4");
    CHECK(nouser.host_kind == host_type::ipv4);
    CHECK(nouser.port == std::optional<std::uint16_t>(5060));
    CHECK(must("sip:alice@example.com;lr=on").lr());  // kamailio enable_full_lr (rsipstack #110)
}

TEST_CASE("user parts with ';', '?', and odd characters") {
    // RFC 3261 §19.1.6: a telephone-subscriber with parameters in the user part (freeswitch #2824)
    uri_view t = must("sip:+358-555-1234567;postd=pp22@foo.com;user=phone");
    CHECK(t.user == std::optional<std::string_view>("+358-555-1234567;postd=pp22"));
    CHECK(t.host == "foo.com");
    CHECK(t.params == ";user=phone");
    // RFC 4475 semiuri
    uri_view s = must("sip:user;par=u%40example.net@example.com");
    CHECK(s.user == std::optional<std::string_view>("user;par=u%40example.net"));
    CHECK(s.host == "example.com");
    CHECK(s.params.empty());
    // RFC 4475 intmeth
    uri_view w = must("sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com");
    CHECK(w.user == std::optional<std::string_view>("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*"));
    CHECK(w.password == std::optional<std::string_view>("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)"));
    // '#' is not allowed unescaped (ringcentral #147 sends it; escaped it is fine)
    CHECK(fails("sip:*123#@example.com").code == errc::bad_uri);
    CHECK(must("sip:*123%23@example.com").user == std::optional<std::string_view>("*123%23"));
}

TEST_CASE("IPv6 references (RFC 5118)") {
    CHECK(must("sip:[2001:db8::10]").host == "[2001:db8::10]");
    uri_view amb = must("sip:[2001:db8::10:5070]");  // §4.3: 5070 is part of the address
    CHECK(amb.host == "[2001:db8::10:5070]");
    CHECK(!amb.port);
    CHECK(must("sip:[2001:db8::10]:5070").port == std::optional<std::uint16_t>(5070));  // §4.4
    CHECK(must("sip:[::ffff:192.0.2.2]").host_kind == host_type::ipv6);                  // §4.9
    CHECK(must("sip:user@[2001:db8::192.0.2.1]").host == "[2001:db8::192.0.2.1]");       // §4.10
    CHECK(must("sip:user@[2001:db8:::192.0.2.1]").host == "[2001:db8:::192.0.2.1]");     // §4.10, RFC 3261 ABNF form
    CHECK(must("sip:[2001:0db8:85a3:0000:0000:8a2e:0370:7334]").host_kind == host_type::ipv6);  // full form (kamailio #2898)
    CHECK(must("sip:[2001:DB8::A]").host == "[2001:DB8::A]");                                    // upper-case hex
    CHECK(must("sip:[fe80::1%25eth0]").host == "[fe80::1%25eth0]");                              // RFC 6874 zone
    CHECK(must("sip:[fe80::1%4]").host == "[fe80::1%4]");                                        // zone as seen (opensips #3372)
    CHECK(must("sip:[::]").host == "[::]");
    CHECK(must("sip:[::1]:5060").port == std::optional<std::uint16_t>(5060));

    CHECK(fails("sip:2001:db8::10").code == errc::bad_uri);  // §4.2: no brackets
    CHECK(fails("sip:[2001:db8::10").code == errc::bad_uri);
    CHECK(fails("sip:[2001:db8::10::1]").code == errc::bad_uri);    // two "::"
    CHECK(fails("sip:[1:2:3:4:5:6:7:8:9]").code == errc::bad_uri);  // nine groups
    CHECK(fails("sip:[1:2:3:4:5:6:7]").code == errc::bad_uri);      // seven, uncompressed
    CHECK(fails("sip:[12345::1]").code == errc::bad_uri);
    CHECK(fails("sip:[::g]").code == errc::bad_uri);
    CHECK(fails("sip:[1:]").code == errc::bad_uri);
    CHECK(fails("sip:[]").code == errc::bad_uri);
}

TEST_CASE("hosts and ports") {
    CHECK(must("sip:a.b-c.example.com.").host == "a.b-c.example.com.");
    CHECK(must("sip:255.255.255.255").host_kind == host_type::ipv4);
    CHECK(fails("sip:256.1.1.1").code == errc::bad_uri);  // not IPv4, and a label starting with a digit is no toplabel
    CHECK(fails("sip:-bad.example.com").code == errc::bad_uri);
    CHECK(fails("sip:bad-.example.com").code == errc::bad_uri);
    CHECK(fails("sip:a..b").code == errc::bad_uri);
    CHECK(fails("sip:host:").code == errc::bad_uri);
    CHECK(fails("sip:host:0").code == errc::bad_uri);
    CHECK(fails("sip:host:65536").code == errc::bad_uri);
    CHECK(fails("sip:host:-1").code == errc::bad_uri);
    CHECK(fails("sip:host:99999999999999999999").code == errc::bad_uri);
    CHECK(must("sip:host:65535").port == std::optional<std::uint16_t>(65535));
    CHECK(fails("sip:user@").code == errc::bad_uri);  // kamailio answers 400 Bad Request URI
    CHECK(fails("sip:").code == errc::bad_uri);
    CHECK(fails("sip:host;=x").code == errc::bad_uri);
    CHECK(fails("sip:a b").code == errc::bad_uri);
    auto where = fails("sip:alice@atlanta.com:50x0");
    CHECK(where.offset == 24);  // the 'x'
}

TEST_CASE("escapes: kept as written, checked, unescaped on request") {
    uri_view u = must("sip:%75se%72@example.com;%6C%72;n%61me=v%61lue%25%34%31");
    CHECK(u.user == std::optional<std::string_view>("%75se%72"));
    char buf[32];
    auto n = unescape(*u.user, buf, sizeof buf);
    REQUIRE(n);
    CHECK(std::string_view(buf, *n) == "user");
    auto p = u.param("n%61me");
    REQUIRE(p);
    n = unescape(*p->value, buf, sizeof buf);
    CHECK(std::string_view(buf, *n) == "value%41");  // no recursive unescaping (RFC 4475 esc01)
    // %00 is a byte like any other (RFC 4475 escnull)
    n = unescape("null-%00-null", buf, sizeof buf);
    REQUIRE(n);
    CHECK(*n == 11);
    CHECK(std::string_view(buf, *n) == std::string_view("null-\0-null", 11));
    // an escape cut short at the end of the input (sofia-sip CVE-2022-31002 class)
    CHECK(fails("sip:user%4@example.com").code == errc::bad_uri);
    CHECK(fails("sip:user%").code == errc::bad_uri);
    CHECK(fails("sip:a@b;p=%").code == errc::bad_uri);
    CHECK(fails("sip:a@b;p=%G1").code == errc::bad_uri);
    CHECK(unescape("%4", buf, sizeof buf).error().code == errc::bad_uri);
    CHECK(unescape("ab%", buf, sizeof buf).error().code == errc::bad_uri);
    CHECK(unescape("abcdef", buf, 3).error().code == errc::buffer_too_small);
}

TEST_CASE("tel and absolute URIs") {
    uri_view t = must("tel:+1-201-555-0123;phone-context=example.com");
    CHECK(t.kind == uri_scheme::tel);
    CHECK(t.user == std::optional<std::string_view>("+1-201-555-0123"));
    CHECK(t.params == ";phone-context=example.com");
    CHECK(t.host.empty());
    CHECK(fails("tel:").code == errc::bad_uri);
    CHECK(fails("tel:abc?x").code == errc::bad_uri);

    uri_view a = must("nobodyKnowsThisScheme:totallyopaquecontent");
    CHECK(a.kind == uri_scheme::other);
    CHECK(a.scheme == "nobodyKnowsThisScheme");
    CHECK(a.opaque() == "totallyopaquecontent");
    CHECK(must("soap.beep://192.0.2.103:3002").opaque() == "//192.0.2.103:3002");
    CHECK(must("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6").scheme == "urn");
    CHECK(fails("1abc:x").code == errc::bad_uri);
    CHECK(fails("http:").code == errc::bad_uri);
    CHECK(fails("nocolon").code == errc::bad_uri);
}

TEST_CASE("URI comparison (RFC 3261 §19.1.4)") {
    auto eq = [](std::string_view a, std::string_view b) { return uri_equal(must(a), must(b)); };
    // the RFC's equivalent pairs
    CHECK(eq("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"));
    CHECK(eq("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"));
    CHECK(eq("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"));
    CHECK(eq("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
             "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"));
    CHECK(eq("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
             "sip:alice@atlanta.com?priority=urgent&subject=project%20x"));
    // the RFC's non-equivalent pairs
    CHECK(!eq("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"));  // user case
    CHECK(!eq("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"));                                // port
    CHECK(!eq("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"));                       // transport
    CHECK(!eq("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"));
    CHECK(!eq("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"));       // headers
    CHECK(!eq("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"));
    CHECK(!eq("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off"));
    CHECK(!eq("sip:a@b", "sips:a@b"));
    CHECK(!eq("sip:a@b;user=phone", "sip:a@b"));
    CHECK(!eq("sip:a%3Bb@c", "sip:a;b@c"));  // an escaped reserved character is not the character
    CHECK(eq("tel:+1-201-555-0123", "tel:+1.201.555.0123"));
    CHECK(!eq("tel:+12015550123", "tel:+12015550124"));
    CHECK(eq("HTTP://example.com/x", "http://example.com/x"));
    // a repeated parameter: a URI still equals itself (found by fuzz_values)
    CHECK(eq("sips:kO;rpnc=000000;rpnc=000001", "sips:kO;rpnc=000000;rpnc=000001"));
    CHECK(!eq("sip:a@b;x=1;x=2", "sip:a@b;x=1;x=3"));
}
