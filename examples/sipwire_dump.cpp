// sipwire-dump: the command-line face of the parser.
//
//   sipwire-dump [--json] [--strict] [--stream] [FILE|-]...
//   sipwire-dump --reply CODE [FILE|-]...
//   sipwire-dump --forward HOST:PORT [--record-route] [FILE|-]...
//
// Each FILE holds one message, as one datagram; with --stream each FILE is a TCP byte
// stream of back-to-back messages (and keepalives), framed by stream_framer. Messages are
// parsed liberally (every tolerance on, each one reported as a warning) unless --strict.
// --reply prints the response make_response builds for each request. --forward prints each
// request as a stateless proxy at HOST:PORT would forward it (or the response it would send
// instead: 400, 482, 483), and each response with its top Via popped.
// Exit status: 0 when every message is valid, 1 when any is not, 2 on a usage or I/O error.
#include <sipwire/sipwire.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace sipwire;

// ---- a small JSON writer (strings are escaped; bytes that are not UTF-8 become \u00XX) ----
class json {
public:
    void str(std::string_view s) {
        sep();
        out_ += '"';
        for (std::size_t i = 0; i < s.size(); ++i) {
            unsigned char const c = static_cast<unsigned char>(s[i]);
            if (c == '"' || c == '\\') {
                out_ += '\\';
                out_ += static_cast<char>(c);
            } else if (c < 0x20 || c == 0x7f) {
                escape(c);
            } else if (c < 0x80) {
                out_ += static_cast<char>(c);
            } else if (std::size_t n = utf8_length(s, i); n != 0) {
                out_.append(s.substr(i, n));
                i += n - 1;
            } else {
                escape(c);
            }
        }
        out_ += '"';
    }
    void num(long long v) { sep(); out_ += std::to_string(v); }
    void null() { sep(); out_ += "null"; }
    void boolean(bool b) { sep(); out_ += b ? "true" : "false"; }
    void opt_str(std::optional<std::string_view> s) { s ? str(*s) : null(); }
    template <class T>
    void opt_num(std::optional<T> v) { v ? num(static_cast<long long>(*v)) : null(); }
    void key(std::string_view k) {
        str(k);
        out_ += ':';
        need_comma_ = false;
    }
    void open(char c) {
        sep();
        out_ += c;
        need_comma_ = false;
    }
    void close(char c) {
        out_ += c;
        need_comma_ = true;
    }
    std::string take() {
        std::string s;
        s.swap(out_);
        need_comma_ = false;
        return s;
    }

private:
    void sep() {
        if (need_comma_) out_ += ',';
        need_comma_ = true;
    }
    void escape(unsigned char c) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out_ += buf;
    }
    // Length of the valid UTF-8 sequence starting at s[i], or 0.
    static std::size_t utf8_length(std::string_view s, std::size_t i) {
        unsigned char const c = static_cast<unsigned char>(s[i]);
        std::size_t const n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
        if (n == 0 || i + n > s.size()) return 0;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return 0;
        return n;
    }
    std::string out_;
    bool need_comma_ = false;
};

std::string unquoted(std::string_view inner) {
    std::string buf(inner.size(), '\0');
    auto n = unquote(inner, buf.data(), buf.size());
    return n ? buf.substr(0, *n) : std::string(inner);
}

std::string unfolded(std::string_view v) {
    std::string buf(v.size(), '\0');
    auto n = unfold(v, buf.data(), buf.size());
    return n ? buf.substr(0, *n) : std::string(v);
}

void display_name(json& j, name_addr_view const& n) {
    j.key("display");
    if (!n.display_name) j.null();
    else j.str(n.display_quoted ? unquoted(*n.display_name) : std::string(*n.display_name));
}

void party(json& j, std::string_view key, std::string_view value, lenient allow) {
    j.key(key);
    auto n = parse_name_addr(value, allow);
    if (!n) return j.null();
    j.open('{');
    display_name(j, *n);
    j.key("uri");
    j.str(n->uri.text);
    j.key("tag");
    j.opt_str(n->tag);
    j.close('}');
}

