// CSeq, Call-ID, numbers, Content-Type/-Disposition/-Encoding, option tags, Allow, Date.
#include "support.hpp"

#include <doctest/doctest.h>
#include <sipwire/parse.hpp>

using namespace sipwire;
using test::keep;

TEST_CASE("CSeq and Call-ID as typed values") {
    auto c = parse<headers::cseq>(keep("0009\r\n  INVITE"));
    REQUIRE(c);
    CHECK(c->number == 9);
    CHECK(c->method == method::invite);
    CHECK(c->method_text == "INVITE");
    CHECK(parse<headers::cseq>(keep("2147483648 INVITE")).error().code == errc::bad_cseq);
    CHECK(parse<headers::cseq>(keep("1 IN VITE")).error().offset == 4);
    auto id = parse<headers::call_id>(keep("a84b4c76e66710@pc33.atlanta.example.com"));
    REQUIRE(id);
    CHECK(id->local == "a84b4c76e66710");
    CHECK(id->host == "pc33.atlanta.example.com");
    CHECK(parse<headers::call_id>(keep("x y")).error().code == errc::bad_call_id);
}

TEST_CASE("numeric headers") {
    CHECK(*parse<headers::max_forwards>(keep("70")) == 70);
    CHECK(parse<headers::max_forwards>(keep("256")).error().code == errc::bad_max_forwards);
    CHECK(*parse<headers::content_length>(keep("0")) == 0u);
    CHECK(*parse<headers::expires>(keep("4294967295")) == 4294967295u);
    CHECK(parse<headers::expires>(keep("4294967296")).error().code == errc::value_out_of_range);
    CHECK(parse<headers::expires>(keep("10000000000000000000000000000000000000000000000000")).error().code == errc::value_out_of_range);
    CHECK(parse<headers::expires>(keep("-1")).error().code == errc::bad_header_value);
    CHECK(parse<headers::expires>(keep("")).error().code == errc::bad_header_value);
    CHECK(parse<headers::min_expires>(keep("60 ")).error().offset == 2);
}

TEST_CASE("Content-Type") {
    auto t = parse<headers::content_type>(keep("multipart/signed;\r\n protocol=\"application/pkcs7-signature\";micalg=sha1;boundary=boundary42"));
    REQUIRE(t);
    CHECK(t->type == "multipart");
    CHECK(t->subtype == "signed");
    CHECK(t->is("Multipart", "SIGNED"));
    CHECK(t->param("protocol")->unquoted() == "application/pkcs7-signature");
    CHECK(t->param("boundary")->value == std::optional<std::string_view>("boundary42"));
    auto sdp = parse<headers::content_type>(keep("application / sdp"));
    REQUIRE(sdp);
    CHECK(sdp->is("application", "sdp"));
    CHECK(!parse_media_type(keep("application")));
    CHECK(!parse_media_type(keep("application/")));
    CHECK(!parse_media_type(keep("text/plain;charset")));
    CHECK(!parse_media_type(keep("text/plain;charset=\"utf-8")));
}

TEST_CASE("Content-Disposition, Content-Encoding, option tags, Allow") {
    auto d = parse<headers::content_disposition>(keep("session;handling=optional"));
    REQUIRE(d);
    CHECK(d->type == "session");
    CHECK(d->param("handling")->value == std::optional<std::string_view>("optional"));
    CHECK(!parse_disposition(keep("session;")));
    CHECK(*parse<headers::content_encoding>(keep("gzip")) == "gzip");
    CHECK(*parse<headers::supported>(keep("100rel")) == "100rel");
    CHECK(parse<headers::require>(keep("a b")).error().code == errc::bad_header_value);
    CHECK(parse<headers::require>(keep("a b")).error().where == field::require);
    auto a = parse<headers::allow>(keep("INVITE"));
    REQUIRE(a);
    CHECK(a->method == method::invite);
    CHECK(parse<headers::allow>(keep("FOO"))->method == method::other);
}

TEST_CASE("Date (RFC 1123, GMT only)") {
    auto d = parse<headers::date>(keep("Sat, 13 Nov 2010 23:29:00 GMT"));
    REQUIRE(d);
    CHECK(d->weekday == "Sat");
    CHECK(d->day == 13);
    CHECK(d->month == 11);
    CHECK(d->year == 2010);
    CHECK(d->hour == 23);
    CHECK(d->minute == 29);
    CHECK(d->second == 0);
    CHECK(d->zone == "GMT");
    CHECK(parse_date(keep("Fri, 01 Jan 2010 16:00:00 EST")).error().code == errc::bad_date);  // RFC 4475 baddate
    auto est = parse_date(keep("Fri, 01 Jan 2010 16:00:00 EST"), lenient::non_gmt_date);
    REQUIRE(est);
    CHECK(est->zone == "EST");
    CHECK(est->defects == lenient::non_gmt_date);
    CHECK(!parse_date(keep("Fri, 32 Jan 2010 16:00:00 GMT")));
    CHECK(!parse_date(keep("Fri, 01 Foo 2010 16:00:00 GMT")));
    CHECK(!parse_date(keep("Fri, 01 Jan 2010 24:00:00 GMT")));
    CHECK(!parse_date(keep("Fri 01 Jan 2010 16:00:00 GMT")));
    CHECK(!parse_date(keep("Fri, 1 Jan 2010 16:00:00 GMT")));
}
