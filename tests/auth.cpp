// Challenges and credentials (RFC 3261 §20.7, §20.27, §20.28, §20.44; RFC 8760).
#include "support.hpp"

#include <doctest/doctest.h>
#include <sipwire/parse.hpp>

#include <string>
#include <vector>

using namespace sipwire;
using test::keep;
using test::str;

TEST_CASE("WWW-Authenticate digest challenge") {
    auto c = parse<headers::www_authenticate>(keep(
        "Digest realm=\"atlanta.example.com\", qop=\"auth,auth-int\",\r\n nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\",\r\n"
        " opaque=\"\", stale=FALSE, algorithm=SHA-256, domain=\"sip:ss1.example.com sip:ss2.example.com\""));
    REQUIRE(c);
    CHECK(c->is_digest());
    CHECK(c->realm == std::optional<std::string_view>("atlanta.example.com"));
    CHECK(c->qop == std::optional<std::string_view>("auth,auth-int"));  // the comma stays inside (pyVoIP #41)
    CHECK(c->nonce == std::optional<std::string_view>("ea9c8e88df84f1cec4341ae6cbe5a359"));
    CHECK(c->opaque == std::optional<std::string_view>(""));
    CHECK(c->stale == std::optional<std::string_view>("FALSE"));
    CHECK(c->algorithm == digest_algorithm::sha256);
    CHECK(c->domain == std::optional<std::string_view>("sip:ss1.example.com sip:ss2.example.com"));
    std::vector<std::string> names;
    for (auto const& p : c->parameters()) names.push_back(str(p.name));
    CHECK(names == std::vector<std::string>{"realm", "qop", "nonce", "opaque", "stale", "algorithm", "domain"});
    CHECK(c->param("qop")->value == std::optional<std::string_view>("\"auth,auth-int\""));
}

TEST_CASE("Authorization digest credentials") {
    auto a = parse<headers::authorization>(keep(
        "Digest username=\"bob\", realm=\"biloxi.example.com\", nonce=\"dcd98b\", uri=\"sip:bob@biloxi.example.com\","
        " qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\","
        " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5-sess, userhash=false"));
    REQUIRE(a);
    CHECK(a->username == std::optional<std::string_view>("bob"));
    CHECK(a->uri == std::optional<std::string_view>("sip:bob@biloxi.example.com"));
    CHECK(a->qop == std::optional<std::string_view>("auth"));
    CHECK(a->nc == std::optional<std::string_view>("00000001"));
    CHECK(a->cnonce == std::optional<std::string_view>("0a4f113b"));
    CHECK(a->response == std::optional<std::string_view>("6629fae49393a05397450978507c4ef1"));
    CHECK(a->algorithm == digest_algorithm::md5_sess);
    CHECK(a->userhash == std::optional<std::string_view>("false"));
    CHECK(a->defects == lenient::none);
}

TEST_CASE("digest algorithms (RFC 8760) and their absence") {
    CHECK(digest_algorithm_from_token("md5") == digest_algorithm::md5);
    CHECK(digest_algorithm_from_token("SHA-256-sess") == digest_algorithm::sha256_sess);
    CHECK(digest_algorithm_from_token("SHA-512-256") == digest_algorithm::sha512_256);
    CHECK(digest_algorithm_from_token("SHA-512-256-sess") == digest_algorithm::sha512_256_sess);
    CHECK(digest_algorithm_from_token("SHA-1") == digest_algorithm::other);
    auto none = parse<headers::proxy_authenticate>(keep("Digest realm=\"x\", nonce=\"y\""));  // belle-sip c8090cb crashed here
    REQUIRE(none);
    CHECK(none->algorithm == digest_algorithm::unspecified);
    CHECK(!none->algorithm_text);
    auto quoted = parse<headers::www_authenticate>(keep("Digest realm=\"x\", algorithm=\"SHA-512-256\""));
    REQUIRE(quoted);
    CHECK(quoted->algorithm == digest_algorithm::sha512_256);
}

TEST_CASE("other schemes and malformed parameters") {
    auto o = parse<headers::authorization>(keep("NoOneKnowsThisScheme opaque-data=here"));  // RFC 4475 regaut01
    REQUIRE(o);
    CHECK(o->scheme == "NoOneKnowsThisScheme");
    CHECK(!o->is_digest());
    CHECK(o->param("opaque-data")->value == std::optional<std::string_view>("here"));
    // one-character and empty values are fine (belle-sip #24 underflowed on these)
    auto one = parse<headers::authorization>(keep("Digest authz_server=x, realm=\"\", nonce=\"a\""));
    REQUIRE(one);
    CHECK(one->realm == std::optional<std::string_view>(""));
    CHECK(one->nonce == std::optional<std::string_view>("a"));
    CHECK(one->param("authz_server")->value == std::optional<std::string_view>("x"));
    CHECK(!parse_auth(keep("Digest")));
    CHECK(!parse_auth(keep("Digest realm")));
    CHECK(!parse_auth(keep("Digest realm=")));
    CHECK(!parse_auth(keep("Digest realm=\"unterminated")));
    CHECK(!parse_auth(keep("Digest realm=\"x\\")));
    CHECK(!parse_auth(keep("Digest realm=\"x\",")));
    CHECK(!parse_auth(keep("Digest nc=1")));
    CHECK(!parse_auth(keep("Digest stale=maybe")));
    CHECK(parse_auth(keep("Digest realm=\"x\",,nonce=\"y\"")).error().code == errc::bad_auth);
}

TEST_CASE("parameters separated by whitespace only (RFC 3665 §2.1 F3)") {
    std::string_view v = keep("Digest username=\"bob\", realm=\"atlanta.example.com\"\r\n nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\"");
    auto strict = parse_auth(v);
    REQUIRE(!strict);
    CHECK(strict.error().offset == v.find("\r\n"));
    auto loose = parse_auth(v, lenient::auth_param_missing_comma);
    REQUIRE(loose);
    CHECK(loose->nonce == std::optional<std::string_view>("ea9c8e88df84f1cec4341ae6cbe5a359"));
    CHECK(loose->defects == lenient::auth_param_missing_comma);
}
