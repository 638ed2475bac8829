// sipwire — request and response builders. They write into any sink, check every value
// they are given (a value with CR, LF or NUL, a name that is not a token, a URI that would
// break out of its <>... is refused), and compute Content-Length themselves. The first
// refusal is kept and returned by finish(), which then cuts the sink back to where the
// message started: a refused message leaves no bytes behind. No Spirit, no heap.
#ifndef SIPWIRE_BUILD_BUILDER_HPP
#define SIPWIRE_BUILD_BUILDER_HPP

#include <sipwire/build/sink.hpp>
#include <sipwire/detail/chars.hpp>
#include <sipwire/detail/host.hpp>
#include <sipwire/detail/scan.hpp>
#include <sipwire/error.hpp>
#include <sipwire/field.hpp>
#include <sipwire/headers/call_id.hpp>
#include <sipwire/message.hpp>
#include <sipwire/method.hpp>
#include <sipwire/status.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace sipwire {

struct build_options {
    bool compact = false;  // compact header names (v, f, t, i, m, l, c...) where they exist
};

// Via: SIP/2.0/<transport> <host>[:<port>];branch=...;rport[=N];received=...<params>
struct via_params {
    via_params() = default;
    via_params(std::string_view transport_, std::string_view host_, std::optional<std::uint16_t> port_ = {},
               std::string_view branch_ = {}, bool rport_ = false)
        : transport(transport_), host(host_), port(port_), branch(branch_), rport(rport_) {}

    std::string_view transport = "UDP";
    std::string_view host;
    std::optional<std::uint16_t> port;
    std::string_view branch;                   // "z9hG4bK..." (make_branch); empty: none
    bool rport = false;                        // ";rport": ask for RFC 3581 symmetric responses
    std::optional<std::uint16_t> rport_value;  // ";rport=N", as a server fills it in
    std::string_view received;                 // ";received=IP"
    std::string_view params;                   // more parameters, ";name=value..."
};

// A name-addr: ["display"] <uri> [;tag=...] [params]
struct address {
    address() = default;
    address(std::string_view display_, std::string_view uri_, std::string_view tag_ = {}, std::string_view params_ = {})
        : display(display_), uri(uri_), tag(tag_), params(params_) {}

    std::string_view display;  // written quoted, with '"' and '\' escaped; empty: none
    std::string_view uri;
    std::string_view tag;      // empty: none
    std::string_view params;   // more header parameters, ";name=value..."
};

struct contact_params {
    contact_params() = default;
    contact_params(std::string_view display_, std::string_view uri_, std::optional<std::uint32_t> expires_ = {},
                   std::string_view q_ = {}, std::string_view params_ = {})
        : display(display_), uri(uri_), expires(expires_), q(q_), params(params_) {}

    std::string_view display;
    std::string_view uri;
    std::optional<std::uint32_t> expires;
    std::string_view q;        // "0.7"
    std::string_view params;
};

// WWW-Authenticate / Proxy-Authenticate: Digest realm=..., nonce=..., ...
struct digest_challenge {
    std::string_view realm, nonce, opaque, domain;
    std::string_view algorithm;  // "MD5", "SHA-256", "SHA-512-256" (RFC 8760); empty: none
    std::string_view qop;        // "auth" or "auth,auth-int" (quoted in a challenge)
    bool stale = false;
};

// Authorization / Proxy-Authorization: Digest username=..., realm=..., ...
struct digest_credentials {
    std::string_view username, realm, nonce, uri, response, algorithm, cnonce, opaque;
    std::string_view qop;  // "auth" (a token in credentials)
    std::string_view nc;   // 8 hex digits
};

struct response_options;  // response.hpp
struct dialog_request;    // request.hpp