template <class H>
void routes(json& j, std::string_view key, message_view const& m, lenient allow) {
    j.key(key);
    j.open('[');
    for (auto r : parse_all<H>(m, allow)) {
        if (!r) continue;
        j.open('{');
        display_name(j, *r);
        j.key("uri");
        j.str(r->uri.text);
        j.close('}');
    }
    j.close(']');
}

void error_object(json& j, parse_error const& e) {
    j.open('{');
    j.key("code");
    j.str(to_string(e.code));
    j.key("offset");
    j.num(e.offset);
    j.key("message");
    std::string msg(describe(e.code));
    if (e.where != field::other) msg += " (" + std::string(to_string(e.where)) + ")";
    j.str(msg);
    j.close('}');
}

std::string to_json(message_view const* m, parse_error const& err, validation const* v, lenient allow) {
    json j;
    j.open('{');
    bool const ok = !err && v && *v;
    j.key("ok");
    j.boolean(ok);
    if (!ok) {
        j.key("error");
        error_object(j, err ? err : v->error);
    }
    j.key("warnings");
    j.open('[');
    if (v) {
        for (auto const& w : *v) {
            j.open('{');
            j.key("code");
            j.str(to_string(w.code));
            j.key("offset");
            j.num(w.offset);
            j.key("message");
            j.str(describe(w.code));
            j.close('}');
        }
    }
    j.close(']');
    if (!m) {
        j.close('}');
        return j.take();
    }
    j.key("type");
    j.str(m->is_request() ? "request" : "response");
    if (m->is_request()) {
        j.key("method");
        j.str(m->method_text());
        j.key("uri");
        j.str(m->request_uri());
        j.key("request_uri");
        if (auto u = parse_uri(m->request_uri(), allow)) {
            j.open('{');
            j.key("scheme");
            j.str(u->scheme);
            j.key("user");
            j.opt_str(u->user);
            j.key("host");
            j.str(u->host);
            j.key("port");
            j.opt_num(u->port);
            j.key("params");
            j.open('[');
            for (auto const& p : u->parameters()) {
                j.open('[');
                j.str(p.name);
                j.opt_str(p.value);
                j.close(']');
            }
            j.close(']');
            j.close('}');
        } else {
            j.null();
        }
    } else {
        j.key("status");
        j.num(m->status());
        j.key("reason");
        j.str(m->reason());
    }
    j.key("call_id");
    m->call_id().empty() && !m->find(field::call_id) ? j.null() : j.str(m->call_id());
    j.key("cseq");
    if (auto c = parse_cseq(m->find(field::cseq).value_or(""))) {
        j.open('{');
        j.key("seq");
        j.num(c->number);
        j.key("method");
        j.str(c->method_text);
        j.close('}');
    } else {
        j.null();
    }
    j.key("max_forwards");
    j.opt_num(m->max_forwards());
    party(j, "from", m->from(), allow);
    party(j, "to", m->to(), allow);
    j.key("via");
    j.open('[');
    for (auto via : parse_all<headers::via>(*m, allow)) {
        if (!via) continue;
        j.open('{');
        j.key("transport");
        j.str(via->transport);
        j.key("host");
        j.str(via->host);
        j.key("port");
        j.opt_num(via->port);
        j.key("branch");
        j.opt_str(via->branch);
        j.key("received");
        j.opt_str(via->received);
        j.key("rport");
        if (via->rport_value) j.num(*via->rport_value);
        else if (via->rport) j.boolean(true);
        else j.null();
        j.close('}');
    }
    j.close(']');
    j.key("contact");
    bool star = false;
    for (auto c : parse_all<headers::contact>(*m, allow)) star = star || (c && c->is_star);
    if (star) {
        j.str("*");
    } else {
        j.open('[');
        for (auto c : parse_all<headers::contact>(*m, allow)) {
            if (!c) continue;
            j.open('{');
            display_name(j, *c);
            j.key("uri");
            j.str(c->uri.text);
            j.key("expires");
            j.opt_num(c->expires);
            j.key("q");
            j.opt_str(c->q);
            j.close('}');
        }
        j.close(']');
    }
    routes<headers::route>(j, "route", *m, allow);
    routes<headers::record_route>(j, "record_route", *m, allow);
    j.key("content_type");
    auto ct = m->find(field::content_type);
    auto mt = ct ? parse_media_type(*ct) : result<media_type_view>(parse_error{errc::missing_header, 0, field::content_type});
    if (mt) {
        std::string t = std::string(mt->type) + "/" + std::string(mt->subtype);
        for (char& c : t) c = detail::to_lower(c);
        j.str(t);
    } else {
        j.null();
    }
    j.key("content_length");
    j.opt_num(m->content_length());
    j.key("body_length");
    j.num(static_cast<long long>(m->body().size()));
    j.key("headers");
    j.open('[');
    for (std::size_t i = 0; i < m->header_count(); ++i) {
        header_ref const h = m->header(i);
        j.open('[');
        j.str(h.name);
        j.str(h.folded ? unfolded(h.value) : std::string(h.value));
        j.close(']');
    }
    j.close(']');
    j.close('}');
    return j.take();
}

