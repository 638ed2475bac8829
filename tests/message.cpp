// Stage 1: start lines, header table, folding, lists, body framing, limits and errors.
#include "support.hpp"

#include <doctest/doctest.h>
#include <sipwire/message.hpp>

#include <string>
#include <vector>

using namespace sipwire;
using test::crlf;
using test::exact;
using test::str;

namespace {

std::string const invite = crlf(
    "INVITE sip:bob@biloxi.example.com SIP/2.0\n"
    "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\n"
    "Max-Forwards: 70\n"
    "To: Bob <sip:bob@biloxi.example.com>\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\n"
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\n"
    "CSeq: 314159 INVITE\n"
    "Contact: <sip:alice@pc33.atlanta.example.com>\n"
    "Content-Type: application/sdp\n"
    "Content-Length: 4\n"
    "\n"
    "v=0\n");

// Builds a request around `headers` (each line ended by '\n'), with the mandatory headers
// unless the test replaces them.
std::string request(std::string_view extra, std::string_view start = "OPTIONS sip:x@example.com SIP/2.0") {
    return crlf(std::string(start) + "\n" +
                "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bKx\n"
                "From: <sip:a@example.com>;tag=1\n"
                "To: <sip:x@example.com>\n"
                "Call-ID: c1\n"
                "CSeq: 1 OPTIONS\n" +
                std::string(extra) + "\n");
}

parse_error scan_error(std::string_view msg, parse_options const& o = {}) {
    parsed_message<> m;
    auto r = m.parse(msg, o);
    return r ? parse_error{} : r.error();
}

}  // namespace

TEST_CASE("request: start line, hot headers and body") {
    exact in(invite);
    parsed_message<> m;
    auto r = parse(in, m);
    REQUIRE(r);
    CHECK(m.is_request());
    CHECK(m.method() == method::invite);
    CHECK(m.method_text() == "INVITE");
    CHECK(m.request_uri() == "sip:bob@biloxi.example.com");
    CHECK(m.version() == "SIP/2.0");
    CHECK(m.header_count() == 9);
    CHECK(m.call_id() == "a84b4c76e66710@pc33.atlanta.example.com");
    CHECK(m.cseq() == 314159);
    CHECK(m.cseq_method() == method::invite);
    CHECK(m.top_via() == "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds");
    CHECK(m.from() == "Alice <sip:alice@atlanta.example.com>;tag=1928301774");
    CHECK(m.to() == "Bob <sip:bob@biloxi.example.com>");
    CHECK(m.max_forwards() == std::optional<std::uint8_t>(70));
    CHECK(m.content_length() == std::optional<std::uint32_t>(4));
    CHECK(m.body() == "v=0\r");
    CHECK(m.size() == in.view().size() - 1);  // the trailing '\n' is past Content-Length
    CHECK(m.trailing() == "\n");
    CHECK(m.warning_count() == 0);
    CHECK(!m.problem());
    CHECK(m.header(0).name == "Via");
    CHECK(m.header(0).id == field::via);
    CHECK(m.offset_of(m.call_id()) == in.view().find("a84b4c76"));
}

TEST_CASE("low-level parse_message fills a caller table") {
    std::array<header_entry, 16> table{};
    auto r = parse_message(invite, table);
    REQUIRE(r);
    CHECK(r->header_count() == 9);
    CHECK(r->name(table[2]) == "To");
    CHECK(r->value(table[2]) == "Bob <sip:bob@biloxi.example.com>");
    CHECK(table[2].id == field::to);
    std::array<header_entry, 4> small{};
    auto s = parse_message(invite, small);
    REQUIRE(!s);
    CHECK(s.error().code == errc::too_many_headers);
    CHECK(s.error().offset == invite.find("Call-ID:"));
}