namespace detail {

constexpr bool has_crlf_nul(std::string_view v) noexcept {
    for (char c : v)
        if (c == '\r' || c == '\n' || c == '\0') return true;
    return false;
}
constexpr bool is_token(std::string_view v) noexcept {
    return !v.empty() && run_length(v.data(), v.data() + v.size(), cc_token) == v.size();
}
// A URI to be written inside <...> or as a Request-URI: scheme ":" then no whitespace,
// control bytes, '<', '>' or '"' (any of them would end the URI early for the reader).
constexpr bool is_safe_uri(std::string_view v) noexcept {
    std::size_t const s = run_length(v.data(), v.data() + v.size(), cc_scheme);
    if (s == 0 || s >= v.size() || v[s] != ':' || !ascii_alpha(static_cast<unsigned char>(v[0]))) return false;
    for (char c : v)
        if (c == ' ' || c == '<' || c == '>' || c == '"' || is(c, cc_ctl)) return false;
    return true;
}
// Header parameters as written: *( ";" token [ "=" ( token / host / quoted-string ) ] ), with
// whitespace allowed around ';' and '='. A comma outside quotes is refused: it would split a
// list header into another value.
constexpr bool is_params(std::string_view v) noexcept {
    std::size_t i = 0;
    auto ws = [&] {
        while (i < v.size() && is_wsp(v[i])) ++i;
    };
    ws();
    while (i < v.size()) {
        if (v[i] != ';') return false;
        ++i;
        ws();
        std::size_t const n = run_length(v.data() + i, v.data() + v.size(), cc_token);
        if (n == 0) return false;
        i += n;
        ws();
        if (i < v.size() && v[i] == '=') {
            ++i;
            ws();
            if (i < v.size() && v[i] == '"') {
                ++i;
                for (;; ++i) {
                    if (i >= v.size() || v[i] == '\r' || v[i] == '\n' || v[i] == '\0') return false;
                    if (v[i] == '\\') {
                        ++i;
                        if (i >= v.size() || v[i] == '\r' || v[i] == '\n' || v[i] == '\0') return false;
                    } else if (v[i] == '"') {
                        ++i;
                        break;
                    }
                }
            } else {
                std::size_t const m = i;
                while (i < v.size() && (is(v[i], cc_token) || v[i] == '[' || v[i] == ']' || v[i] == ':')) ++i;
                if (i == m) return false;
            }
            ws();
        }
    }
    return true;
}

inline constexpr std::string_view crlf = "\r\n";

}  // namespace detail

// What both builders share: headers, typed helpers, body, finish().
namespace detail {

// "Name: " for every field, so that a header name is one append.
struct header_prefix_table {
    static constexpr std::size_t width = max_field_name + 2;
    std::array<std::array<char, width>, static_cast<std::size_t>(field::count_)> text_{};
    std::array<std::uint8_t, static_cast<std::size_t>(field::count_)> size_{};
    constexpr header_prefix_table() noexcept {
        for (std::size_t i = 0; i < text_.size(); ++i) {
            std::string_view const n = field_table[i].name;
            std::size_t k = 0;
            for (; k < n.size() && k + 2 < width; ++k) text_[i][k] = n[k];
            text_[i][k] = ':', text_[i][k + 1] = ' ';
            size_[i] = static_cast<std::uint8_t>(k + 2);
        }
    }
    constexpr std::string_view text(field f) const noexcept {
        auto const i = static_cast<std::size_t>(f);
        return {text_[i].data(), size_[i]};
    }
};
inline constexpr header_prefix_table header_prefixes{};

}  // namespace detail

template <class Sink>
class message_builder {
public:
    // ---- any header ------------------------------------------------------------------
    message_builder& header(std::string_view name, std::string_view value) {
        if (!ready(field_from_name_checked(name))) return *this;
        if (!detail::is_token(name)) return refuse(errc::bad_header_name, field::other);
        field const f = field_from_name(name);
        if (f == field::content_length) return refuse(errc::bad_header_value, f);  // the builder writes it
        if (detail::has_crlf_nul(value)) return refuse(errc::bad_header_value, f);
        put(name), put(": "), put(value), put(detail::crlf);
        return *this;
    }
    message_builder& header(field f, std::string_view value) {
        if (!ready(f)) return *this;
        if (f == field::other || f == field::content_length) return refuse(errc::bad_header_value, f);
        if (detail::has_crlf_nul(value)) return refuse(errc::bad_header_value, f);
        name(f), put(value), put(detail::crlf);
        return *this;
    }

