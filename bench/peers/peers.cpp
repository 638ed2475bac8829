// The bench corpus through sipwire and through the peer parsers that are installed
// (libosip2, sofia-sip, libre, belle-sip), in one run. Each does a full parse with its normal public
// API and extracts the same fields: method (or reason), Request-URI host, Call-ID, CSeq
// number, top Via branch, From tag, To tag, body length. A memchr line scan is the physical
// bound. The run ends with a markdown table of medians.
//
// Then building, with each library's own objects, into a caller's buffer:
//   build_response/<impl>  the 180 to the INVITE of examples/flows/07 (3 Vias, 2 Record-Routes),
//                          parsed beforehand
//   build_forward/<impl>   examples/flows/05 as proxy B forwards it: parse, add Via, decrement
//                          Max-Forwards, add Record-Route, set the Request-URI, serialise
// Every output is read back with sipwire and checked against the RFC 3261 §8.2.6 fields and
// against examples/flows/07 before anything is timed; a second table follows.
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

// ---- building --------------------------------------------------------------------------

struct builder_impl {
    char const* name;
    void* (*prepare)(std::string const&);
    void (*release)(void*);
    std::size_t (*response)(void*, int, char const*, char*, std::size_t);
    std::size_t (*forward)(std::string const&, char*, std::size_t);
};

char const* const to_tag = "a6c85cf";

std::size_t sipwire_response(void* p, int status, char const* tag, char* out, std::size_t cap) {
    sipwire::span_sink sink(out, cap);
    sipwire::response_options o;
    o.to_tag = tag;
    auto r = sipwire::make_response(*static_cast<sipwire::parsed_message<64>*>(p), status, sink, o);
    return r ? *r : 0;
}

std::size_t sipwire_forward(std::string const& request, char* out, std::size_t cap) {
    using namespace sipwire;
    static thread_local parsed_message<64> m;
    if (!m.parse(request)) return 0;
    proxy_edits<> e(m);
    if (!e.add_via({"UDP", "proxy.sipB.com", 5060, "z9hG4bK721e4.1"}) || !e.decrement_max_forwards() ||
        !e.add_record_route("sip:proxy.sipB.com;lr") || !e.set_request_uri(forward_target))
        return 0;
    span_sink sink(out, cap);
    auto r = e.apply(sink);
    return r ? *r : 0;
}

std::vector<builder_impl> builders() {
    std::vector<builder_impl> v{{"sipwire",
                                 [](std::string const& b) -> void* {
                                     auto* m = new sipwire::parsed_message<64>;
                                     if (m->parse(b)) return m;
                                     delete m;
                                     return nullptr;
                                 },
                                 [](void* p) { delete static_cast<sipwire::parsed_message<64>*>(p); }, sipwire_response,
                                 sipwire_forward}};
#if defined(SIPWIRE_BENCH_OSIP2)
    v.push_back({"osip2", osip2_prepare, osip2_release, osip2_response, osip2_forward});
#endif
#if defined(SIPWIRE_BENCH_SOFIA)
    v.push_back({"sofia-sip", sofia_prepare, sofia_release, sofia_response, sofia_forward});
#endif
    return v;
}

// What every library's output must say, read back with sipwire. Empty when it does.
std::string check_response(std::string_view out, sipwire::message_view const& req) {
    using namespace sipwire;
    parsed_message<64> r;
    if (auto e = r.parse(out); !e) return "does not parse: " + std::string(to_string(e.error().code));
    if (!validate_message(r)) return "does not validate";
    if (r.status() != 180) return "status " + std::to_string(r.status());
    std::vector<std::string> a, b;
    for (auto const& v : parse_all<headers::via>(r)) a.push_back(v ? std::string(v->branch.value_or("")) : "?");
    for (auto const& v : parse_all<headers::via>(req)) b.push_back(v ? std::string(v->branch.value_or("")) : "?");
    if (a != b || a.size() != 3) return "Via branches differ";
    std::vector<std::string> rr_r, rr_q;  // a 180 to an INVITE carries the Record-Routes (§12.1.1)
    for (auto const& v : parse_all<headers::record_route>(r)) rr_r.push_back(v ? std::string(v->uri.text) : "?");
    for (auto const& v : parse_all<headers::record_route>(req)) rr_q.push_back(v ? std::string(v->uri.text) : "?");
    if (rr_r != rr_q || rr_r.size() != 2) return "Record-Route differs";
    auto const to = parse_name_addr(r.to());
    if (!to || to->tag != std::optional<std::string_view>(to_tag)) return "To tag";
    if (parse_name_addr(r.from())->tag != parse_name_addr(req.from())->tag) return "From tag";
    if (r.call_id() != req.call_id() || r.cseq() != req.cseq() || r.cseq_method() != req.cseq_method()) return "Call-ID or CSeq";
    if (r.content_length() != std::optional<std::uint32_t>(0)) return "Content-Length";
    return {};
}