TEST_CASE("response: status, reason phrases") {
    auto ok = [](std::string_view line) {
        std::string msg = crlf(std::string(line) +
                               "\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\nFrom: <sip:a@b>;tag=1\nTo: <sip:c@d>\n"
                               "Call-ID: x\nCSeq: 1 INVITE\nContent-Length: 0\n\n");
        parsed_message<> m;
        auto r = m.parse(test::keep(msg));
        return std::make_pair(bool(r), r ? m.status() * 1000 + static_cast<int>(m.reason().size()) : static_cast<int>(r.error().code));
    };
    CHECK(ok("SIP/2.0 200 OK") == std::make_pair(true, 200002));
    CHECK(ok("SIP/2.0 100 ") == std::make_pair(true, 100000));  // empty reason (RFC 4475 noreason)
    CHECK(ok("SIP/2.0 480 Temporarily Unavailable [call Processing Released]").first);  // SIP.js #996
    CHECK(ok("SIP/2.0 699 \xd0\xbd\xd0\xbe").first);                                    // UTF-8
    CHECK(ok("SIP/2.0 099 Low") == std::make_pair(false, static_cast<int>(errc::bad_status_code)));
    CHECK(ok("SIP/2.0 700 High") == std::make_pair(false, static_cast<int>(errc::bad_status_code)));
    CHECK(ok("SIP/2.0 2x0 OK") == std::make_pair(false, static_cast<int>(errc::bad_status_code)));
    CHECK(ok("SIP/2.0 4294967301 Big") == std::make_pair(false, static_cast<int>(errc::bad_status_code)));
    CHECK(ok("SIP/2.0 200") == std::make_pair(false, static_cast<int>(errc::bad_start_line)));
    CHECK(ok("SIP/2.0 200 O\x01K") == std::make_pair(false, static_cast<int>(errc::bad_reason_phrase)));
    CHECK(ok("SIP/2.0  200 OK") == std::make_pair(false, static_cast<int>(errc::bad_start_line)));
    CHECK(ok("sip/2.0 200 OK").first);  // ABNF literals are case-insensitive
}

TEST_CASE("request line: methods, versions, Request-URI") {
    parsed_message<> m;
    REQUIRE(m.parse(test::keep(request("", "FOO-BAR.x sip:x@example.com SIP/2.0")), {}).error().code ==
            errc::cseq_method_mismatch);
    CHECK(m.is_framed());
    CHECK(m.method() == method::other);
    CHECK(m.method_text() == "FOO-BAR.x");

    // lower-case "options" is an extension method, not OPTIONS (RFC 3261 §7.1)
    auto low = crlf("options sip:x@example.com SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\nFrom: <sip:a@b>;tag=1\n"
                    "To: <sip:x@y>\nCall-ID: c\nCSeq: 1 options\n\n");
    REQUIRE(m.parse(test::keep(low)));
    CHECK(m.method() == method::other);

    CHECK(scan_error(request("", "INVITE  sip:x@example.com SIP/2.0")).code == errc::bad_start_line);
    CHECK(scan_error(request("", "INVITE sip:x@example.com SIP/2.0 ")).code == errc::bad_start_line);
    CHECK(scan_error(request("", "INVITE sip:x@example.com; lr SIP/2.0")).code == errc::bad_request_uri);
    CHECK(scan_error(request("", "INVITE <sip:x@example.com> SIP/2.0")).code == errc::bad_request_uri);
    CHECK(scan_error(request("", "INVITE x@example.com SIP/2.0")).code == errc::bad_request_uri);
    CHECK(scan_error(request("", "INVITE sip:x@example.com SIP/2")).code == errc::bad_version);
    CHECK(scan_error(request("", "INVITE sip:x@example.com HTTP/1.1")).code == errc::bad_version);
    CHECK(scan_error(request("", "INV{TE sip:x SIP/2.0")).code == errc::bad_method);
    CHECK(scan_error(request("", "INVITE")).code == errc::bad_start_line);
    CHECK(scan_error(request("", "INVITE sip:x@example.com")).code == errc::bad_start_line);

    // SIP/3.0 frames but is refused with version_not_supported: answer 505
    auto v3 = m.parse(test::keep(request("", "OPTIONS sip:x@example.com SIP/3.0")));
    REQUIRE(!v3);
    CHECK(v3.error().code == errc::version_not_supported);
    CHECK(suggested_status(v3.error().code) == 505);
    CHECK(m.is_framed());
    CHECK(m.call_id() == "c1");
}

TEST_CASE("request line tolerances are opt-in and reported") {
    parse_options o;
    o.allow = lenient::start_line_whitespace | lenient::bracketed_request_uri;
    parsed_message<> m;
    REQUIRE(m.parse(test::keep(request("", "OPTIONS   <sip:x@example.com>  SIP/2.0  ")), o));
    CHECK(m.request_uri() == "sip:x@example.com");
    REQUIRE(m.warning_count() == 2);
    CHECK(m.warnings_begin()[0].code == lenient::start_line_whitespace);
    CHECK(m.warnings_begin()[0].offset == 8);  // the first extra space
    CHECK(m.warnings_begin()[1].code == lenient::bracketed_request_uri);
    CHECK(m.warnings_begin()[1].offset == 10);
    // embedded whitespace inside the URI is never tolerated: a view cannot remove it
    CHECK(scan_error(request("", "INVITE sip:x@example.com; lr SIP/2.0"), o).code == errc::bad_request_uri);
}