    // ---- typed headers -----------------------------------------------------------------
    message_builder& via(via_params const& v) {
        if (!ready(field::via)) return *this;
        if (!detail::is_token(v.transport) || !detail::is_host(v.host) || (!v.branch.empty() && !detail::is_token(v.branch)) ||
            (!v.received.empty() && !detail::is_ip_address(v.received)) || !detail::is_params(v.params) || v.port == 0)
            return refuse(errc::bad_via, field::via);
        name(field::via), put("SIP/2.0/"), put(v.transport), put(" "), put(v.host);
        if (v.port) put(":"), number(*v.port);
        if (!v.branch.empty()) put(";branch="), put(v.branch);
        if (v.rport_value) put(";rport="), number(*v.rport_value);
        else if (v.rport) put(";rport");
        if (!v.received.empty()) put(";received="), put(v.received);
        put(v.params), put(detail::crlf);
        return *this;
    }
    message_builder& from(address const& a) { return name_addr(field::from, a, true); }
    message_builder& to(address const& a) { return name_addr(field::to, a, true); }
    message_builder& contact(contact_params const& c) {
        if (!ready(field::contact)) return *this;
        if (!c.q.empty() && !valid_q(c.q)) return refuse(errc::bad_param, field::contact);
        if (!name_addr_start(field::contact, c.display, c.uri, c.params)) return *this;
        if (c.expires) put(";expires="), number(*c.expires);
        if (!c.q.empty()) put(";q="), put(c.q);
        put(c.params), put(detail::crlf);
        return *this;
    }
    message_builder& contact_star() {
        if (!ready(field::contact)) return *this;
        name(field::contact), put("*"), put(detail::crlf);
        return *this;
    }
    message_builder& route(std::string_view uri, std::string_view params = {}) { return name_addr(field::route, {{}, uri, {}, params}, false); }
    message_builder& record_route(std::string_view uri, std::string_view params = {}) {
        return name_addr(field::record_route, {{}, uri, {}, params}, false);
    }
    message_builder& call_id(std::string_view id) {
        if (!ready(field::call_id)) return *this;
        call_id_view v;
        if (detail::parse_call_id(id, v)) return refuse(errc::bad_call_id, field::call_id);
        name(field::call_id), put(id), put(detail::crlf);
        return *this;
    }
    message_builder& cseq(std::uint32_t number, sipwire::method m) { return cseq(number, to_string(m)); }
    message_builder& cseq(std::uint32_t number, std::string_view method_token) {
        if (!ready(field::cseq)) return *this;
        if (number > 0x7fffffffu || !detail::is_token(method_token)) return refuse(errc::bad_cseq, field::cseq);
        name(field::cseq), this->number(number), put(" "), put(method_token), put(detail::crlf);
        return *this;
    }
    message_builder& max_forwards(std::uint8_t hops) {
        if (!ready(field::max_forwards)) return *this;
        name(field::max_forwards), number(hops), put(detail::crlf);
        return *this;
    }
    message_builder& expires(std::uint32_t seconds) {
        if (!ready(field::expires)) return *this;
        name(field::expires), number(seconds), put(detail::crlf);
        return *this;
    }
    message_builder& www_authenticate(digest_challenge const& c) { return challenge(field::www_authenticate, c); }
    message_builder& proxy_authenticate(digest_challenge const& c) { return challenge(field::proxy_authenticate, c); }
    message_builder& authorization(digest_credentials const& c) { return credentials(field::authorization, c); }
    message_builder& proxy_authorization(digest_credentials const& c) { return credentials(field::proxy_authorization, c); }

    // ---- body: Content-Type now, Content-Length and the bytes at finish() ---------------
    // content_type: "type/subtype" with optional parameters, e.g.
    // "multipart/mixed;boundary=unique-boundary-1" (RFC 3261 §20.15).
    message_builder& body(std::string_view content_type, std::string_view bytes) {
        if (!ready(field::content_type)) return *this;
        std::size_t const semi = content_type.find(';');
        std::string_view media = content_type.substr(0, semi);
        while (!media.empty() && detail::is_wsp(media.back())) media.remove_suffix(1);  // "type/sub ;p=1"
        std::size_t const slash = media.find('/');
        if (slash == std::string_view::npos || !detail::is_token(media.substr(0, slash)) || !detail::is_token(media.substr(slash + 1)) ||
            (semi != std::string_view::npos && !detail::is_params(content_type.substr(semi))))
            return refuse(errc::bad_header_value, field::content_type);
        name(field::content_type), put(content_type), put(detail::crlf);
        body_ = bytes;
        return *this;
    }

