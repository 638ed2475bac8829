// sipwire's own throughput, per message of the bench corpus (bench/messages):
//   line_scan   memchr over the line ends: the physical bound
//   stage1      parse_message: start line, header table, hot metadata, body
//   stage1_hot  stage 1 plus the typed top Via, From, To (with tags), CSeq and Call-ID
//   validate    stage 1 plus validate_message (every header this library has a grammar for)
//   via, name_addr, uri  one typed value alone
// Throughput is reported as bytes_per_second (MB/s) and items_per_second (messages/s),
// heap allocations per message as the counter "allocs".
#include "common.hpp"

#include <sipwire/sipwire.hpp>

#include <functional>
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

void add(std::string const& name, std::function<void(benchmark::State&)> fn) {
    registered.push_back(name);
    benchmark::RegisterBenchmark(name.c_str(), [fn](benchmark::State& st) { fn(st); });
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
}

}  // namespace

int main(int argc, char** argv) {
    static auto const corpus = bench::load(SIPWIRE_BENCH_MESSAGES);
    register_all(corpus);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    bench::table_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();

    // The markdown table: one row per benchmark, medians when repetitions were asked for.
    std::printf("\n| benchmark | bytes | ns/msg | MB/s | msgs/s | allocs/msg |\n|---|---:|---:|---:|---:|---:|\n");
    for (auto const& name : registered) {
        auto found = reporter.results().find(name);
        if (found == reporter.results().end()) continue;
        auto const& f = found->second;
        std::size_t bytes = 0;
        for (auto const& m : corpus)
            if (name.size() > m.name.size() && name.compare(name.size() - m.name.size(), m.name.size(), m.name) == 0) bytes = m.bytes.size();
        std::printf("| %s | %s | %s | %s | %s | %s |\n", name.c_str(), bytes ? std::to_string(bytes).c_str() : "-",
                    bench::fixed(f.ns, 0).c_str(), bench::fixed(f.bytes_per_s / 1e6, 0).c_str(),
                    bench::fixed(f.items_per_s, 0).c_str(), f.allocs < 0 ? "-" : bench::fixed(f.allocs, 0).c_str());
    }
    return 0;
}