TEST_CASE("header names: any case, compact forms, unknown names") {
    std::string msg = crlf(
        "MESSAGE sip:x@example.com SIP/2.0\n"
        "v: SIP/2.0/UDP h;branch=z9hG4bKx\n"
        "f: <sip:a@b>;tag=1\n"
        "T: <sip:x@y>\n"
        "i: cid\n"
        "cSeQ: 1 MESSAGE\n"
        "m: <sip:c@d>\n"
        "e: gzip\n"
        "c: text/plain\n"
        "s: subject\n"
        "k: 100rel\n"
        "o: presence\n"
        "r: <sip:r@x>\n"
        "u: talk\n"
        "x: 90\n"
        "b: <sip:b@x>\n"
        "y: abc\n"
        "j: *;audio\n"
        "a: *;video\n"
        "d: proxy\n"
        "n: <https://x>\n"
        "X-Custom-Thing: 1\n"
        "C%6Fntact: <sip:alias2@host2.example.com>\n"
        "l: 0\n"
        "\n");
    parsed_message<> m;
    REQUIRE(m.parse(test::keep(msg)));
    std::vector<field> ids;
    for (std::size_t i = 0; i < m.header_count(); ++i) ids.push_back(m.header(i).id);
    std::vector<field> const want{field::via, field::from, field::to, field::call_id, field::cseq, field::contact,
                                  field::content_encoding, field::content_type, field::subject, field::supported,
                                  field::event, field::refer_to, field::allow_events, field::session_expires,
                                  field::referred_by, field::identity, field::reject_contact, field::accept_contact,
                                  field::request_disposition, field::identity_info, field::other, field::other,
                                  field::content_length};
    CHECK(ids == want);
    // a lookup by the long name finds the compact header (osip2/PJSIP file k: under "k")
    CHECK(m.find(field::supported) == std::optional<std::string_view>("100rel"));
    CHECK(m.find("Supported") == std::optional<std::string_view>("100rel"));
    CHECK(m.find("k") == std::optional<std::string_view>("100rel"));
    CHECK(m.find("x-custom-thing") == std::optional<std::string_view>("1"));
    CHECK(!m.find("X-Missing"));
    CHECK(m.count(field::contact) == 1);  // "C%6Fntact" is an extension header (RFC 4475 esc02)
    CHECK(m.all("C%6Fntact").size() == 1);
}

TEST_CASE("field_from_name and field traits") {
    CHECK(field_from_name("Via") == field::via);
    CHECK(field_from_name("VIA") == field::via);
    CHECK(field_from_name("v") == field::via);
    CHECK(field_from_name("V") == field::via);
    CHECK(field_from_name("www-authenticate") == field::www_authenticate);
    CHECK(field_from_name("P-Preferred-Identity") == field::p_preferred_identity);
    CHECK(field_from_name("Call-Id") == field::call_id);
    CHECK(field_from_name("Vias") == field::other);
    CHECK(field_from_name("q") == field::other);
    CHECK(field_from_name("") == field::other);
    CHECK(field_from_name("1") == field::other);
    CHECK(field_from_name("Authentication-Info-Extra-Long-Name") == field::other);
    CHECK(to_string(field::call_id) == "Call-ID");
    CHECK(compact_form(field::supported) == 'k');
    CHECK(compact_form(field::cseq) == 0);
    CHECK(is_list(field::via));
    CHECK(is_list(field::contact));
    CHECK(!is_list(field::www_authenticate));  // commas inside challenges never split
    CHECK(!is_list(field::date));
    CHECK(is_single(field::cseq));
    // every canonical name maps back to its own id
    for (std::size_t i = 1; i < static_cast<std::size_t>(field::count_); ++i) {
        field const f = static_cast<field>(i);
        CHECK(field_from_name(to_string(f)) == f);
        if (compact_form(f)) CHECK(field_from_name(std::string_view(&detail::info(f).compact, 1)) == f);
    }
}

