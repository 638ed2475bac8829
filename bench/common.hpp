// Shared by the benchmarks: the bench corpus, and an allocation counter that sees every
// heap allocation of the process (malloc is interposed, so C libraries are counted too),
// reported by Google Benchmark as allocs_per_iter.
#ifndef SIPWIRE_BENCH_COMMON_HPP
#define SIPWIRE_BENCH_COMMON_HPP

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bench {

inline std::atomic<std::int64_t> allocations{0};
// For the MemoryManager below: the benchmark running, the iterations of its last loop, and
// the allocations per iteration it measured, per benchmark.
inline std::string current_benchmark;
inline std::int64_t last_iterations = 0;
inline std::map<std::string, double> memory_manager_allocs;  // allocations per iteration
inline std::atomic<bool> counting{false};

struct message {
    std::string name;
    std::string bytes;
};

inline std::string read(std::string const& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Every *.sip file of a folder, sorted by name.
inline std::vector<message> load(std::string const& dir) {
    std::vector<message> out;
    for (auto const& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() != ".sip") continue;
        std::ifstream f(e.path(), std::ios::binary);
        std::ostringstream ss;
        ss << f.rdbuf();
        out.push_back({e.path().stem().string(), ss.str()});
    }
    std::sort(out.begin(), out.end(), [](message const& a, message const& b) { return a.name < b.name; });
    return out;
}

// Runs the timed loop with the allocation counter on and reports allocations per message
// as the counter "allocs". The counter is off outside the loop body, so the framework's
// own allocations never count (a MemoryManager fed by a process-wide counter saw one per
// iteration even for a memchr loop, in Google Benchmark 1.7).
template <class F>
void counted_loop(benchmark::State& st, std::size_t bytes, F&& body) {
    std::int64_t const before = allocations.load();
    counting = true;
    for (auto _ : st) body();
    counting = false;
    std::int64_t const after = allocations.load();
    last_iterations = static_cast<std::int64_t>(st.iterations());
    st.counters["allocs"] = benchmark::Counter(static_cast<double>(after - before) / static_cast<double>(st.iterations()));
    st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * bytes));
    st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations()));
}

// Google Benchmark's MemoryManager, fed by the same counter: it sees the allocations of
// counted_loop bodies during the extra run Google Benchmark makes for it. Reports that keep
// only aggregates drop its figure, so it is also kept here, per benchmark (the registration
// wrapper sets current_benchmark; counted_loop sets last_iterations).
class memory_manager : public benchmark::MemoryManager {
public:
    void Start() override {
        last_iterations = 0;
        start_ = allocations.load();
    }
    void Stop(Result& r) override {
        r.num_allocs = allocations.load() - start_;
        if (last_iterations > 0) memory_manager_allocs[current_benchmark] = static_cast<double>(r.num_allocs) / static_cast<double>(last_iterations);
    }
    void Stop(Result* r) override { Stop(*r); }

private:
    std::int64_t start_ = 0;
};

// The physical bound: find every line end and the empty line, nothing else.
inline std::size_t line_scan(std::string_view m) {
    char const* p = m.data();
    char const* const end = p + m.size();
    std::size_t lines = 0;
    while (p < end) {
        char const* nl = static_cast<char const*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (!nl) break;
        ++lines;
        if (nl - p <= 1) return static_cast<std::size_t>(nl + 1 - m.data());  // "\r\n" alone: end of headers
        p = nl + 1;
    }
    return lines;
}

// Console output as usual, plus the medians (or the single run's figures) collected for a
// markdown table printed at the end.
class table_reporter : public benchmark::ConsoleReporter {
public:
    struct figures {
        double ns = 0;            // per message
        double bytes_per_s = 0;
        double items_per_s = 0;
        double allocs = -1;       // per message; -1 when not measured
    };

    bool ReportContext(Context const& c) override { return ConsoleReporter::ReportContext(c); }
    void ReportRuns(std::vector<Run> const& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (Run const& r : runs) {
            if (r.error_occurred) continue;
            std::string name = r.run_name.function_name;
            bool const median = r.run_type == Run::RT_Aggregate && r.aggregate_name == "median";
            bool const single = r.run_type == Run::RT_Iteration && r.repetitions <= 1;
            if (!median && !single) continue;
            figures& f = results_[name];
            f.ns = r.GetAdjustedCPUTime() * scale(r.time_unit);
            auto get = [&](char const* k) {
                auto it = r.counters.find(k);
                return it == r.counters.end() ? 0.0 : static_cast<double>(it->second);
            };
            f.bytes_per_s = get("bytes_per_second");
            f.items_per_s = get("items_per_second");
            f.allocs = r.counters.count("allocs") ? get("allocs") : -1;
            if (std::find(order_.begin(), order_.end(), name) == order_.end()) order_.push_back(name);
        }
    }
    std::map<std::string, figures> const& results() const { return results_; }
    std::vector<std::string> const& order() const { return order_; }

private:
    static double scale(benchmark::TimeUnit u) {
        switch (u) {
            case benchmark::kSecond: return 1e9;
            case benchmark::kMillisecond: return 1e6;
            case benchmark::kMicrosecond: return 1e3;
            default: return 1;
        }
    }
    std::map<std::string, figures> results_;
    std::vector<std::string> order_;
};

inline std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace bench

// Interposed allocator: glibc's own entry points do the work.
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);
void __libc_free(void*);
}
#define SIPWIRE_BENCH_DEFINE_ALLOC_HOOKS                                                                      \
    extern "C" {                                                                                             \
    void* malloc(std::size_t n) {                                                                            \
        if (bench::counting.load(std::memory_order_relaxed)) ++bench::allocations;                           \
        return __libc_malloc(n);                                                                             \
    }                                                                                                        \
    void* calloc(std::size_t n, std::size_t s) {                                                             \
        if (bench::counting.load(std::memory_order_relaxed)) ++bench::allocations;                           \
        return __libc_calloc(n, s);                                                                          \
    }                                                                                                        \
    void* realloc(void* p, std::size_t n) {                                                                  \
        if (bench::counting.load(std::memory_order_relaxed)) ++bench::allocations;                           \
        return __libc_realloc(p, n);                                                                         \
    }                                                                                                        \
    void* memalign(std::size_t a, std::size_t n) {                                                           \
        if (bench::counting.load(std::memory_order_relaxed)) ++bench::allocations;                           \
        return __libc_memalign(a, n);                                                                        \
    }                                                                                                        \
    int posix_memalign(void** out, std::size_t a, std::size_t n) {                                           \
        *out = memalign(a, n);                                                                               \
        return *out ? 0 : 12;                                                                                \
    }                                                                                                        \
    void* aligned_alloc(std::size_t a, std::size_t n) { return memalign(a, n); }                             \
    void free(void* p) { __libc_free(p); }                                                                   \
    }

#endif
