// name-addr / addr-spec: From, To, Contact, Route, Record-Route.
#include "support.hpp"

#include <doctest/doctest.h>
#include <sipwire/parse.hpp>

#include <string>
#include <vector>

using namespace sipwire;
using test::exact;
using test::str;

namespace {
name_addr_view from(std::string_view v, lenient allow = lenient::none) {
    auto r = parse<headers::from>(test::keep(v), allow);
    INFO("value: " << v);
    REQUIRE(r);
    return *r;
}
parse_error fails_from(std::string_view v, lenient allow = lenient::none) {
    exact in(v);
    auto r = parse_name_addr(in, allow);
    return r ? parse_error{} : r.error();
}
std::string display(name_addr_view const& n) {
    if (!n.display_name) return "<none>";
    char buf[256];
    if (!n.display_quoted) return str(*n.display_name);
    auto len = unquote(*n.display_name, buf, sizeof buf);
    REQUIRE(len);
    return std::string(buf, *len);
}
}  // namespace

TEST_CASE("name-addr with quoted, token and no display names") {
    name_addr_view a = from("\"Bob\" <sips:bob:password@127.0.0.1:5060;user=phone>;tag=1234");  // sipgo #66
    CHECK(a.display_quoted);
    CHECK(display(a) == "Bob");
    CHECK(a.bracketed);
    CHECK(a.uri.text == "sips:bob:password@127.0.0.1:5060;user=phone");
    CHECK(a.uri.params == ";user=phone");
    CHECK(a.tag == std::optional<std::string_view>("1234"));
    CHECK(a.params == ";tag=1234");

    name_addr_view b = from("Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl");
    CHECK(!b.display_quoted);
    CHECK(display(b) == "Alice");
    CHECK(b.uri.host == "atlanta.example.com");

    name_addr_view c = from("token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%=\"\xd1\x80\";tag=_token~1'+`*%!-.");
    CHECK(display(c) == "token1~` token2'+_ token3*%!.-");
    CHECK(c.tag == std::optional<std::string_view>("_token~1'+`*%!-."));
    CHECK(c.param("fromParam''~+*_!.-%")->unquoted() == "\xd1\x80");

    name_addr_view d = from("<sip:a@b>");
    CHECK(!d.display_name);
    CHECK(!d.tag);

    name_addr_view e = from("caller<sip:caller@example.com>;tag=323");  // RFC 4475 lwsdisp
    CHECK(display(e) == "caller");

    name_addr_view f = from("\"\" <sip:anonymous@anonymous.invalid>;tag=1");  // empty display (sip-js #3)
    CHECK(f.display_name == std::optional<std::string_view>(""));
    CHECK(f.display_quoted);
}

TEST_CASE("quoted display names: escapes, commas, raw bytes") {
    name_addr_view a = from("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n  tag = 98asjd8");  // wsinv
    CHECK(display(a) == "J Rosenberg \\\"");
    CHECK(a.tag == std::optional<std::string_view>("98asjd8"));
    name_addr_view b = from("\"Bond, James\" <sip:bond@mi6.example.com>");  // ersip #17
    CHECK(display(b) == "Bond, James");
    std::string raw = std::string("\"BEL:\\\x07 NUL:\\") + '\0' + " DEL:\\\x7f\" <sip:x@example.com>";  // RFC 4475 intmeth
    name_addr_view c = from(raw);
    CHECK(display(c) == std::string("BEL:\x07 NUL:") + '\0' + " DEL:\x7f");
    // a trailing backslash escapes the closing quote: nothing closes the string (belle-sip CVE-2021-43611)
    CHECK(fails_from("\"abc\\\" <sip:a@b>").code == errc::bad_name_addr);
    CHECK(fails_from("\"abc\\").code == errc::bad_name_addr);
    char buf[8];
    CHECK(unquote("abc\\", buf, sizeof buf).error().code == errc::bad_quoted_string);
}