TEST_CASE("folding: values span continuation lines, unfold() joins them") {
    std::string msg = crlf(
        "OPTIONS sip:x@example.com SIP/2.0\n"
        "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bKx\n"
        " ;received=192.0.2.1\n"
        "From: <sip:a@example.com>\n"
        "  ;tag=1\n"
        "To:\n"
        " <sip:x@example.com>\n"
        "Call-ID: c1\n"
        "CSeq: 0009\n"
        "\t OPTIONS\n"
        "Subject:\n"
        "NewFangled:   a   \n"
        "   b\n"
        "\n");
    parsed_message<> m;
    REQUIRE(m.parse(test::keep(msg)));
    CHECK(m.top_via() == "SIP/2.0/UDP h.example.com;branch=z9hG4bKx\r\n ;received=192.0.2.1");
    CHECK(m.entry(0).is_folded());
    CHECK(m.to() == "<sip:x@example.com>");  // leading fold trimmed
    CHECK(!m.entry(3).is_folded());          // nothing of the fold is left inside the value
    CHECK(m.cseq() == 9);
    CHECK(m.cseq_method() == method::options);
    CHECK(m.find(field::subject) == std::optional<std::string_view>(""));
    char buf[64];
    auto n = unfold(*m.find("NewFangled"), buf, sizeof buf);
    REQUIRE(n);
    CHECK(std::string_view(buf, *n) == "a b");
    n = unfold(m.top_via(), buf, sizeof buf);
    REQUIRE(n);
    CHECK(std::string_view(buf, *n) == "SIP/2.0/UDP h.example.com;branch=z9hG4bKx ;received=192.0.2.1");
    CHECK(unfold(m.top_via(), buf, 10).error().code == errc::buffer_too_small);
    // a continuation line right after the start line has nothing to continue
    CHECK(scan_error(crlf("OPTIONS sip:x SIP/2.0\n folded\n\n")).code == errc::bad_folding);
}

TEST_CASE("list headers: every value, commas in quotes and <> do not split") {
    std::string msg = request(
        "Contact: \"Bond, James\" <sip:b@x>;q=0.1, <sip:c@x;p=\"a,b\">\n"
        "Contact: sip:d@x\n"
        "Route: <sip:r1@x;lr>,<sip:r2@x;lr>\n"
        "Accept: application/sdp, text/plain\n"
        "Date: Sat, 13 Nov 2010 23:29:00 GMT\n"
        "Via: SIP/2.0/UDP second;branch=z9hG4bK2, SIP/2.0/UDP third;branch=z9hG4bK3\n");
    parsed_message<> m;
    REQUIRE(m.parse(test::keep(msg)));
    std::vector<std::string> contacts;
    for (auto c : m.all(field::contact)) contacts.push_back(str(c));
    CHECK(contacts == std::vector<std::string>{"\"Bond, James\" <sip:b@x>;q=0.1", "<sip:c@x;p=\"a,b\">", "sip:d@x"});
    CHECK(m.all(field::route).size() == 2);
    CHECK(m.all(field::accept).size() == 2);
    CHECK(m.all(field::date).size() == 1);  // Date holds a comma but is not a list
    std::vector<std::string> vias;
    std::vector<std::size_t> lines;
    for (auto it = m.all(field::via).begin(); it != m.all(field::via).end(); ++it) {
        vias.push_back(str(*it));
        lines.push_back(it.header_index());
    }
    CHECK(vias == std::vector<std::string>{"SIP/2.0/UDP h.example.com;branch=z9hG4bKx", "SIP/2.0/UDP second;branch=z9hG4bK2",
                                           "SIP/2.0/UDP third;branch=z9hG4bK3"});
    CHECK(lines == std::vector<std::size_t>{0, 10, 10});
    CHECK(m.all(field::warning).empty());
}

TEST_CASE("top Via is the first value, not the first line") {
    std::string msg = crlf(
        "SIP/2.0 200 OK\n"
        "Via: SIP/2.0/TCP p1.example.com;branch=z9hG4bKa, SIP/2.0/TCP ua.example.com;branch=z9hG4bKb\n"
        "From: <sip:a@b>;tag=1\nTo: <sip:c@d>;tag=2\nCall-ID: x\nCSeq: 1 INVITE\nContent-Length: 0\n\n");
    parsed_message<> m;
    REQUIRE(m.parse(test::keep(msg)));
    CHECK(m.top_via() == "SIP/2.0/TCP p1.example.com;branch=z9hG4bKa");
}

