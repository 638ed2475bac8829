// sipwire — framing SIP over byte streams (TCP, TLS; RFC 3261 §18.3) and RFC 5626 CRLF
// keepalives. Sans-IO: the caller owns the buffer and the socket; the framer only says
// how many bytes form the next message.
//
//   stream_framer framer;
//   for (;;) {
//       frame f = framer.next(buffered);        // buffered: every unconsumed byte, oldest first
//       if (f.kind == frame_kind::need_more) { read more; continue; }
//       if (f.kind == frame_kind::message) handle(buffered.substr(0, f.length));
//       if (f.kind == frame_kind::ping) send("\r\n");   // pong
//       drop f.length bytes from the front of the buffer (for an error: resynchronise there)
//   }
//
// Between two calls that return need_more, the buffer may only grow at its end: the framer
// remembers how far it scanned and never scans a byte twice (slowloris). Every other
// result starts a new frame at the byte after it.
#ifndef SIPWIRE_STREAM_HPP
#define SIPWIRE_STREAM_HPP

#include <sipwire/detail/chars.hpp>
#include <sipwire/detail/ci.hpp>
#include <sipwire/detail/scan.hpp>
#include <sipwire/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sipwire {

enum class frame_kind : std::uint8_t {
    need_more,  // read more bytes and call again
    message,    // the first `length` bytes are one SIP message (parse them with framing::stream)
    ping,       // CRLFCRLF keepalive (RFC 5626 §4.4.1): answer with a pong (CRLF)
    pong,       // CRLF keepalive answer
    error,      // the stream is broken at error.offset; `length` bytes should be dropped to resynchronise
};

struct frame {
    frame_kind kind = frame_kind::need_more;
    std::size_t length = 0;  // bytes of the frame (message, ping, pong) or bytes to drop (error)
    std::size_t needed = 0;  // need_more: total bytes the message needs, when already known (else 0)
    parse_error error{};     // kind == error
};

// Which keepalive a lone CRLF is, when nothing follows it yet: a server receives pings
// (CRLFCRLF), so it waits to see whether a second CRLF follows; a client receives pongs.
enum class keepalive_role : std::uint8_t { server, client };

struct stream_limits {
    std::uint32_t max_header_bytes = 65536;     // start line + headers + empty line
    std::uint32_t max_body_bytes = 1u << 20;    // Content-Length above this is refused
    keepalive_role role = keepalive_role::server;
};

// Classifies a whole unit that may be a keepalive (a WebSocket message, or bytes already
// known to be complete): CRLFCRLF is a ping, CRLF a pong, anything else is neither.
constexpr frame_kind detect_keepalive(std::string_view unit) noexcept {
    if (unit == "\r\n\r\n") return frame_kind::ping;
    if (unit == "\r\n") return frame_kind::pong;
    return frame_kind::message;
}

class stream_framer {
public:
    constexpr explicit stream_framer(stream_limits limits = {}) noexcept : limits_(limits) {}

    frame next(std::string_view buf) noexcept {
        if (header_end_ != 0) return body(buf);
        if (scanned_ == 0) {
            if (buf.empty()) return need();
            if (buf[0] == '\r' || buf[0] == '\n') return keepalive(buf);
        }
        return scan(buf);
    }

    // Forget a partly framed message (after the caller dropped its buffer).
    constexpr void reset() noexcept {
        scanned_ = line_start_ = header_end_ = cl_value_ = 0;
        content_length_ = 0;
        has_cl_ = in_cl_ = false;
    }

    // Bytes of the current message scanned so far (for tests and diagnostics).
    std::size_t scanned() const noexcept { return scanned_; }

private:
    static frame need(std::size_t needed = 0) noexcept { return {frame_kind::need_more, 0, needed, {}}; }

    frame fail(std::string_view buf, errc code, std::size_t at, std::size_t resync_from) noexcept {
        reset();
        return {frame_kind::error, resync(buf, resync_from), 0, {code, static_cast<std::uint32_t>(at), field::other}};
    }

    frame done(frame_kind k, std::size_t len) noexcept {
        reset();
        return {k, len, 0, {}};
    }

    // Where the next plausible start line begins, at or after `from` (at a line start);
    // the whole buffer when none is in sight yet.
    static std::size_t resync(std::string_view buf, std::size_t from) noexcept {
        for (std::size_t p = from; p < buf.size(); ++p) {
            if (p != 0 && buf[p - 1] != '\n') continue;
            if (plausible_start_line(buf.substr(p))) return p;
        }
        return buf.size();
    }

