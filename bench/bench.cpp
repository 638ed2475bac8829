// sipwire's own throughput, per message of the bench corpus (bench/messages):
//   line_scan   memchr over the line ends: the physical bound
//   stage1      parse_message: start line, header table, hot metadata, body
//   stage1_hot  stage 1 plus the typed top Via, From, To (with tags), CSeq and Call-ID
//   validate    stage 1 plus validate_message (every header this library has a grammar for)
//   via, name_addr, uri  one typed value alone
// Throughput is reported as bytes_per_second (MB/s) and items_per_second (messages/s),
// heap allocations as allocs_per_iter.
#include "common.hpp"

#include <sipwire/sipwire.hpp>

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

void finish(benchmark::State& st, std::string const& bytes) {
    st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * bytes.size()));
    st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations()));
}

void register_all(std::vector<bench::message> const& corpus) {
    for (auto const& msg : corpus) {
        std::string const& b = msg.bytes;
        benchmark::RegisterBenchmark(("line_scan/" + msg.name).c_str(), [&b](benchmark::State& st) {
            for (auto _ : st) benchmark::DoNotOptimize(bench::line_scan(b));
            finish(st, b);
        });
        benchmark::RegisterBenchmark(("stage1/" + msg.name).c_str(), [&b](benchmark::State& st) {
            parsed_message<64> m;
            for (auto _ : st) {
                auto r = m.parse(b);
                benchmark::DoNotOptimize(r);
                benchmark::DoNotOptimize(m);
            }
            finish(st, b);
        });
        benchmark::RegisterBenchmark(("stage1_hot/" + msg.name).c_str(), [&b](benchmark::State& st) {
            parsed_message<64> m;
            hot h;
            for (auto _ : st) {
                bool ok = read_hot(b, m, h);
                benchmark::DoNotOptimize(ok);
                benchmark::DoNotOptimize(h);
            }
            if (!read_hot(b, m, h)) st.SkipWithError("message does not parse");
            finish(st, b);
        });
        benchmark::RegisterBenchmark(("validate/" + msg.name).c_str(), [&b](benchmark::State& st) {
            parsed_message<64> m;
            for (auto _ : st) {
                auto r = m.parse(b);
                validation v = validate_message(m);
                benchmark::DoNotOptimize(r);
                benchmark::DoNotOptimize(v);
            }
            (void)m.parse(b);
            if (!validate_message(m)) st.SkipWithError("message does not validate");
            finish(st, b);
        });
    }
    // one typed value alone (from the INVITE)
    static std::string const via = "SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101;rport=5060";
    static std::string const name_addr = "\"Alice Liddell\" <sip:alice@atlanta.example.com>;tag=9fxced76sl";
    static std::string const uri = "sip:alice@client.atlanta.example.com:5060;transport=udp";
    benchmark::RegisterBenchmark("typed/via", [](benchmark::State& st) {
        for (auto _ : st) benchmark::DoNotOptimize(parse_via(via));
        finish(st, via);
    });
    benchmark::RegisterBenchmark("typed/name_addr", [](benchmark::State& st) {
        for (auto _ : st) benchmark::DoNotOptimize(parse_name_addr(name_addr));
        finish(st, name_addr);
    });
    benchmark::RegisterBenchmark("typed/uri", [](benchmark::State& st) {
        for (auto _ : st) benchmark::DoNotOptimize(parse_uri(uri));
        finish(st, uri);
    });
}

}  // namespace

int main(int argc, char** argv) {
    static auto const corpus = bench::load(SIPWIRE_BENCH_MESSAGES);
    bench::counting_memory_manager mm;
    benchmark::RegisterMemoryManager(&mm);
    register_all(corpus);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::RegisterMemoryManager(nullptr);
    benchmark::Shutdown();
    return 0;
}