TEST_CASE("body framing (RFC 3261 §18.3)") {
    std::string base = request("", "OPTIONS sip:x@example.com SIP/2.0");
    base.resize(base.size() - 2);  // reopen the header section
    auto with = [&](std::string_view headers, std::string_view body) { return base + crlf(std::string(headers)) + "\r\n" + std::string(body); };
    parsed_message<> m;

    // a datagram without Content-Length takes the rest as its body
    REQUIRE(m.parse(test::keep(with("", "hello"))));
    CHECK(m.body() == "hello");
    CHECK(!m.content_length());

    // a stream requires Content-Length
    parse_options stream;
    stream.mode = framing::stream;
    auto r = m.parse(test::keep(with("", "hello")), stream);
    CHECK(r.error().code == errc::missing_content_length);

    // trailing datagram bytes after the body are ignored (RFC 4475 dblreq)
    REQUIRE(m.parse(test::keep(with("Content-Length: 0\n", "INVITE sip:ghost SIP/2.0\r\n"))));
    CHECK(m.body().empty());
    CHECK(m.trailing() == "INVITE sip:ghost SIP/2.0\r\n");

    CHECK(scan_error(with("Content-Length: 9999\n", "short")).code == errc::body_truncated);
    CHECK(scan_error(with("Content-Length: -999\n", "")).code == errc::bad_content_length);
    CHECK(scan_error(with("Content-Length: +5\n", "12345")).code == errc::bad_content_length);
    CHECK(scan_error(with("Content-Length: 5 5\n", "12345")).code == errc::bad_content_length);
    CHECK(scan_error(with("Content-Length: five\n", "12345")).code == errc::bad_content_length);
    CHECK(scan_error(with("Content-Length: 4294967296\n", "")).code == errc::bad_content_length);   // 2^32
    CHECK(scan_error(with("Content-Length: 4294967328\n", "")).code == errc::bad_content_length);   // 2^32+32, CVE-2026-23457
    CHECK(scan_error(with("Content-Length: 99999999999999999999\n", "")).code == errc::bad_content_length);
    CHECK(scan_error(with("Content-Length: 13\nContent-Length: 5\n", "12345")).code == errc::conflicting_content_length);
    auto same = m.parse(test::keep(with("Content-Length: 5\nl: 5\n", "12345")));
    CHECK(same.error().code == errc::duplicate_header);
    CHECK(same.error().where == field::content_length);
    // Content-Length: 4294967295 is a number, but far more than the bytes present
    CHECK(scan_error(with("Content-Length: 4294967295\n", "x")).code == errc::body_truncated);
    REQUIRE(m.parse(test::keep(with("Content-Length:  007\n", "1234567"))));
    CHECK(m.body() == "1234567");
}

