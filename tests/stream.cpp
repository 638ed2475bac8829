// Stream framing (RFC 3261 §18.3) and CRLF keepalives (RFC 5626 §4.4.1).
#include "support.hpp"

#include <doctest/doctest.h>
#include <sipwire/stream.hpp>

#include <string>
#include <vector>

using namespace sipwire;
using test::crlf;

namespace {
std::string const m1 = crlf(
    "INVITE sip:bob@biloxi.example.com SIP/2.0\n"
    "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9\n"
    "From: <sip:alice@atlanta.example.com>;tag=9fxced76sl\nTo: <sip:bob@biloxi.example.com>\n"
    "Call-ID: 1\nCSeq: 1 INVITE\nContent-Type: text/plain\nContent-Length: 12\n\n") + "body\r\n\r\nmore";
std::string const m2 = crlf(
    "SIP/2.0 200 OK\nVia: SIP/2.0/TCP h;branch=z9hG4bKx\nFrom: <sip:a@b>;tag=1\nTo: <sip:c@d>;tag=2\n"
    "Call-ID: 2\nCSeq: 1 INVITE\nl: 0\n\n");

struct event {
    frame_kind kind;
    std::string bytes;
    bool operator==(event const& o) const { return kind == o.kind && bytes == o.bytes; }
};

// Feeds `stream` to a framer `chunk` bytes at a time, the way a socket loop would.
std::vector<event> run(std::string const& stream, std::size_t chunk, stream_limits limits = {}, std::size_t* calls = nullptr) {
    stream_framer f(limits);
    std::string buf;
    std::vector<event> out;
    std::size_t fed = 0, n = 0;
    for (int guard = 0; guard < 1000000; ++guard) {
        frame r = f.next(buf);
        ++n;
        if (r.kind == frame_kind::need_more) {
            if (fed == stream.size()) break;
            std::size_t const take = std::min(chunk, stream.size() - fed);
            buf.append(stream, fed, take);
            fed += take;
            continue;
        }
        REQUIRE(r.length > 0);
        REQUIRE(r.length <= buf.size());
        out.push_back({r.kind, buf.substr(0, r.length)});
        buf.erase(0, r.length);
    }
    if (calls) *calls = n;
    return out;
}
}  // namespace

TEST_CASE("messages back to back, fed in any chunk size") {
    std::string const stream = m1 + m2 + "\r\n\r\n" + m2 + "\r\n";
    std::vector<event> const want{{frame_kind::message, m1}, {frame_kind::message, m2}, {frame_kind::ping, "\r\n\r\n"},
                                  {frame_kind::message, m2}};
    for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{64}, stream.size()}) {
        INFO("chunk " << chunk);
        auto got = run(stream, chunk);
        // the final lone CRLF waits: for a server it may be the start of a ping
        CHECK(got == want);
    }
    stream_limits client;
    client.role = keepalive_role::client;
    auto got = run(stream, stream.size(), client);
    REQUIRE(got.size() == 5);
    CHECK(got.back() == event{frame_kind::pong, "\r\n"});
}

TEST_CASE("keepalives (RFC 5626): ping, pong, and what a lone CRLF is") {
    stream_framer f;
    CHECK(f.next("\r\n\r\n").kind == frame_kind::ping);
    CHECK(f.next("\r\n\r\n").length == 4);
    CHECK(f.next("\r\nINVITE").kind == frame_kind::pong);
    CHECK(f.next("\r\n").kind == frame_kind::need_more);
    CHECK(f.next("\r\n\r").kind == frame_kind::need_more);
    CHECK(f.next("\r").kind == frame_kind::need_more);
    stream_framer c(stream_limits{65536, 1u << 20, keepalive_role::client});
    CHECK(c.next("\r\n").kind == frame_kind::pong);
    CHECK(f.next("\n\r\n").kind == frame_kind::error);
    CHECK(f.next("\rX").kind == frame_kind::error);
    CHECK(detect_keepalive("\r\n\r\n") == frame_kind::ping);
    CHECK(detect_keepalive("\r\n") == frame_kind::pong);
    CHECK(detect_keepalive("\r\n\r\n\r\n") == frame_kind::message);
}