std::string one_line(std::string_view label, message_view const* m, parse_error const& err, validation const* v) {
    std::ostringstream o;
    o << label << ": ";
    if (!m) {
        o << "INVALID " << to_string(err.code) << " at byte " << err.offset << " (" << describe(err.code) << ")";
        return o.str();
    }
    o << m->start_line() << " | Call-ID " << (m->call_id().empty() ? "-" : m->call_id()) << " | CSeq " << m->cseq() << " "
      << m->cseq_method_text() << " | top Via branch ";
    auto via = parse_via(m->top_via(), lenient::all);
    o << (via && via->branch ? std::string(*via->branch) : std::string("-"));
    if (v && !*v) {
        parse_error const& e = v->error;
        o << " | INVALID " << to_string(e.code) << " at byte " << e.offset;
        if (e.where != field::other) o << " in " << to_string(e.where);
        o << " (" << describe(e.code) << ", answer " << v->status() << ")";
    }
    if (v)
        for (auto const& w : *v) o << " | warning " << to_string(w.code) << " at byte " << w.offset;
    return o.str();
}

struct options {
    bool json = false;
    bool strict = false;
    bool stream = false;
    int reply = 0;                // --reply CODE
    std::string forward_host;     // --forward HOST:PORT
    std::uint16_t forward_port = 0;
    bool record_route = false;
};

void print_message(std::string_view label, std::string_view what, std::string const& bytes) {
    std::printf("=== %.*s: %.*s\n", static_cast<int>(label.size()), label.data(), static_cast<int>(what.size()), what.data());
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    if (bytes.empty() || bytes.back() != '\n') std::fputc('\n', stdout);
}

// A stateless answer: the response a proxy or UAS sends instead of going on.
std::string answer(message_view const& m, int status) {
    std::string out;
    string_sink sink(out);
    (void)make_response(m, status, sink);
    return out;
}

// --reply: the §8.2.6 response to a request.
bool reply(std::string_view label, std::string_view bytes, options const& opt) {
    parsed_message<256> m;
    (void)m.parse(bytes, parse_options::liberal());
    if (!m.is_framed() || !m.is_request()) {
        std::fprintf(stderr, "%.*s: not a request that can be answered\n", static_cast<int>(label.size()), label.data());
        return false;
    }
    std::string out;
    string_sink sink(out);
    auto r = make_response(m, opt.reply, sink);
    if (!r) {
        std::fprintf(stderr, "%.*s: cannot answer: %s\n", static_cast<int>(label.size()), label.data(), std::string(describe(r.error().code)).c_str());
        return false;
    }
    print_message(label, "response", out);
    return true;
}