TEST_CASE("addr-spec outside <>: its parameters belong to the header") {
    name_addr_view a = from("sip:caller@example.net;tag=39291");  // sipgo #83
    CHECK(!a.bracketed);
    CHECK(a.uri.text == "sip:caller@example.net");
    CHECK(a.uri.params.empty());
    CHECK(a.tag == std::optional<std::string_view>("39291"));

    auto c = parse<headers::contact>(test::keep("sip:+19725552222@gw1.example.net;unknownparam"));  // RFC 4475 cparam01
    REQUIRE(c);
    CHECK(c->uri.params.empty());
    CHECK(c->param("unknownparam"));
    auto d = parse<headers::contact>(test::keep("<sip:+19725552222@gw1.example.net;unknownparam>"));  // cparam02
    REQUIRE(d);
    CHECK(d->uri.params == ";unknownparam");
    CHECK(d->params.empty());

    // a parameter whose quoted value holds <...> does not make a name-addr (resiprocate #403)
    auto e = parse<headers::contact>(test::keep("sip:alice@192.0.2.4;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\""));
    REQUIRE(e);
    CHECK(e->uri.text == "sip:alice@192.0.2.4");
    CHECK(e->param("+sip.instance")->unquoted() == "<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>");
    auto e2 = parse_contact(test::keep("sip:alice@192.0.2.4;+sip.instance=\"<urn:uuid:1>\""), lenient::all);
    REQUIRE(e2);
    CHECK(e2->uri.text == "sip:alice@192.0.2.4");
    CHECK(!e2->display_name);

    name_addr_view f = from("isbn:2983792873");  // RFC 4475 unksm2
    CHECK(f.uri.kind == uri_scheme::other);
    CHECK(f.uri.opaque() == "2983792873");
    name_addr_view g = from("<http://www.example.com>;tag=3234233");
    CHECK(g.uri.scheme == "http");
}

TEST_CASE("Contact: star, expires, q") {
    auto star = parse<headers::contact>(test::keep("*"));
    REQUIRE(star);
    CHECK(star->is_star);
    auto c = parse<headers::contact>(test::keep("<sip:bob@192.0.2.4>;expires=3600;q=0.7"));
    REQUIRE(c);
    CHECK(!c->is_star);
    CHECK(c->expires == std::optional<std::uint32_t>(3600));
    CHECK(c->q == std::optional<std::string_view>("0.7"));
    CHECK(parse_contact(test::keep("<sip:b@x>;q=1.000"))->q == std::optional<std::string_view>("1.000"));
    CHECK(!parse_contact(test::keep("<sip:b@x>;q=1.5")));
    CHECK(!parse_contact(test::keep("<sip:b@x>;q=2")));
    CHECK(!parse_contact(test::keep("<sip:b@x>;q=0.1234")));
    CHECK(!parse_contact(test::keep("<sip:b@x>;expires=280297596632815")));  // > 2^32-1 (RFC 4475 scalar02)
    CHECK(!parse_contact(test::keep("<sip:b@x>;expires=abc")));
    CHECK(parse_contact(test::keep("<sip:b@x>;expires=4294967295"))->expires == std::optional<std::uint32_t>(4294967295u));
    CHECK(!parse_contact(test::keep("* ;expires=0")));
    CHECK(!parse_contact(test::keep("\"Joe\" <sip:joe@example.org>;;;;")));  // RFC 4475 badinv01
}

TEST_CASE("tag rules") {
    CHECK(fails_from("<sip:a@b>;tag=").code == errc::bad_name_addr);  // empty tag (CVE-2018-14767 class)
    CHECK(fails_from("<sip:a@b>;tag").code == errc::bad_name_addr);
    CHECK(fails_from("<sip:a@b>;tag=\"q\"").code == errc::bad_name_addr);
    CHECK(from("<sip:a@b>;TAG=x").tag == std::optional<std::string_view>("x"));
    CHECK(from("<sip:a@b> ; tag = x ; other").tag == std::optional<std::string_view>("x"));
}