    // "SIP/x.y 3DIGIT..." or "token SP ... SIP/x.y..." on one line: enough to recognise a
    // start line (the full check is parse_message's), loose enough for tolerated whitespace.
    static bool plausible_start_line(std::string_view s) noexcept {
        std::string_view const line = s.substr(0, s.find_first_of("\r\n"));
        if (detail::ci_starts_with(line, "SIP/"))
            return line.size() >= 12 && line.find(' ') != std::string_view::npos;
        std::size_t const m = detail::run_length(line.data(), line.data() + line.size(), detail::cc_token);
        if (m == 0 || m >= line.size() || line[m] != ' ') return false;
        for (std::size_t i = m; i + 5 <= line.size(); ++i)
            if (line[i] == ' ' && detail::ci_starts_with(line.substr(i + 1), "SIP/")) return true;
        return false;
    }

    frame keepalive(std::string_view buf) noexcept {
        if (buf[0] == '\n') return fail(buf, errc::bad_line_ending, 0, 1);
        if (buf.size() < 2) return need();
        if (buf[1] != '\n') return fail(buf, errc::bad_line_ending, 0, 1);
        if (buf.size() == 2) return limits_.role == keepalive_role::client ? done(frame_kind::pong, 2) : need();
        if (buf[2] != '\r') return done(frame_kind::pong, 2);
        if (buf.size() == 3) return need();
        if (buf[3] == '\n') return done(frame_kind::ping, 4);
        return done(frame_kind::pong, 2);
    }

    // Finishes a pending Content-Length value that ends where the line at `next_line` starts.
    bool close_content_length(std::string_view buf, std::size_t next_line) noexcept {
        in_cl_ = false;
        std::string_view const v = detail::trim_lws(buf.substr(cl_value_, next_line - cl_value_));
        std::uint64_t n = 0;
        if (!detail::parse_uint(v, 0xffffffffu, n)) return false;
        if (has_cl_ && n != content_length_) return false;
        has_cl_ = true;
        content_length_ = static_cast<std::uint32_t>(n);
        return true;
    }

    frame scan(std::string_view buf) noexcept {
        char const* const b = buf.data();
        char const* const e = b + buf.size();
        char const* p = b + scanned_;
        for (;;) {
            char const* const eol = detail::find_eol(p, e);
            if (eol == e || (*eol == '\r' && eol + 1 == e)) {  // the line is not complete yet
                scanned_ = static_cast<std::size_t>(eol - b);
                if (scanned_ > limits_.max_header_bytes) return fail(buf, errc::message_too_large, scanned_, 1);
                return need();
            }
            if (*eol == '\r' && eol[1] != '\n') return fail(buf, errc::bad_line_ending, static_cast<std::size_t>(eol - b), 1);
            char const* const next = eol + (*eol == '\r' ? 2 : 1);
            std::size_t const ls = line_start_;
            std::string_view const line(b + ls, static_cast<std::size_t>(eol - (b + ls)));
            if (static_cast<std::size_t>(next - b) > limits_.max_header_bytes)
                return fail(buf, errc::message_too_large, static_cast<std::size_t>(eol - b), 1);
            if (ls == 0) {
                if (!plausible_start_line(line)) return fail(buf, errc::bad_start_line, 0, 1);
            } else if (line.empty() || !detail::is_wsp(line[0])) {
                // a new header line (or the empty line) ends any Content-Length value before it
                if (in_cl_ && !close_content_length(buf, ls))
                    return fail(buf, errc::bad_content_length, cl_value_, static_cast<std::size_t>(next - b));
                if (line.empty()) {
                    header_end_ = static_cast<std::size_t>(next - b);
                    scanned_ = header_end_;
                    if (!has_cl_) {
                        std::size_t const at = header_end_;
                        return fail(buf, errc::missing_content_length, at, at);
                    }
                    if (content_length_ > limits_.max_body_bytes) {
                        std::size_t const at = header_end_;
                        return fail(buf, errc::message_too_large, at, at);
                    }
                    return body(buf);
                }
                std::size_t const n = detail::run_length(line.data(), line.data() + line.size(), detail::cc_token);
                std::string_view const name = line.substr(0, n);
                if (detail::ci_equal(name, "Content-Length") || detail::ci_equal(name, "l")) {
                    std::size_t c = n;
                    while (c < line.size() && detail::is_wsp(line[c])) ++c;
                    if (c < line.size() && line[c] == ':') {
                        in_cl_ = true;
                        cl_value_ = ls + c + 1;
                    }
                }
            }
            line_start_ = static_cast<std::size_t>(next - b);
            p = next;
        }
    }

    frame body(std::string_view buf) noexcept {
        std::size_t const total = header_end_ + content_length_;
        if (buf.size() < total) return need(total);
        return done(frame_kind::message, total);
    }

    stream_limits limits_;
    std::size_t scanned_ = 0;     // bytes of this frame already looked at
    std::size_t line_start_ = 0;  // start of the line being scanned
    std::size_t header_end_ = 0;  // offset after the empty line, once found
    std::size_t cl_value_ = 0;    // start of a Content-Length value still being read
    std::uint32_t content_length_ = 0;
    bool has_cl_ = false;
    bool in_cl_ = false;
};

}  // namespace sipwire

#endif