std::string check_forward(std::string_view out, sipwire::message_view const& expected) {
    using namespace sipwire;
    parsed_message<64> f;
    if (auto e = f.parse(out); !e) return "does not parse: " + std::string(to_string(e.error().code));
    if (!validate_message(f)) return "does not validate";
    if (f.request_uri() != expected.request_uri()) return "Request-URI " + std::string(f.request_uri());
    if (f.max_forwards() != expected.max_forwards()) return "Max-Forwards";
    auto branches = [](message_view const& m) {
        std::vector<std::string> v;
        for (auto const& x : parse_all<headers::via>(m)) v.push_back(x ? std::string(x->branch.value_or("")) : "?");
        return v;
    };
    if (branches(f) != branches(expected)) return "Via branches differ";
    auto rr = [](message_view const& m) {
        std::vector<std::string> v;
        for (auto const& x : parse_all<headers::record_route>(m)) v.push_back(x ? std::string(x->uri.text) : "?");
        return v;
    };
    if (rr(f) != rr(expected)) return "Record-Route differs";
    if (f.call_id() != expected.call_id() || f.cseq() != expected.cseq() || f.body() != expected.body()) return "Call-ID, CSeq or body";
    return {};
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
#if defined(SIPWIRE_BENCH_BELLE)
    v.push_back({"belle-sip", with_belle});
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
#if defined(SIPWIRE_BENCH_BELLE)
    belle_init();
#endif
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

    // Building: every library's output must read back right before it is timed.
    static std::string const inbound = bench::read(std::string(SIPWIRE_BENCH_FLOWS) + "/05-proxyA-proxyB-INVITE.sip");
    static std::string const invite = bench::read(std::string(SIPWIRE_BENCH_FLOWS) + "/07-proxyB-userB-INVITE.sip");
    static auto const build_impls = builders();
    static std::vector<void*> prepared;
    sipwire::parsed_message<64> invite_m;
    if (!invite_m.parse(invite) || !sipwire::parsed_message<64>().parse(inbound)) {
        std::fprintf(stderr, "examples/flows 05 or 07 missing or not parsed\n");
        return 1;
    }
    for (auto const& i : build_impls) {
        void* p = i.prepare(invite);
        prepared.push_back(p);
        char out[4096];
        std::string const r = p ? std::string(out, i.response(p, 180, to_tag, out, sizeof out)) : std::string();
        std::string const f = std::string(out, i.forward(inbound, out, sizeof out));
        std::string const why_r = r.empty() ? "nothing built" : check_response(r, invite_m);
        std::string const why_f = f.empty() ? "nothing built" : check_forward(f, invite_m);
        if (!why_r.empty()) std::fprintf(stderr, "%s response: %s\n%s\n", i.name, why_r.c_str(), r.c_str()), ++disagreements;
        if (!why_f.empty()) std::fprintf(stderr, "%s forward: %s\n%s\n", i.name, why_f.c_str(), f.c_str()), ++disagreements;
    }
    if (disagreements) {
        std::fprintf(stderr, "%d builders do not produce the expected message: not benchmarking\n", disagreements);
        return 1;
    }
    for (std::size_t k = 0; k < build_impls.size(); ++k) {
        auto const* i = &build_impls[k];
        void* p = prepared[k];
        benchmark::RegisterBenchmark((std::string("build_response/") + i->name).c_str(), [i, p](benchmark::State& st) {
            char out[4096];
            bench::counted_loop(st, invite.size(), [&] {
                std::size_t n = i->response(p, 180, to_tag, out, sizeof out);
                benchmark::DoNotOptimize(n);
                benchmark::ClobberMemory();
            });
        });
        benchmark::RegisterBenchmark((std::string("build_forward/") + i->name).c_str(), [i](benchmark::State& st) {
            char out[4096];
            bench::counted_loop(st, inbound.size(), [&] {
                std::size_t n = i->forward(inbound, out, sizeof out);
                benchmark::DoNotOptimize(n);
                benchmark::ClobberMemory();
            });
        });
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

    // The building table: ns and messages/s per build (allocations per build), then the ratio.
    std::printf("\n| build | impl | ns/msg | msgs/s | allocs/msg | sipwire faster by |\n|---|---|---:|---:|---:|---:|\n");
    for (char const* what : {"build_response", "build_forward"}) {
        auto const ours = res.find(std::string(what) + "/sipwire");
        for (auto const& i : build_impls) {
            auto const it = res.find(std::string(what) + "/" + i.name);
            if (it == res.end()) continue;
            auto const& f = it->second;
            std::string const ratio = (ours != res.end() && std::string(i.name) != "sipwire") ? bench::fixed(f.ns / ours->second.ns, 1) + "×" : "-";
            std::printf("| %s | %s | %s | %s | %s | %s |\n", what, i.name, bench::fixed(f.ns, 0).c_str(), bench::fixed(1e9 / f.ns, 0).c_str(),
                        f.allocs < 0 ? "?" : bench::fixed(f.allocs, 1).c_str(), ratio.c_str());
        }
    }
    for (std::size_t k = 0; k < build_impls.size(); ++k)
        if (prepared[k]) build_impls[k].release(prepared[k]);
    return 0;
}