    // Writes Content-Length, the empty line and the body. Returns the message's size; or the
    // first refusal (and the sink holds nothing of the message); or buffer_too_small (the
    // sink's needed() then says how much space the message takes).
    result<std::size_t> finish() {
        if (error_) {
            sink_.truncate(start_);
            return error_;
        }
        if (state_ == state::empty) {
            sink_.truncate(start_);
            return parse_error{errc::bad_start_line, 0, field::other};
        }
        name(field::content_length), number(body_.size()), put(detail::crlf), put(detail::crlf), put(body_);
        state_ = state::finished;
        if (overflow_) return parse_error{errc::buffer_too_small, 0, field::other};
        return sink_.size() - start_;
    }

    // Copies a header value of a parsed message (folds become single spaces). The value must
    // lie inside `origin`'s bytes: text that did not come through the parser is refused.
    message_builder& copy(field f, std::string_view value, message_view const& origin) {
        if (!ready(f)) return *this;
        std::string_view const all = origin.bytes();
        if (value.data() < all.data() || value.data() + value.size() > all.data() + all.size() || f == field::other ||
            f == field::content_length)
            return refuse(errc::bad_header_value, f);
        name(f), put_unfolded(value), put(detail::crlf);
        return *this;
    }

    // Copies header line `index` of a parsed message: its name as written and its value,
    // folds become single spaces. Content-Length is refused (the builder writes its own).
    message_builder& copy_header(message_view const& origin, std::size_t index) {
        if (error_) return *this;
        header_ref const h = index < origin.header_count() ? origin.header(index) : header_ref{};
        if (!ready(h.id)) return *this;
        if (h.name.empty() || h.id == field::content_length) return refuse(errc::bad_header_value, h.id);
        put(h.name), put(": "), put_unfolded(h.value), put(detail::crlf);
        return *this;
    }

    // The first refusal so far (code ok when none).
    parse_error const& error() const noexcept { return error_; }

protected:
    void put_unfolded(std::string_view v) {
        // the common case, a value on one line: memchr is much faster than a byte loop
        if (v.empty() || (!std::memchr(v.data(), '\n', v.size()) && !std::memchr(v.data(), '\r', v.size()))) return put(v);
        std::size_t i = 0, from = 0;
        while (i < v.size()) {
            if (v[i] != '\r' && v[i] != '\n') {
                ++i;
                continue;
            }
            std::size_t end = i;
            while (end > from && detail::is_wsp(v[end - 1])) --end;
            put(v.substr(from, end - from)), put(" ");
            while (i < v.size() && (v[i] == '\r' || v[i] == '\n' || detail::is_wsp(v[i]))) ++i;
            from = i;
        }
        put(v.substr(from));
    }

    enum class state : std::uint8_t { empty, headers, finished };

    message_builder(Sink& sink, build_options opt) : sink_(sink), opt_(opt), start_(sink.size()) {}