TEST_CASE("Content-Length frames the body, even with CRLFCRLF inside it") {
    auto got = run(m1, 5);
    REQUIRE(got.size() == 1);
    CHECK(got[0].bytes.size() == m1.size());
    CHECK(got[0].bytes.substr(got[0].bytes.size() - 12) == "body\r\n\r\nmore");
    stream_framer f;
    frame r = f.next(m1.substr(0, m1.size() - 3));
    CHECK(r.kind == frame_kind::need_more);
    CHECK(r.needed == m1.size());
}

TEST_CASE("a folded or compact Content-Length is found") {
    std::string s = crlf("SIP/2.0 200 OK\nVia: SIP/2.0/TCP h\nContent-Length:\n  3\nCall-ID: x\n\n") + "abc";
    stream_framer f;
    frame r = f.next(s);
    CHECK(r.kind == frame_kind::message);
    CHECK(r.length == s.size());
    std::string c = crlf("SIP/2.0 200 OK\nL : 1\n\n") + "z";
    CHECK(f.next(c).length == c.size());
}

TEST_CASE("stream errors and resynchronisation") {
    stream_framer f;
    // no Content-Length: mandatory on streams; resync at the next start line
    std::string nocl = crlf("SIP/2.0 200 OK\nVia: SIP/2.0/TCP h\n\n") + "junk\r\n" + m2;
    frame r = f.next(nocl);
    CHECK(r.kind == frame_kind::error);
    CHECK(r.error.code == errc::missing_content_length);
    CHECK(r.length == nocl.size() - m2.size());
    // conflicting or broken Content-Length
    CHECK(f.next(crlf("SIP/2.0 200 OK\nl: 5\nl: 6\n\n")).error.code == errc::bad_content_length);
    CHECK(f.next(crlf("SIP/2.0 200 OK\nContent-Length: -1\n\n")).error.code == errc::bad_content_length);
    CHECK(f.next(crlf("SIP/2.0 200 OK\nContent-Length: 99999999999999999999\n\n")).error.code == errc::bad_content_length);
    // garbage where a start line should be: skip to the next plausible one
    std::string garbage = "\x16\x03\x01 TLS hello?\r\nmore garbage\r\n" + m2;
    r = f.next(garbage);
    CHECK(r.kind == frame_kind::error);
    CHECK(r.error.code == errc::bad_start_line);
    CHECK(r.length == garbage.size() - m2.size());
    // a bare CR
    CHECK(f.next("SIP/2.0 200 OK\rX").error.code == errc::bad_line_ending);
    // nothing plausible in sight: drop everything buffered
    std::string hopeless = "GET / HTTP/1.1\r\nHost: x\r\n";
    r = f.next(hopeless);
    CHECK(r.kind == frame_kind::error);
    CHECK(r.length == hopeless.size());
}

TEST_CASE("limits stop floods") {
    stream_limits small;
    small.max_header_bytes = 256;
    small.max_body_bytes = 100;
    stream_framer f(small);
    std::string big = crlf("SIP/2.0 200 OK\nContent-Length: 101\n\n");
    frame r = f.next(big);
    CHECK(r.kind == frame_kind::error);
    CHECK(r.error.code == errc::message_too_large);
    std::string endless = "SIP/2.0 200 OK\r\n";
    while (endless.size() < 300) endless += "X-Flood: aaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
    r = f.next(endless);
    CHECK(r.kind == frame_kind::error);
    CHECK(r.error.code == errc::message_too_large);
    std::string one_line = "SIP/2.0 200 OK\r\nX: " + std::string(400, 'a');  // no line end at all
    CHECK(f.next(one_line).error.code == errc::message_too_large);
}

TEST_CASE("slowloris: bytes already scanned are not scanned again") {
    stream_framer f;
    std::string buf = "SIP/2.0 200 OK\r\n";
    CHECK(f.next(buf).kind == frame_kind::need_more);
    std::size_t scanned = f.scanned();
    for (int i = 0; i < 2000; ++i) {
        buf += "X-Slow: 1\r\n";
        frame r = f.next(buf);
        REQUIRE(r.kind == frame_kind::need_more);
        // progress is exactly the new bytes: the scan resumes where it stopped
        REQUIRE(f.scanned() == scanned + 11);
        scanned = f.scanned();
    }
    buf += "Content-Length: 0\r\n\r\n";
    CHECK(f.next(buf).kind == frame_kind::message);
}
