// The bench corpus through sipwire and through the peer parsers that are installed
// (libosip2, sofia-sip, libre), in one run. Each does a full parse with its normal public
// API and extracts the same fields: method (or reason), Request-URI host, Call-ID, CSeq
// number, top Via branch, From tag, To tag, body length. A memchr line scan is the physical
// bound. bench/peers/report.sh turns the JSON output into the README's table.
#include "../common.hpp"

#include <sipwire/sipwire.hpp>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "fields.hpp"

SIPWIRE_BENCH_DEFINE_ALLOC_HOOKS

namespace {

bool with_sipwire(std::string const& b, fields& f, std::string* snapshot = nullptr) {
    using namespace sipwire;
    static thread_local parsed_message<64> m;  // the caller's reusable message object
    if (!m.parse(b)) return false;
    auto via = parse_via(m.top_via());
    auto from = parse_name_addr(m.from());
    auto to = parse_name_addr(m.to());
    if (!via || !from || !to) return false;
    f.method = m.is_request() ? m.method_text() : m.reason();
    if (m.is_request()) {
        auto u = parse_uri(m.request_uri());
        if (!u) return false;
        f.host = u->host;
    }
    f.call_id = m.call_id();
    f.cseq = m.cseq();
    f.branch = via->branch.value_or(std::string_view{});
    f.from_tag = from->tag.value_or(std::string_view{});
    f.to_tag = to->tag.value_or(std::string_view{});
    f.body = m.body().size();
    if (snapshot) *snapshot = describe(f);
    return true;
}

struct impl {
    char const* name;
    std::function<bool(std::string const&, fields&, std::string*)> run;
};

std::vector<impl> impls() {
    std::vector<impl> v{{"sipwire", [](std::string const& b, fields& f, std::string* s) { return with_sipwire(b, f, s); }}};
#if defined(SIPWIRE_BENCH_OSIP2)
    v.push_back({"osip2", with_osip2});
#endif
#if defined(SIPWIRE_BENCH_SOFIA)
    v.push_back({"sofia-sip", with_sofia});
#endif
#if defined(SIPWIRE_BENCH_LIBRE)
    v.push_back({"libre", with_libre});
#endif
    return v;
}

}  // namespace

std::string describe(fields const& f) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.*s|%.*s|%.*s|%lu|%.*s|%.*s|%.*s|%zu", int(f.method.size()), f.method.data(), int(f.host.size()),
                  f.host.data(), int(f.call_id.size()), f.call_id.data(), f.cseq, int(f.branch.size()), f.branch.data(),
                  int(f.from_tag.size()), f.from_tag.data(), int(f.to_tag.size()), f.to_tag.data(), f.body);
    return buf;
}

int main(int argc, char** argv) {
    peers_init();
    static auto const corpus = bench::load(SIPWIRE_BENCH_MESSAGES);
    static auto const all = impls();
    // Every parser must accept every message and agree on the fields, or the comparison is void.
    int disagreements = 0;
    for (auto const& msg : corpus) {
        fields ref;
        std::string a0;
        if (!with_sipwire(msg.bytes, ref, &a0)) {
            std::fprintf(stderr, "sipwire rejects %s\n", msg.name.c_str());
            return 1;
        }
        for (auto const& i : all) {
            fields f;
            std::string b;
            bool const ok = i.run(msg.bytes, f, &b);
            if (!ok) b = "(rejected)";
            // osip2 splits Call-ID at '@': compare what it gives with the same prefix
            std::string a = a0;
            if (ok && std::string(i.name) == "osip2") {
                fields r2 = ref;
                r2.call_id = ref.call_id.substr(0, ref.call_id.find('@'));
                a = describe(r2);
            }
            if (a != b) {
                ++disagreements;
                std::fprintf(stderr, "%s/%s: %s\n  sipwire: %s\n", i.name, msg.name.c_str(), b.c_str(), a.c_str());
            }
        }
    }
    if (disagreements) {
        std::fprintf(stderr, "%d field disagreements: not benchmarking\n", disagreements);
        return 1;
    }

    for (auto const& msg : corpus) {
        std::string const& b = msg.bytes;
        benchmark::RegisterBenchmark(("line_scan/" + msg.name).c_str(), [&b](benchmark::State& st) {
            bench::counted_loop(st, b.size(), [&] { benchmark::DoNotOptimize(bench::line_scan(b)); });
        });
        for (auto const& i : all) {
            auto const* run = &i.run;
            benchmark::RegisterBenchmark((std::string(i.name) + "/" + msg.name).c_str(), [&b, run](benchmark::State& st) {
                fields f;
                bench::counted_loop(st, b.size(), [&] {
                    bool ok = (*run)(b, f, nullptr);
                    benchmark::DoNotOptimize(ok);
                    benchmark::DoNotOptimize(f);
                });
            });
        }
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    bench::table_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();

    // The comparison table: ns per message (allocations per message), then how many times
    // faster sipwire is than the fastest peer, and how many times the line scan it takes.
    auto const& res = reporter.results();
    std::printf("\n| message | bytes | line scan |");
    for (auto const& i : all) std::printf(" %s |", i.name);
    std::printf(" sipwire vs fastest peer | sipwire / line scan |\n|---|---:|---:|");
    for (std::size_t k = 0; k < all.size(); ++k) std::printf("---:|");
    std::printf("---:|---:|\n");
    for (auto const& msg : corpus) {
        auto find = [&](std::string const& impl) -> bench::table_reporter::figures const* {
            auto it = res.find(impl + "/" + msg.name);
            return it == res.end() ? nullptr : &it->second;
        };
        auto const* line = find("line_scan");
        auto const* ours = find("sipwire");
        if (!line || !ours) continue;
        std::printf("| %s | %zu | %s ns |", msg.name.c_str(), msg.bytes.size(), bench::fixed(line->ns, 0).c_str());
        double fastest_peer = 0;
        std::string fastest_name;
        for (auto const& i : all) {
            auto const* f = find(i.name);
            if (!f) {
                std::printf(" - |");
                continue;
            }
            std::printf(" %s ns (%s allocs) |", bench::fixed(f->ns, 0).c_str(), f->allocs < 0 ? "?" : bench::fixed(f->allocs, 1).c_str());
            if (std::string(i.name) != "sipwire" && (fastest_peer == 0 || f->ns < fastest_peer)) {
                fastest_peer = f->ns;
                fastest_name = i.name;
            }
        }
        std::printf(" %s× (%s) | %s× |\n", fastest_peer > 0 ? bench::fixed(fastest_peer / ours->ns, 1).c_str() : "-",
                    fastest_name.c_str(), bench::fixed(ours->ns / line->ns, 1).c_str());
    }
    return 0;
}