    void put(std::string_view s) {
        if (!sink_.append(s)) overflow_ = true;
    }
    void number(std::uint64_t v) {
        char buf[20];
        std::size_t n = 0;
        do buf[sizeof buf - ++n] = static_cast<char>('0' + v % 10);
        while ((v /= 10) != 0);
        put(std::string_view(buf + sizeof buf - n, n));
    }
    void name(field f) {
        if (opt_.compact && compact_form(f)) {
            char const c[3] = {compact_form(f), ':', ' '};
            put(std::string_view(c, 3));
        } else {
            put(detail::header_prefixes.text(f));  // "Name: " in one append
        }
    }
    // A display name, quoted. '"', '\' and the control characters qdtext does not take
    // (everything below SP but HT, and DEL) are written as quoted-pairs (RFC 3261 §25.1).
    // CR, LF and NUL never get here: the callers refuse them.
    void quoted(std::string_view text) {
        put("\"");
        std::size_t from = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            auto const c = static_cast<unsigned char>(text[i]);
            if (c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7f) {
                put(text.substr(from, i - from)), put("\\");
                from = i;
            }
        }
        put(text.substr(from)), put("\"");
    }
    message_builder& refuse(errc code, field f) {
        if (!error_) error_ = {code, static_cast<std::uint32_t>(sink_.size() - start_), f};
        return *this;
    }
    // A header may be added: the start line is written, nothing was refused, not finished.
    bool ready(field f) {
        if (error_) return false;
        if (state_ != state::headers) {
            refuse(state_ == state::empty ? errc::bad_start_line : errc::bad_header_value, f);
            return false;
        }
        return true;
    }
    static field field_from_name_checked(std::string_view name) noexcept {
        return detail::is_token(name) ? field_from_name(name) : field::other;
    }
    static bool valid_q(std::string_view q) noexcept {
        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
        if (q.empty() || (q[0] != '0' && q[0] != '1')) return false;
        if (q.size() == 1) return true;
        if (q[1] != '.' || q.size() > 5) return false;
        for (char c : q.substr(2))
            if (!detail::ascii_digit(static_cast<unsigned char>(c)) || (q[0] == '1' && c != '0')) return false;
        return true;
    }
    bool name_addr_start(field f, std::string_view display, std::string_view uri, std::string_view params) {
        if (!detail::is_safe_uri(uri) || detail::has_crlf_nul(display) || !detail::is_params(params)) {
            refuse(f == field::contact || f == field::from || f == field::to || f == field::route || f == field::record_route
                       ? errc::bad_name_addr
                       : errc::bad_header_value,
                   f);
            return false;
        }
        name(f);
        if (!display.empty()) quoted(display), put(" ");
        put("<"), put(uri), put(">");
        return true;
    }
    message_builder& name_addr(field f, address const& a, bool tag_allowed) {
        if (!ready(f)) return *this;
        if (!a.tag.empty() && (!tag_allowed || !detail::is_token(a.tag))) return refuse(errc::bad_param, f);
        if (!name_addr_start(f, a.display, a.uri, a.params)) return *this;
        if (!a.tag.empty()) put(";tag="), put(a.tag);
        put(a.params), put(detail::crlf);
        return *this;
    }
    // One digest parameter: name="value" with '"' and '\' escaped, or name=token.
    void auth_param(bool& first, std::string_view n, std::string_view v, bool quote) {
        if (v.empty() && n != "opaque" && n != "realm") return;
        put(first ? " " : ", "), put(n), put("=");
        first = false;
        if (quote) quoted(v);
        else put(v);
    }
    bool auth_values_ok(std::initializer_list<std::string_view> values, std::initializer_list<std::string_view> tokens) {
        for (auto v : values)
            if (detail::has_crlf_nul(v)) return false;
        for (auto t : tokens)
            if (!t.empty() && !detail::is_token(t)) return false;
        return true;
    }
    message_builder& challenge(field f, digest_challenge const& c) {
        if (!ready(f)) return *this;
        if (!auth_values_ok({c.realm, c.nonce, c.opaque, c.domain, c.qop}, {c.algorithm}) || c.nonce.empty())
            return refuse(errc::bad_auth, f);
        name(f), put("Digest");
        bool first = true;
        auth_param(first, "realm", c.realm, true);
        if (!c.domain.empty()) auth_param(first, "domain", c.domain, true);
        auth_param(first, "nonce", c.nonce, true);
        if (!c.opaque.empty()) auth_param(first, "opaque", c.opaque, true);
        if (c.stale) auth_param(first, "stale", "TRUE", false);
        if (!c.algorithm.empty()) auth_param(first, "algorithm", c.algorithm, false);
        if (!c.qop.empty()) auth_param(first, "qop", c.qop, true);
        put(detail::crlf);
        return *this;
    }
    message_builder& credentials(field f, digest_credentials const& c) {
        if (!ready(f)) return *this;
        bool nc_ok = c.nc.empty() || c.nc.size() == 8;
        for (char ch : c.nc) nc_ok = nc_ok && detail::hex_value(ch) >= 0;
        if (!auth_values_ok({c.username, c.realm, c.nonce, c.uri, c.response, c.cnonce, c.opaque}, {c.algorithm, c.qop}) || !nc_ok ||
            c.username.empty())
            return refuse(errc::bad_auth, f);
        name(f), put("Digest");
        bool first = true;
        auth_param(first, "username", c.username, true);
        auth_param(first, "realm", c.realm, true);
        auth_param(first, "nonce", c.nonce, true);
        if (!c.uri.empty()) auth_param(first, "uri", c.uri, true);
        if (!c.response.empty()) auth_param(first, "response", c.response, true);
        if (!c.algorithm.empty()) auth_param(first, "algorithm", c.algorithm, false);
        if (!c.cnonce.empty()) auth_param(first, "cnonce", c.cnonce, true);
        if (!c.opaque.empty()) auth_param(first, "opaque", c.opaque, true);
        if (!c.qop.empty()) auth_param(first, "qop", c.qop, false);
        if (!c.nc.empty()) auth_param(first, "nc", c.nc, false);
        put(detail::crlf);
        return *this;
    }

    Sink& sink_;
    build_options opt_;
    std::size_t start_;
    parse_error error_{};
    std::string_view body_;
    state state_ = state::empty;
    bool overflow_ = false;
};