TEST_CASE("line endings, missing colon, missing empty line") {
    CHECK(scan_error("OPTIONS sip:x SIP/2.0\nVia: a\n\n").code == errc::bad_line_ending);
    auto bad_cr = scan_error(crlf("OPTIONS sip:x SIP/2.0\nVia: a\rInjected: b\n\n"));
    CHECK(bad_cr.code == errc::bad_line_ending);
    CHECK(bad_cr.offset == 29);
    auto lf_inside = scan_error(crlf("OPTIONS sip:x SIP/2.0\nSubject: a") + "\nInjected: b\r\n\r\n");
    CHECK(lf_inside.code == errc::bad_line_ending);  // a bare LF is never hidden in a value
    CHECK(scan_error(crlf("OPTIONS sip:x SIP/2.0\nThisIsNotAHeader\n\n")).code == errc::missing_colon);
    CHECK(scan_error(crlf("OPTIONS sip:x SIP/2.0\nBad Name: x\n\n")).code == errc::missing_colon);
    CHECK(scan_error(crlf("OPTIONS sip:x SIP/2.0\nBad@Name: x\n\n")).code == errc::bad_header_name);
    CHECK(scan_error(crlf("OPTIONS sip:x SIP/2.0\n: x\n\n")).code == errc::bad_header_name);
    CHECK(scan_error(crlf("OPTIONS sip:x SIP/2.0\nVia: x\n")).code == errc::missing_empty_line);
    CHECK(scan_error(crlf("OPTIONS sip:x SIP/2.0\nVia: x")).code == errc::missing_empty_line);
    CHECK(scan_error("OPTIONS sip:x SIP/2.0").code == errc::missing_empty_line);
    CHECK(scan_error("").code == errc::empty_message);
    CHECK(scan_error("\r\n\r\n").code == errc::empty_message);
    CHECK(scan_error("\rOPTIONS sip:x SIP/2.0\r\n\r\n").code == errc::bad_method);  // a lone CR is no CRLF

    // tolerated: bare LF, and a datagram that stops after its last header
    parse_options o;
    o.allow = lenient::bare_lf | lenient::missing_empty_line;
    parsed_message<> m;
    std::string lf_only = "OPTIONS sip:x@y SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\nFrom: <sip:a@b>;tag=1\nTo: <sip:x@y>\n"
                          "Call-ID: c\nCSeq: 1 OPTIONS\n\nbody";
    REQUIRE(m.parse(test::keep(lf_only), o));
    CHECK(m.body() == "body");
    CHECK(m.warnings_begin()[0].code == lenient::bare_lf);
    std::string no_end = crlf("OPTIONS sip:x@y SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\nFrom: <sip:a@b>;tag=1\n"
                              "To: <sip:x@y>\nCall-ID: c\nCSeq: 1 OPTIONS\nl: 0\n");
    REQUIRE(m.parse(test::keep(no_end), o));
    CHECK(m.warnings_begin()[0].code == lenient::missing_empty_line);
    CHECK(m.warnings_begin()[0].offset == no_end.size());
    o.mode = framing::stream;  // never on a stream: the message would have no end
    CHECK(!m.parse(test::keep(no_end), o));
}

TEST_CASE("leading CRLFs before the start line are skipped (RFC 3261 §7.5)") {
    parsed_message<> m;
    std::string msg = "\r\n\r\n" + request("");
    REQUIRE(m.parse(test::keep(msg)));
    CHECK(m.start_line() == "OPTIONS sip:x@example.com SIP/2.0");
    CHECK(m.offset_of(m.start_line()) == 4);
}

TEST_CASE("message rules: mandatory, single and well-formed hot headers") {
    parsed_message<> m;
    auto missing = m.parse(test::keep(crlf("INVITE sip:u@example.com SIP/2.0\nCSeq: 1 INVITE\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\n\n")));
    REQUIRE(!missing);
    CHECK(missing.error().code == errc::missing_header);
    CHECK(missing.error().where == field::from);
    CHECK(m.is_framed());
    CHECK(m.cseq() == 1);
    CHECK(m.top_via() == "SIP/2.0/UDP h;branch=z9hG4bKx");

    auto dup_to = m.parse(test::keep(request("To: <sip:other@example.net>\n")));
    CHECK(dup_to.error().code == errc::duplicate_header);  // Kamailio CVE-2018-14767 began here
    CHECK(dup_to.error().where == field::to);
    CHECK(m.to() == "<sip:x@example.com>");  // the first one stays readable for a 400

    CHECK(m.parse(test::keep(request("Call-ID: c2\n"))).error().where == field::call_id);
    CHECK(m.parse(test::keep(request("CSeq: 2 OPTIONS\n"))).error().where == field::cseq);
    CHECK(m.parse(test::keep(request("Max-Forwards: 70\nMax-Forwards: 69\n"))).error().where == field::max_forwards);

    auto mf = [&](std::string_view v) {
        auto r = m.parse(test::keep(request("Max-Forwards: " + std::string(v) + "\n")));
        return r ? static_cast<int>(*m.max_forwards()) : -static_cast<int>(r.error().code);
    };
    CHECK(mf("0") == 0);
    CHECK(mf("1") == 1);
    CHECK(mf("255") == 255);
    CHECK(mf("0068") == 68);
    CHECK(mf("256") == -static_cast<int>(errc::bad_max_forwards));
    CHECK(mf("-1") == -static_cast<int>(errc::bad_max_forwards));
    CHECK(mf("7a") == -static_cast<int>(errc::bad_max_forwards));
}