TEST_CASE("Route and Record-Route need <>") {
    auto r = parse<headers::record_route>(test::keep("<sip:ss1.atlanta.example.com;lr>"));
    REQUIRE(r);
    CHECK(r->uri.lr());
    CHECK(r->uri.host == "ss1.atlanta.example.com");
    auto s = parse<headers::route>(test::keep("<sip:services.example.com;lr;unknownwith=value;unknown-no-value>"));
    REQUIRE(s);
    CHECK(s->uri.param("unknownwith")->value == std::optional<std::string_view>("value"));
    CHECK(!parse_route(test::keep("sip:ss1.atlanta.example.com;lr")));
    CHECK(!parse_route(test::keep("<>")));  // homer #145 sees these; they are not routes
    CHECK(!parse_route(test::keep("<sip:a@b")));
    CHECK(parse_route(test::keep("Proxy <sip:p.example.com;lr>;x=1"))->param("x"));
}

TEST_CASE("defects tolerated on request (RFC 4475 §3.1.2)") {
    // quotbal: the quote never closes
    CHECK(fails_from("\"Mr. J. User <sip:j.user@example.com>").code == errc::bad_name_addr);
    name_addr_view q = from("\"Mr. J. User <sip:j.user@example.com>", lenient::unterminated_quote);
    CHECK(q.defects == lenient::unterminated_quote);
    CHECK(display(q) == "Mr. J. User");
    CHECK(q.uri.text == "sip:j.user@example.com");
    // baddn: unquoted names that are not tokens
    CHECK(fails_from("Bell, Alexander <sip:a.g.bell@example.com>;tag=43").code == errc::bad_name_addr);
    name_addr_view b = from("Bell, Alexander <sip:a.g.bell@example.com>;tag=43", lenient::unquoted_display_name);
    CHECK(display(b) == "Bell, Alexander");
    CHECK(b.tag == std::optional<std::string_view>("43"));
    CHECK(b.defects == lenient::unquoted_display_name);
    // Cisco's ""unknown"" (nksip #20)
    CHECK(fails_from("\"\"unknown\"\" <sip:u@x>").code == errc::bad_name_addr);
    CHECK(from("\"\"unknown\"\" <sip:u@x>", lenient::unquoted_display_name).display_name ==
          std::optional<std::string_view>("\"\"unknown\"\""));
    // badaspec: spaces inside <>
    CHECK(fails_from("\"Watson, Thomas\" < sip:t.watson@example.org >").code == errc::bad_name_addr);
    name_addr_view s = from("\"Watson, Thomas\" < sip:t.watson@example.org >", lenient::addr_spec_spaces);
    CHECK(s.uri.text == "sip:t.watson@example.org");
    CHECK(s.defects == lenient::addr_spec_spaces);
    // regbadct: a URI with headers outside <>
    CHECK(!parse_contact(test::keep("sip:user@example.com?Route=%3Csip:sip.example.com%3E")));
    auto h = parse_contact(test::keep("sip:user@example.com?Route=%3Csip:sip.example.com%3E"), lenient::addr_spec_with_headers);
    REQUIRE(h);
    CHECK(h->uri.headers == "Route=%3Csip:sip.example.com%3E");
    CHECK(h->uri.text == "sip:user@example.com?Route=%3Csip:sip.example.com%3E");
    CHECK(h->defects == lenient::addr_spec_with_headers);
    // with headers inside <> nothing is wrong (RFC 4475 regescrt)
    auto ok = parse_contact(test::keep("<sip:user@example.com?Route=%3Csip:sip.example.com%3E>"));
    REQUIRE(ok);
    CHECK(ok->defects == lenient::none);
}

TEST_CASE("name-addr: what must be refused") {
    CHECK(fails_from("").code == errc::bad_name_addr);
    CHECK(fails_from("Bob").code == errc::bad_name_addr);
    CHECK(fails_from("<sip:a@b> junk").code == errc::bad_name_addr);
    CHECK(fails_from("<sip:a@b>>").code == errc::bad_name_addr);
    CHECK(fails_from("<<sip:a@b>>").code == errc::bad_name_addr);
    CHECK(fails_from("\"x\"<sip:a@b>;=1").code == errc::bad_name_addr);
    CHECK(fails_from("sip:2001:db8::1").code == errc::bad_name_addr);
    auto e = fails_from("<sip:a@b>;tag=1;bad param");
    CHECK(e.offset == 19);  // the space after the parameter name
}
