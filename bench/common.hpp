// Shared by the benchmarks: the bench corpus, and an allocation counter that sees every
// heap allocation of the process (malloc is interposed, so C libraries are counted too),
// reported by Google Benchmark as allocs_per_iter.
#ifndef SIPWIRE_BENCH_COMMON_HPP
#define SIPWIRE_BENCH_COMMON_HPP

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bench {

inline std::atomic<std::int64_t> allocations{0};
inline std::atomic<bool> counting{false};

struct message {
    std::string name;
    std::string bytes;
};

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

class counting_memory_manager : public benchmark::MemoryManager {
public:
    void Start() override {
        allocations = 0;
        counting = true;
    }
    void Stop(Result* r) override {
        counting = false;
        r->num_allocs = allocations.load();
        r->max_bytes_used = 0;
    }
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
