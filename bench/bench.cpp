// sipwire's own throughput, per message of the bench corpus (bench/messages):
//   line_scan   memchr over the line ends: the physical bound
//   stage1      parse_message: start line, header table, hot metadata, body
//   stage1_hot  stage 1 plus the typed top Via, From, To (with tags), CSeq and Call-ID
//   validate    stage 1 plus validate_message (every header this library has a grammar for)
//   typed/...   one typed value alone: Via, name-addr, URI, Contact, Route, CSeq, Call-ID,
//               Max-Forwards, Expires, Content-Type, digest credentials
//   stream/...  the stream framer over 1 MB of back-to-back messages (the flows, repeated)
//               as a TCP byte stream: all of it at hand, and arriving in 1460-byte segments
//   control/one_allocation  one new per iteration: proves both allocation columns see the heap
//   pathological/<shape>/<bytes>  tests/pathological.hpp shapes at 64 KB, 256 KB and 1 MB,
//               limits raised: stage 1, validate_message and every Via and Contact value.
//               The time per byte stays flat when the work is linear in the size
//   build/...   building into a caller's buffer (span_sink), from examples/flows:
//     response_180_3via   make_response for the INVITE of 07 (three Vias), parsed beforehand
//     forward_edits       05 as proxy B forwards it, parsed beforehand: add Via, decrement
//                         Max-Forwards, add Record-Route, set the Request-URI, apply
//     parse_forward       the same with the parse of 05 included (what a proxy pays per request)
//     request_invite      an INVITE with SDP from request_builder
// Throughput is reported as bytes_per_second (MB/s; for build/ rows, bytes written) and
// items_per_second (messages/s),
// heap allocations per message as the counter "allocs".
#include "common.hpp"
#include "pathological.hpp"

#include <sipwire/sipwire.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

SIPWIRE_BENCH_DEFINE_ALLOC_HOOKS