// A request: start_line() first, then headers, then finish().
//   request_builder b{sink};
//   b.start_line(method::options, "sip:bob@biloxi.example.com").via({...}).max_forwards(70)
//    .from({"Alice", "sip:alice@atlanta.example.com", tag}).to({"", "sip:bob@biloxi.example.com"})
//    .call_id(id).cseq(1, method::options);
//   auto n = b.finish();
template <class Sink>
class request_builder : public message_builder<Sink> {
public:
    explicit request_builder(Sink& sink, build_options opt = {}) : message_builder<Sink>(sink, opt) {}

    request_builder& start_line(sipwire::method m, std::string_view request_uri) {
        if (m == sipwire::method::other) return refuse_start(errc::bad_method);
        return start_line(to_string(m), request_uri);
    }
    // Request-Line = Method SP Request-URI SP SIP-Version CRLF (RFC 3261 §7.1); any token method.
    request_builder& start_line(std::string_view method_token, std::string_view request_uri) {
        if (this->error_ || this->state_ != message_builder<Sink>::state::empty) return refuse_start(errc::bad_start_line);
        if (!detail::is_token(method_token)) return refuse_start(errc::bad_method);
        if (!detail::is_safe_uri(request_uri)) return refuse_start(errc::bad_request_uri);
        this->put(method_token), this->put(" "), this->put(request_uri), this->put(" SIP/2.0\r\n");
        this->state_ = message_builder<Sink>::state::headers;
        return *this;
    }

    // ACK for a non-2xx final response (RFC 3261 §17.1.1.3), CANCEL for a request (§9.1),
    // and a request inside a dialog (§12.2.1.1): defined in request.hpp.
    request_builder& ack_for(message_view const& invite, message_view const& response);
    request_builder& cancel_for(message_view const& request);
    request_builder& in_dialog(dialog_request const& d);

private:
    request_builder& refuse_start(errc code) {
        this->refuse(code, field::other);
        return *this;
    }
};

// A response: status_line() first, then headers, then finish().
template <class Sink>
class response_builder : public message_builder<Sink> {
public:
    explicit response_builder(Sink& sink, build_options opt = {}) : message_builder<Sink>(sink, opt) {}

    // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF (RFC 3261 §7.2). Without
    // a reason, the registered phrase; a reason may be empty, or any text but CR, LF and NUL.
    response_builder& status_line(int status, std::optional<std::string_view> reason_text = std::nullopt) {
        if (this->error_ || this->state_ != message_builder<Sink>::state::empty) {
            this->refuse(errc::bad_start_line, field::other);
            return *this;
        }
        if (status < 100 || status > 699) {
            this->refuse(errc::bad_status_code, field::other);
            return *this;
        }
        std::string_view const reason = reason_text ? *reason_text : default_reason(status);
        for (char c : reason)
            if (c == '\r' || c == '\n' || c == '\0' || (static_cast<unsigned char>(c) < 0x20 && c != '\t')) {
                this->refuse(errc::bad_reason_phrase, field::other);
                return *this;
            }
        this->put("SIP/2.0 "), this->number(static_cast<std::uint64_t>(status)), this->put(" "), this->put(reason),
            this->put(detail::crlf);
        this->state_ = message_builder<Sink>::state::headers;
        return *this;
    }

    // Starts the response to `request` as RFC 3261 §8.2.6 says (defined in response.hpp).
    response_builder& respond_to(message_view const& request, int status, response_options const& options);
};

}  // namespace sipwire

#endif