TEST_CASE("CSeq: number range, method, mismatch") {
    auto cseq = [](std::string_view v, std::string_view method = "OPTIONS") {
        std::string msg = crlf(std::string(method) + " sip:x@y SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\nFrom: <sip:a@b>;tag=1\n"
                               "To: <sip:x@y>\nCall-ID: c\nCSeq: " + std::string(v) + "\n\n");
        parsed_message<> m;
        auto r = m.parse(test::keep(msg));
        return r ? parse_error{} : r.error();
    };
    CHECK(!cseq("2147483647 OPTIONS"));  // 2^31-1
    CHECK(cseq("2147483648 OPTIONS").code == errc::bad_cseq);
    CHECK(cseq("4294967296 OPTIONS").code == errc::bad_cseq);
    CHECK(cseq("36893488147419103232 OPTIONS").code == errc::bad_cseq);
    CHECK(cseq("abcdefg OPTIONS").code == errc::bad_cseq);  // sip.js #136 crashed on this
    CHECK(cseq("1").code == errc::bad_cseq);
    CHECK(cseq("1OPTIONS").code == errc::bad_cseq);
    CHECK(cseq(" OPTIONS").code == errc::bad_cseq);
    CHECK(cseq("1 OPTIONS x").code == errc::bad_cseq);
    CHECK(cseq("1 INVITE").code == errc::cseq_method_mismatch);
    CHECK(cseq("1 options").code == errc::cseq_method_mismatch);  // methods are case-sensitive
    CHECK(!cseq("1 ACK", "ACK"));
    auto e = cseq("12 INVITE");
    CHECK(e.where == field::cseq);
}

TEST_CASE("Call-ID syntax") {
    auto cid = [](std::string_view v) {
        std::string msg = crlf("OPTIONS sip:x@y SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\nFrom: <sip:a@b>;tag=1\n"
                               "To: <sip:x@y>\nCall-ID: " + std::string(v) + "\nCSeq: 1 OPTIONS\n\n");
        parsed_message<> m;
        auto r = m.parse(test::keep(msg));
        return r ? errc::ok : r.error().code;
    };
    CHECK(cid("a84b4c76e66710@pc33.atlanta.example.com") == errc::ok);
    CHECK(cid("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{") == errc::ok);
    CHECK(cid("a b") == errc::bad_call_id);
    CHECK(cid("@host") == errc::bad_call_id);
    CHECK(cid("a@") == errc::bad_call_id);
    CHECK(cid("a@b@c") == errc::bad_call_id);
    CHECK(cid("") == errc::bad_call_id);
}

TEST_CASE("limits: headers, line length, message size") {
    std::string many = "OPTIONS sip:x SIP/2.0\r\n";
    for (int i = 0; i < 100; ++i) many += "X-H: " + std::to_string(i) + "\r\n";
    many += "\r\n";
    auto r = scan_error(many);
    CHECK(r.code == errc::too_many_headers);
    CHECK(r.offset == many.find("X-H: 64"));
    parse_options o;
    o.max_headers = 10;
    CHECK(scan_error(many, o).offset == many.find("X-H: 10"));

    parse_options small;
    small.max_line_length = 50;
    std::string longline = request("X-Long: " + std::string(50, 'a') + "\n");
    auto l = scan_error(longline, small);
    CHECK(l.code == errc::line_too_long);
    CHECK(l.offset == longline.find("X-Long"));
    small.max_line_length = 20;
    CHECK(scan_error(request(""), small).code == errc::line_too_long);  // the start line too

    parse_options tiny;
    tiny.max_message_size = 50;
    CHECK(scan_error(request(""), tiny).code == errc::message_too_large);
}

TEST_CASE("parsed_message copies keep their own table") {
    std::string a = request("Subject: first\n");
    std::string b = request("Subject: second\n");
    parsed_message<> m;
    REQUIRE(m.parse(a));
    parsed_message<> copy = m;
    REQUIRE(m.parse(b));
    CHECK(copy.find(field::subject) == std::optional<std::string_view>("first"));
    CHECK(m.find(field::subject) == std::optional<std::string_view>("second"));
    parsed_message<> assigned;
    assigned = copy;
    CHECK(assigned.find(field::subject) == std::optional<std::string_view>("first"));
}

TEST_CASE("errors convert to std::error_code and text") {
    std::error_code ec = errc::bad_cseq;
    CHECK(ec.category().name() == std::string("sipwire"));
    CHECK(ec.message() == "malformed CSeq");
    CHECK(to_string(errc::missing_colon) == "missing_colon");
    CHECK(is_framing_error(errc::missing_colon));
    CHECK(!is_framing_error(errc::missing_header));
    CHECK(suggested_status(errc::message_too_large) == 513);
    CHECK(suggested_status(errc::bad_via) == 400);
}