// --forward: what a stateless proxy at HOST:PORT sends on receiving this message.
bool forward(std::string_view label, std::string_view bytes, options const& opt) {
    parsed_message<256> m;
    auto const framed = m.parse(bytes, parse_options::liberal());
    (void)framed;
    if (!m.is_framed()) {
        std::fprintf(stderr, "%.*s: dropped, cannot be framed\n", static_cast<int>(label.size()), label.data());
        return false;
    }
    std::string const me = opt.forward_host + ":" + std::to_string(opt.forward_port);
    if (m.is_response()) {
        auto top = parse_via(m.top_via(), lenient::all);
        if (!top || !iequals(top->host, opt.forward_host) || top->port.value_or(5060) != opt.forward_port) {
            std::fprintf(stderr, "%.*s: dropped, the top Via is not this proxy's\n", static_cast<int>(label.size()), label.data());
            return false;
        }
        proxy_edits<> e(m);
        std::string out;
        string_sink sink(out);
        if (!e.pop_via() || !e.apply(sink)) return false;
        print_message(label, "forwarded response", out);
        return true;
    }
    if (validation v = validate_message(m, lenient::all); !v) {
        print_message(label, "answered (the request is malformed)", answer(m, v.status() ? v.status() : 400));
        return false;
    }
    if (check_loop(m, opt.forward_host, me) == forwarding_check::loop) {
        print_message(label, "answered (loop detected)", answer(m, 482));
        return true;
    }
    proxy_edits<> e(m);
    auto ruri = parse_uri(m.request_uri(), lenient::all);
    auto is_me = [&](uri_view const& u) { return iequals(u.host, opt.forward_host) && u.port.value_or(5060) == opt.forward_port; };
    // §16.4: a strict router sent us a Record-Route URI of ours as the Request-URI
    if (ruri && is_me(*ruri) && m.find(field::route)) (void)e.strict_route_fixup();
    else if (auto first = parse_all<headers::route>(m, lenient::all).begin(); first != parse_all<headers::route>(m, lenient::all).end() && *first &&
             is_me((*first)->uri))
        (void)e.pop_route();
    if (auto r = e.decrement_max_forwards(); !r) {
        print_message(label, "answered (Max-Forwards reached 0)", answer(m, 483));
        return true;
    }
    std::string const rr = "sip:" + me + ";lr";
    if (opt.record_route && (m.method() == method::invite || m.method() == method::subscribe || m.method() == method::refer))
        (void)e.add_record_route(rr);
    (void)e.route_to_strict_router();
    auto top = parse_via(m.top_via(), lenient::all);
    id_text const branch = stateless_branch(m, me);
    via_params v{top ? top->transport : std::string_view("UDP"), opt.forward_host, opt.forward_port, branch};
    if (auto r = e.add_via(v); !r) return false;
    std::string out;
    string_sink sink(out);
    if (!e.apply(sink)) return false;
    print_message(label, "forwarded request", out);
    return true;
}

// Parses one message; prints it; returns whether it was valid.
bool report(std::string_view label, std::string_view bytes, options const& opt, framing mode) {
    if (opt.reply) return reply(label, bytes, opt);
    if (!opt.forward_host.empty()) return forward(label, bytes, opt);
    parse_options po = opt.strict ? parse_options::strict() : parse_options::liberal();
    po.mode = mode;
    parsed_message<256> m;
    auto r = m.parse(bytes, po);
    message_view const* mv = m.is_framed() ? &m.view() : nullptr;
    parse_error const frame_err = m.is_framed() ? parse_error{} : r.error();
    std::optional<validation> v;
    if (mv) v = validate_message(*mv, po.allow);
    bool const ok = mv && *v;
    std::string const line = opt.json ? to_json(mv, frame_err, v ? &*v : nullptr, po.allow)
                                      : one_line(label, mv, frame_err, v ? &*v : nullptr);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    return ok;
}

bool read_all(std::string const& path, std::string& out) {
    if (path == "-") {
        out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return !std::cin.bad();
    }
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    bool const ok = !std::ferror(f);
    std::fclose(f);
    return ok;
}

std::string stem(std::string const& path) {
    std::string s = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    std::size_t const dot = s.find_last_of('.');
    if (dot != std::string::npos && dot > 0) s.resize(dot);
    return s;
}

