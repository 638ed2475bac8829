// validate_message: the whole-message verdict, error isolation, warnings.
#include "support.hpp"

#include <doctest/doctest.h>
#include <sipwire/parse.hpp>

#include <string>
#include <vector>

using namespace sipwire;
using test::crlf;
using test::exact;

namespace {
std::string msg(std::string_view extra, std::string_view start = "INVITE sip:bob@biloxi.example.com SIP/2.0",
                std::string_view cseq = "1 INVITE") {
    return crlf(std::string(start) +
                "\n"
                "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\n"
                "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\n"
                "To: Bob <sip:bob@biloxi.example.com>\n"
                "Call-ID: a84b4c76e66710\n"
                "CSeq: " + std::string(cseq) + "\n" +
                std::string(extra) + "Content-Length: 0\n\n");
}
struct verdict {
    validation v;
    std::string text;
};
// Stage 1 then validation; a framing error comes back as the validation's error.
verdict check(std::string const& text, lenient allow = lenient::none) {
    parsed_message<> m;
    parse_options o;
    o.allow = allow;
    auto r = m.parse(text, o);
    if (!m.is_framed()) {
        validation v;
        v.error = r.error();
        return {v, text};
    }
    return {validate_message(m, allow), text};
}
}  // namespace

TEST_CASE("a valid message validates") {
    auto r = check(msg("Contact: <sip:alice@pc33.atlanta.example.com>\nRecord-Route: <sip:p1.example.com;lr>\n"
                       "Supported: 100rel, timer\nAllow: INVITE, ACK\nSupported:\nExpires: 60\n"
                       "Content-Disposition: session\nDate: Sat, 13 Nov 2010 23:29:00 GMT\n"
                       "X-Unknown: ;;,,;;,;\n"));
    CHECK(r.v);
    CHECK(r.v.error.code == errc::ok);
    CHECK(r.v.warning_count == 0);
    CHECK(r.v.status() == 0);
}

TEST_CASE("a broken optional header does not hide the hot ones (answer 400)") {
    std::string text = msg("Contact: <sip:alice@pc33.atlanta.example.com>;;;;\n");
    parsed_message<> m;
    REQUIRE(m.parse(text));  // stage 1 is fine: the Contact is not one of its hot headers
    validation v = validate_message(m);
    CHECK(!v);
    CHECK(v.error.code == errc::bad_name_addr);
    CHECK(v.error.where == field::contact);
    CHECK(v.error.offset == text.find(";;;;") + 1);
    CHECK(v.status() == 400);
    // everything a 400 needs is still there
    auto via = parse<headers::via>(m.top_via());
    REQUIRE(via);
    CHECK(*via->branch == "z9hG4bK776asdhds");
    CHECK(parse<headers::from>(m.from())->tag == std::optional<std::string_view>("1928301774"));
    CHECK(m.call_id() == "a84b4c76e66710");
    CHECK(m.cseq() == 1);
}

TEST_CASE("errors name the header and the byte") {
    auto via = check(msg("Via: SIP/2.0/UDP 192.0.2.15;;,;,,\n"));
    CHECK(via.v.error.code == errc::bad_via);
    CHECK(via.v.error.offset == via.text.find("192.0.2.15;;") + 11);
    auto star = check(msg("Contact: *, <sip:a@b>\n"));
    CHECK(star.v.error.code == errc::bad_name_addr);
    auto empty_require = check(msg("Require:\n"));
    CHECK(empty_require.v.error.code == errc::bad_header_value);
    CHECK(empty_require.v.error.where == field::require);
    auto empty_elem = check(msg("Route: <sip:a@b;lr>,,<sip:c@d;lr>\n"));
    CHECK(empty_elem.v.error.code == errc::bad_name_addr);
    CHECK(empty_elem.v.error.where == field::route);
    auto ct = check(msg("Content-Type: sdp\n"));
    CHECK(ct.v.error.where == field::content_type);
    auto exp = check(msg("Expires: 10000000000000000000000\n"));
    CHECK(exp.v.error.code == errc::value_out_of_range);
    auto ruri = check(msg("", "INVITE sip:2001:db8::10 SIP/2.0"));  // RFC 5118 ipv6-bad
    CHECK(ruri.v.error.code == errc::bad_request_uri);
    CHECK(ruri.v.error.offset == 11);
    auto stage1 = check(msg("", "OPTIONS sip:bob@biloxi.example.com SIP/2.0"));
    CHECK(stage1.v.error.code == errc::cseq_method_mismatch);  // stage 1's problem comes first
}

TEST_CASE("Request-URI headers (RFC 4475 escruri)") {
    std::string text = msg("", "INVITE sip:user@example.com?Route=%3Csip:example.com%3E SIP/2.0");
    auto strict = check(text);
    CHECK(strict.v.error.code == errc::bad_request_uri);
    auto loose = check(text, lenient::request_uri_headers);
    CHECK(loose.v);
    REQUIRE(loose.v.warning_count == 1);
    CHECK(loose.v.warnings[0].code == lenient::request_uri_headers);
    CHECK(loose.v.warnings[0].offset == text.find('?'));
    // headers in a tel or other URI are theirs to define
    CHECK(check(msg("", "INVITE http://example.com/x?y=1 SIP/2.0")).v);
}

TEST_CASE("warnings gather stage 1 and typed defects, in order") {
    std::string text = crlf(
        "OPTIONS  sip:user@example.org SIP/2.0\n"
        "Via: SIP/2.0/UDP host4.example.com:5060;branch=z9hG4bK\n"
        "From: Bell, Alexander <sip:a.g.bell@example.com>;tag=433423\n"
        "To: \"Watson, Thomas\" < sip:t.watson@example.org >\n"
        "Call-ID: w1\nCSeq: 1 OPTIONS\nDate: Fri, 01 Jan 2010 16:00:00 EST\n\n");
    auto strict = check(text);
    CHECK(strict.v.error.code == errc::bad_start_line);
    auto loose = check(text, lenient::all);
    CHECK(loose.v);
    std::vector<lenient> codes;
    for (auto const& w : loose.v) codes.push_back(w.code);
    CHECK(codes == std::vector<lenient>{lenient::start_line_whitespace, lenient::bare_magic_cookie, lenient::unquoted_display_name,
                                        lenient::addr_spec_spaces, lenient::non_gmt_date});
    CHECK(loose.v.warnings[1].offset == text.find("SIP/2.0/UDP host4"));
}

TEST_CASE("compact and long forms validate alike") {
    std::string text = crlf(
        "MESSAGE sip:x@example.com SIP/2.0\n"
        "v: SIP/2.0/TCP h.example.com;branch=z9hG4bKq\n"
        "f: <sip:a@example.com>;tag=f\nt: <sip:x@example.com>\ni: m1\nCSeq: 7 MESSAGE\n"
        "m: <sip:a@h.example.com>\nk: 100rel\nc: text/plain\ne: gzip\nl: 2\n\nhi");
    auto r = check(text);
    CHECK(r.v);
    auto bad = check(crlf("MESSAGE sip:x@example.com SIP/2.0\nv: SIP/2.0/TCP h.example.com;branch=z9hG4bKq\n"
                          "f: <sip:a@example.com>;tag=f\nt: <sip:x@example.com>\ni: m1\nCSeq: 7 MESSAGE\nm: <sip:a@h;x\nl: 0\n\n"));
    CHECK(bad.v.error.where == field::contact);
}