namespace {

using namespace sipwire;

struct hot {
    std::string_view method, uri, call_id, branch, from_tag, to_tag;
    std::uint32_t cseq = 0;
    std::size_t body = 0;
};

// What a proxy reads of every message: the fields the peer comparison extracts too.
inline bool read_hot(std::string_view in, parsed_message<64>& m, hot& h) {
    if (!m.parse(in)) return false;
    auto via = parse_via(m.top_via());
    auto from = parse_name_addr(m.from());
    auto to = parse_name_addr(m.to());
    if (!via || !from || !to) return false;
    h.method = m.is_request() ? m.method_text() : m.reason();
    h.uri = m.request_uri();
    h.call_id = m.call_id();
    h.cseq = m.cseq();
    h.branch = via->branch.value_or(std::string_view{});
    h.from_tag = from->tag.value_or(std::string_view{});
    h.to_tag = to->tag.value_or(std::string_view{});
    h.body = m.body().size();
    return true;
}

std::vector<std::string> registered;  // table order
std::map<std::string, std::size_t> built_bytes;  // build benchmarks: bytes of output

void add(std::string const& name, std::function<void(benchmark::State&)> fn) {
    registered.push_back(name);
    benchmark::RegisterBenchmark(name.c_str(), [fn, name](benchmark::State& st) {
        bench::current_benchmark = name;
        fn(st);
    });
}

void register_all(std::vector<bench::message> const& corpus) {
    for (auto const& msg : corpus) {
        std::string const& b = msg.bytes;
        add("line_scan/" + msg.name, [&b](benchmark::State& st) {
            bench::counted_loop(st, b.size(), [&] { benchmark::DoNotOptimize(bench::line_scan(b)); });
        });
        add("stage1/" + msg.name, [&b](benchmark::State& st) {
            parsed_message<64> m;
            bench::counted_loop(st, b.size(), [&] {
                auto r = m.parse(b);
                benchmark::DoNotOptimize(r);
                benchmark::DoNotOptimize(m);
            });
        });
        add("stage1_hot/" + msg.name, [&b](benchmark::State& st) {
            parsed_message<64> m;
            hot h;
            if (!read_hot(b, m, h)) return st.SkipWithError("message does not parse");
            bench::counted_loop(st, b.size(), [&] {
                bool ok = read_hot(b, m, h);
                benchmark::DoNotOptimize(ok);
                benchmark::DoNotOptimize(h);
            });
        });
        add("validate/" + msg.name, [&b](benchmark::State& st) {
            parsed_message<64> m;
            if (!m.parse(b) || !validate_message(m)) return st.SkipWithError("message does not validate");
            bench::counted_loop(st, b.size(), [&] {
                auto r = m.parse(b);
                validation v = validate_message(m);
                benchmark::DoNotOptimize(r);
                benchmark::DoNotOptimize(v);
            });
        });
    }
    // building
    static std::string const inbound = bench::read(std::string(SIPWIRE_BENCH_FLOWS) + "/05-proxyA-proxyB-INVITE.sip");
    static std::string const invite = bench::read(std::string(SIPWIRE_BENCH_FLOWS) + "/07-proxyB-userB-INVITE.sip");
    add("build/response_180_3via", [](benchmark::State& st) {
        parsed_message<64> m;
        if (!m.parse(invite)) return st.SkipWithError("07 does not parse");
        char out[2048];
        response_options o;
        o.to_tag = "a6c85cf";
        span_sink first(out);
        auto const n = make_response(m, 180, first, o);
        if (!n) return st.SkipWithError("make_response refused 07");
        built_bytes["build/response_180_3via"] = *n;
        bench::counted_loop(st, *n, [&] {
            span_sink sink(out);
            auto r = make_response(m, 180, sink, o);
            benchmark::DoNotOptimize(r);
            benchmark::ClobberMemory();
        });
    });
    auto forward = [](message_view const& m, span_sink& sink) {
        proxy_edits<> e(m);
        (void)e.add_via({"UDP", "proxy.sipB.com", 5060, "z9hG4bK721e4.1"});
        (void)e.decrement_max_forwards();
        (void)e.add_record_route("sip:proxy.sipB.com;lr");
        (void)e.set_request_uri("sip:userB@phone.sipB.com:5060");
        return e.apply(sink);
    };
    add("build/forward_edits", [forward](benchmark::State& st) {
        parsed_message<64> m;
        if (!m.parse(inbound)) return st.SkipWithError("05 does not parse");
        char out[2048];
        span_sink first(out);
        auto const n = forward(m, first);
        if (!n) return st.SkipWithError("the forward edits were refused");
        built_bytes["build/forward_edits"] = *n;
        bench::counted_loop(st, *n, [&] {
            span_sink sink(out);
            auto r = forward(m, sink);
            benchmark::DoNotOptimize(r);
            benchmark::ClobberMemory();
        });
    });
    add("build/parse_forward", [forward](benchmark::State& st) {
        parsed_message<64> m;
        char out[2048];
        span_sink first(out);
        auto const n = m.parse(inbound) ? forward(m, first) : result<std::size_t>(m.problem());
        if (!n) return st.SkipWithError("05 does not parse or the edits were refused");
        built_bytes["build/parse_forward"] = *n;
        bench::counted_loop(st, *n, [&] {
            auto p = m.parse(inbound);
            span_sink sink(out);
            auto r = forward(m, sink);
            benchmark::DoNotOptimize(p);
            benchmark::DoNotOptimize(r);
            benchmark::ClobberMemory();
        });
    });
    static std::string const sdp = invite.substr(invite.find("\r\n\r\n") + 4);
    add("build/request_invite", [](benchmark::State& st) {
        char out[2048];
        std::size_t size = 0;
        auto build = [&](span_sink& sink) {
            request_builder b(sink);
            b.start_line(method::invite, "sip:userB@sipB.com").via({"UDP", "pc.sipA.com", 5060, "z9hG4bK74bf9a", true})
                .max_forwards(70).from({"UserA", "sip:userA@sipA.com", "9fxced76sl"}).to({"UserB", "sip:userB@sipB.com"})
                .call_id("6b86b273ff34fce1@pc.sipA.com").cseq(1, method::invite).contact({"", "sip:userA@pc.sipA.com:5060"})
                .header(field::supported, "replaces, timer").header(field::allow, "INVITE, ACK, CANCEL, BYE, OPTIONS")
                .body("application/sdp", sdp);
            auto r = b.finish();
            return r ? *r : 0;
        };
        span_sink first(out);
        std::size_t const n = build(first);
        if (n == 0) return st.SkipWithError("request_builder refused the INVITE");
        built_bytes["build/request_invite"] = n;
        bench::counted_loop(st, n, [&] {
            span_sink sink(out);
            size = build(sink);
            benchmark::DoNotOptimize(size);
            benchmark::ClobberMemory();
        });
    });

    // one typed value alone (from the INVITE)
    static std::string const via = "SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101;rport=5060";
    static std::string const name_addr = "\"Alice Liddell\" <sip:alice@atlanta.example.com>;tag=9fxced76sl";
    static std::string const uri = "sip:alice@client.atlanta.example.com:5060;transport=udp";
    add("typed/via", [](benchmark::State& st) {
        bench::counted_loop(st, via.size(), [] { benchmark::DoNotOptimize(parse_via(via)); });
    });
    add("typed/name_addr", [](benchmark::State& st) {
        bench::counted_loop(st, name_addr.size(), [] { benchmark::DoNotOptimize(parse_name_addr(name_addr)); });
    });
    add("typed/uri", [](benchmark::State& st) {
        bench::counted_loop(st, uri.size(), [] { benchmark::DoNotOptimize(parse_uri(uri)); });
    });
    auto typed = [](std::string const& name, std::string value, auto parser) {
        add("typed/" + name, [value = std::move(value), parser](benchmark::State& st) {
            if (!parser(value)) return st.SkipWithError("value does not parse");
            bench::counted_loop(st, value.size(), [&] { benchmark::DoNotOptimize(parser(value)); });
        });
    };
    typed("contact", "<sip:userB@phone.sipB.com:5060;transport=udp>;expires=3600;q=0.7;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"",
          [](std::string_view v) { return parse_contact(v); });
    typed("route", "<sip:proxy.sipB.com;lr>", [](std::string_view v) { return parse_route(v); });
    typed("cseq", "314159 INVITE", [](std::string_view v) { return parse_cseq(v); });
    typed("call_id", "6b86b273ff34fce1@pc.sipA.com", [](std::string_view v) { return parse_call_id(v); });
    typed("max_forwards", "70", [](std::string_view v) { return parse<headers::max_forwards>(v); });
    typed("expires", "3600", [](std::string_view v) { return parse<headers::expires>(v); });
    typed("content_type", "multipart/mixed;boundary=unique-boundary-1", [](std::string_view v) { return parse_media_type(v); });
    typed("authorization",
          "Digest username=\"userB\", realm=\"sipB.com\", nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\", "
          "uri=\"sip:sipB.com\", response=\"dfe56131d1958046689d83306477ecc\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"0a4f113b\"",
          [](std::string_view v) { return parse_auth(v); });

    // the control: one heap allocation per iteration must show as 1 in both alloc columns
    add("control/one_allocation", [](benchmark::State& st) {
        bench::counted_loop(st, 64, [] {
            char* p = new char[64];
            benchmark::DoNotOptimize(p);
            delete[] p;
        });
    });

    // the stream framer on 1 MB of back-to-back messages
    static std::string const stream = [] {
        std::string flows;
        for (auto const& m : bench::load(SIPWIRE_BENCH_FLOWS)) flows += m.bytes;
        std::string s;
        while (s.size() < (1u << 20)) s += flows;
        return s;
    }();
    auto frame_all = [](std::size_t segment) {
        // every message framed; `segment` > 0: the bytes arrive that many at a time
        stream_framer framer;
        std::size_t off = 0, have = segment ? std::min(segment, stream.size()) : stream.size(), messages = 0;
        while (off < stream.size()) {
            frame const f = framer.next(std::string_view(stream.data() + off, have - off));
            if (f.kind == frame_kind::need_more) {
                if (have == stream.size()) break;
                have = std::min(stream.size(), have + segment);
                continue;
            }
            if (f.kind == frame_kind::error) return std::size_t{0};
            off += f.length;
            messages += f.kind == frame_kind::message;
        }
        return off == stream.size() ? messages : 0;
    };
    for (std::size_t segment : {std::size_t{0}, std::size_t{1460}}) {
        std::string const name = segment ? "stream/1MB_in_1460B_segments" : "stream/1MB_at_once";
        add(name, [frame_all, segment, name](benchmark::State& st) {
            std::size_t const messages = frame_all(segment);
            if (messages == 0) return st.SkipWithError("the stream does not frame");
            built_bytes[name] = stream.size();
            bench::counted_loop(st, stream.size(), [&] { benchmark::DoNotOptimize(frame_all(segment)); });
            st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations() * messages));
        });
    }

    // pathological shapes of growing size
    for (auto shape : pathological::all_shapes) {
        for (std::size_t size : {std::size_t{1} << 16, std::size_t{1} << 18, std::size_t{1} << 20}) {
            std::string const name = std::string("pathological/") + pathological::name(shape) + "/" + std::to_string(size);
            add(name, [shape, size, name](benchmark::State& st) {
                std::string const msg = pathological::make(shape, size);
                built_bytes[name] = msg.size();
                std::vector<header_entry> table(70000);
                parse_options o;
                o.max_line_length = 4u << 20;
                o.max_message_size = 4u << 20;
                bench::counted_loop(st, msg.size(), [&] {
                    std::size_t values = 0;
                    auto m = parse_message(msg, table.data(), table.size(), o);
                    if (m) {
                        validation v = validate_message(*m);
                        benchmark::DoNotOptimize(v);
                        for (auto x : m->all(field::via)) benchmark::DoNotOptimize(x), ++values;
                        for (auto c : parse_all<headers::contact>(*m)) benchmark::DoNotOptimize(c), ++values;
                    }
                    benchmark::DoNotOptimize(values);
                });
                st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations()));
            });
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    static auto const corpus = bench::load(SIPWIRE_BENCH_MESSAGES);
    register_all(corpus);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    bench::table_reporter reporter;
    bench::memory_manager memory;
    benchmark::RegisterMemoryManager(&memory);
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::RegisterMemoryManager(nullptr);
    benchmark::Shutdown();

    // The markdown table: one row per benchmark, medians when repetitions were asked for.
    std::printf("\n| benchmark | bytes | ns/msg | MB/s | msgs/s | allocs/msg | MemoryManager allocs/iter |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for (auto const& name : registered) {
        auto found = reporter.results().find(name);
        if (found == reporter.results().end()) continue;
        auto const& f = found->second;
        std::size_t bytes = 0;
        for (auto const& m : corpus)
            if (name.size() > m.name.size() && name.compare(name.size() - m.name.size(), m.name.size(), m.name) == 0) bytes = m.bytes.size();
        if (auto b = built_bytes.find(name); b != built_bytes.end()) bytes = b->second;
        auto const mm_found = bench::memory_manager_allocs.find(name);
        double const mm = mm_found == bench::memory_manager_allocs.end() ? -1 : mm_found->second;
        std::printf("| %s | %s | %s | %s | %s | %s | %s |\n", name.c_str(), bytes ? std::to_string(bytes).c_str() : "-",
                    bench::fixed(f.ns, 0).c_str(), bench::fixed(f.bytes_per_s / 1e6, 0).c_str(),
                    bench::fixed(f.items_per_s, 0).c_str(), f.allocs < 0 ? "-" : bench::fixed(f.allocs, f.allocs == static_cast<double>(static_cast<long long>(f.allocs)) ? 0 : 2).c_str(),
                    mm < 0 ? "-" : bench::fixed(mm, mm == static_cast<double>(static_cast<long long>(mm)) ? 0 : 2).c_str());
    }
    // Time per byte of the pathological shapes as they grow: flat means linear.
    std::printf("\n| pathological shape | ns/byte at 64 KB | 256 KB | 1 MB |\n|---|---:|---:|---:|\n");
    for (auto shape : pathological::all_shapes) {
        std::string row = std::string("| ") + pathological::name(shape);
        for (std::size_t size : {std::size_t{1} << 16, std::size_t{1} << 18, std::size_t{1} << 20}) {
            std::string const name = std::string("pathological/") + pathological::name(shape) + "/" + std::to_string(size);
            auto found = reporter.results().find(name);
            row += " | " + (found == reporter.results().end() || found->second.bytes_per_s <= 0 ? std::string("-")
                                                                                               : bench::fixed(1e9 / found->second.bytes_per_s, 2));
        }
        std::printf("%s |\n", row.c_str());
    }
    return 0;
}