// Feeds a stream file to the framer in TCP-segment-sized pieces, as a socket would.
bool dump_stream(std::string const& path, std::string const& data, options const& opt) {
    stream_framer framer;
    std::string buf;
    std::size_t fed = 0, n = 0;
    bool all_ok = true;
    constexpr std::size_t segment = 1460;
    for (;;) {
        frame f = framer.next(buf);
        if (f.kind == frame_kind::need_more) {
            if (fed == data.size()) break;
            std::size_t const take = std::min(segment, data.size() - fed);
            buf.append(data, fed, take);
            fed += take;
            continue;
        }
        std::string const label = stem(path) + "#" + std::to_string(++n);
        if (f.kind == frame_kind::message) {
            all_ok = report(label, std::string_view(buf).substr(0, f.length), opt, framing::stream) && all_ok;
        } else if (f.kind == frame_kind::error) {
            all_ok = false;
            if (opt.json) {
                json j;
                j.open('{');
                j.key("ok");
                j.boolean(false);
                j.key("error");
                error_object(j, f.error);
                j.key("warnings");
                j.open('[');
                j.close(']');
                j.key("resync");
                j.num(static_cast<long long>(f.length));
                j.close('}');
                std::puts(j.take().c_str());
            } else {
                std::printf("%s: STREAM ERROR %s at byte %u, dropping %zu bytes to resynchronise\n", label.c_str(),
                            std::string(to_string(f.error.code)).c_str(), f.error.offset, f.length);
            }
        } else if (!opt.json) {
            std::printf("%s: keepalive %s\n", label.c_str(), f.kind == frame_kind::ping ? "ping (CRLFCRLF)" : "pong (CRLF)");
        }
        buf.erase(0, f.length);
    }
    if (!buf.empty()) {
        all_ok = false;
        if (!opt.json) std::printf("%s: %zu bytes left at the end of the stream (an incomplete message)\n", stem(path).c_str(), buf.size());
    }
    return all_ok;
}

int usage() {
    std::fputs("usage: sipwire-dump [--json] [--strict] [--stream] [FILE|-]...\n"
               "       sipwire-dump --reply CODE [FILE|-]...\n"
               "       sipwire-dump --forward HOST:PORT [--record-route] [FILE|-]...\n"
               "  one message per FILE (a datagram); --stream: FILE is a TCP byte stream of messages\n"
               "  --json: one JSON object per message; --strict: no tolerance for RFC 4475 defects\n"
               "  --reply: the response built for each request; --forward: each message as a\n"
               "  stateless proxy at HOST:PORT forwards it\n"
               "  exit status: 0 all valid, 1 some invalid, 2 usage or I/O error\n",
               stderr);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    options opt;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string const a = argv[i];
        if (a == "--json") opt.json = true;
        else if (a == "--strict") opt.strict = true;
        else if (a == "--stream") opt.stream = true;
        else if (a == "--record-route") opt.record_route = true;
        else if (a == "--reply" && i + 1 < argc) {
            std::string const code = argv[++i];
            opt.reply = std::atoi(code.c_str());
            if (opt.reply < 100 || opt.reply > 699 || code.size() != 3) return usage();
        } else if (a == "--forward" && i + 1 < argc) {
            std::string const hp = argv[++i];
            std::size_t const colon = hp.rfind(':');
            int const port = colon == std::string::npos ? 0 : std::atoi(hp.c_str() + colon + 1);
            if (colon == std::string::npos || colon == 0 || port < 1 || port > 65535) return usage();
            opt.forward_host = hp.substr(0, colon);
            opt.forward_port = static_cast<std::uint16_t>(port);
        }
        else if (a == "-h" || a == "--help") return usage();
        else if (a.size() > 1 && a[0] == '-' && a != "-") {
            std::fprintf(stderr, "sipwire-dump: unknown option %s\n", a.c_str());
            return usage();
        } else files.push_back(a);
    }
    if (files.empty()) return usage();
    bool all_ok = true;
    for (std::string const& f : files) {
        std::string data;
        if (!read_all(f, data)) {
            std::fprintf(stderr, "sipwire-dump: cannot read %s\n", f.c_str());
            return 2;
        }
        all_ok = (opt.stream ? dump_stream(f, data, opt) : report(stem(f), data, opt, framing::datagram)) && all_ok;
    }
    std::fflush(stdout);
    return all_ok ? 0 : 1;
}
