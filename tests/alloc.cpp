// Zero heap allocations: parse every corpus message and every bundled flow message, read
// every typed header, validate, frame them as a stream, answer, ACK, CANCEL and forward them
// into a caller's buffer, build an in-dialog request and a REGISTER with credentials, pop
// the Via of responses, while counting operator new and malloc/calloc/realloc (linked with
// --wrap). Any count above zero fails.
#include <sipwire/sipwire.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocations{0};
void note() {
    if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

extern "C" {
void* __real_malloc(std::size_t);
void* __real_calloc(std::size_t, std::size_t);
void* __real_realloc(void*, std::size_t);
void* __wrap_malloc(std::size_t n) { note(); return __real_malloc(n); }
void* __wrap_calloc(std::size_t n, std::size_t s) { note(); return __real_calloc(n, s); }
void* __wrap_realloc(void* p, std::size_t n) { note(); return __real_realloc(p, n); }
}

void* operator new(std::size_t n) {
    note();
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, std::nothrow_t const&) noexcept { note(); return std::malloc(n ? n : 1); }
void* operator new[](std::size_t n, std::nothrow_t const&) noexcept { note(); return std::malloc(n ? n : 1); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

std::size_t touch_everything(std::string_view bytes) {
    using namespace sipwire;
    std::size_t work = 0;
    for (parse_options const& o : {parse_options::strict(), parse_options::liberal()}) {
        parsed_message<> m;
        auto r = m.parse(bytes, o);
        if (!m.is_framed()) continue;
        work += r ? 1 : 0;
        validation v = validate_message(m, o.allow);
        work += v.warning_count;
        if (m.is_request()) work += parse_uri(m.request_uri(), o.allow) ? 1 : 0;
        for (auto v : parse_all<headers::via>(m, o.allow)) work += v ? v->host.size() : 0;
        for (auto c : parse_all<headers::contact>(m, o.allow)) work += c ? c->uri.text.size() : 0;
        for (auto c : parse_all<headers::route>(m, o.allow)) work += c ? c->uri.text.size() : 0;
        for (auto c : parse_all<headers::record_route>(m, o.allow)) work += c ? c->uri.text.size() : 0;
        for (auto a : parse_all<headers::authorization>(m, o.allow)) work += a ? a->params.size() : 0;
        for (auto a : parse_all<headers::www_authenticate>(m, o.allow)) work += a ? a->params.size() : 0;
        for (auto a : parse_all<headers::proxy_authenticate>(m, o.allow)) work += a ? a->params.size() : 0;
        for (auto a : parse_all<headers::proxy_authorization>(m, o.allow)) work += a ? a->params.size() : 0;
        if (auto f = parse<headers::from>(m.from(), o.allow)) {
            work += f->uri.text.size();
            for (auto const& p : f->parameters()) work += p.name.size();
        }
        if (auto t = parse<headers::to>(m.to(), o.allow)) work += t->uri.text.size();
        if (auto c = m.find(field::content_type)) work += parse<headers::content_type>(*c) ? 1 : 0;
        if (auto d = m.find(field::date)) work += parse<headers::date>(*d, o.allow) ? 1 : 0;
        work += parse<headers::cseq>(m.find(field::cseq).value_or("")) ? 1 : 0;
        for (std::size_t i = 0; i < m.header_count(); ++i) work += m.header(i).value.size();
        char buf[4096];
        for (std::size_t i = 0; i < m.header_count(); ++i) work += unfold(m.header(i).value, buf, sizeof buf).value_or(0);
    }
    stream_framer f;
    frame fr = f.next(bytes);
    work += fr.length;
    // building into a caller buffer allocates nothing either
    parsed_message<> m;
    if (m.parse(bytes, parse_options::liberal()) && m.is_request()) {
        char out[8192];
        span_sink sink(out);
        work += make_response(m, 180, sink).value_or(0);
        sink.clear();
        if (m.method() == method::invite) work += make_cancel(m, sink).value_or(0);
        proxy_edits<> e(m);
        (void)e.decrement_max_forwards();
        (void)e.add_record_route("sip:proxy.example.com");
        (void)e.add_via({"UDP", "proxy.example.com", 5060, stateless_branch(m, "proxy.example.com").view()});
        sink.clear();
        work += e.apply(sink).value_or(0);
        work += check_loop(m, "proxy.example.com", "proxy.example.com") == forwarding_check::loop ? 1 : 0;
        // the ACK for a 486 to it, and a request inside the dialog it would make
        sink.clear();
        parsed_message<> busy;
        if (auto n = make_response(m, 486, sink); n && busy.parse(sink.view())) {
            char ack[8192];
            span_sink as(ack);
            if (m.method() == method::invite) work += make_ack(m, busy, as).value_or(0);
        }
        dialog_request d;
        d.method = method::bye;
        d.remote_target = m.request_uri();
        d.local = {"", "sip:a@example.com", "tag1"};
        d.remote = {"", "sip:b@example.com", "tag2"};
        d.call_id = m.call_id();
        d.cseq = 2;
        d.via = {"UDP", "pc.example.com", 5060, "z9hG4bKdialog"};
        char bye[8192];
        span_sink bs(bye);
        work += make_in_dialog_request(d, bs).value_or(0);
        // the typed builders, digest credentials included
        bs.clear();
        request_builder b(bs);
        digest_credentials c;
        c.username = "bob";
        c.realm = "example.com";
        c.nonce = "abc";
        c.uri = "sip:example.com";
        c.response = "0123456789abcdef0123456789abcdef";
        b.start_line(method::register_, "sip:example.com").via(d.via).from(d.local).to(d.local).call_id("c").cseq(1, method::register_)
            .contact({"", "sip:bob@192.0.2.1", 3600}).authorization(c).body("text/plain", "x");
        work += b.finish().value_or(0);
        if (auto u = parse_uri(m.request_uri(), lenient::all)) {
            work += uri_equal(*u, *u) ? 1 : 0;
            char plain[512];
            if (u->user) work += unescape(*u->user, plain, sizeof plain).value_or(0);
        }
    } else if (m.is_framed() && m.is_response() && !m.top_via().empty()) {
        char out[8192];
        span_sink sink(out);
        proxy_edits<> e(m);
        (void)e.pop_via();
        work += e.apply(sink).value_or(0);
    }
    return work;
}

}  // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::vector<std::string> messages;
    for (int i = 1; i < argc; ++i) {
        if (!fs::is_directory(argv[i])) {
            std::printf("alloc: %s not found, skipped\n", argv[i]);
            continue;
        }
        for (auto const& e : fs::recursive_directory_iterator(argv[i])) {
            if (!e.is_regular_file() || e.path().extension() != ".sip" || e.path().string().find("/archive/") != std::string::npos) continue;
            std::ifstream f(e.path(), std::ios::binary);
            std::ostringstream ss;
            ss << f.rdbuf();
            messages.push_back(ss.str());
        }
    }
    if (messages.empty()) {
        std::printf("alloc: no messages found\n");
        return 1;
    }
    // The counters must see an allocation when there is one, or a zero below proves nothing.
    counting = true;
    int* volatile object = new int(1);  // volatile: the optimiser may not elide the pairs
    delete object;
    void* volatile block = std::malloc(16);
    std::free(block);
    std::string grows(100, 'x');
    counting = false;
    if (allocations.load() < 3) {
        std::printf("alloc: the counters missed known allocations (%ld of 3)\n", allocations.load());
        return 1;
    }
    allocations = 0;

    std::size_t work = 0;
    counting = true;
    for (auto const& m : messages) work += touch_everything(m);
    counting = false;
    std::printf("alloc: %zu messages parsed, validated and read (work %zu): %ld heap allocations\n", messages.size(), work,
                allocations.load());
    return allocations.load() == 0 ? 0 : 1;
}
