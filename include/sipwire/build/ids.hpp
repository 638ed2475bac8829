// sipwire — identifiers: Via branches (RFC 3261 §8.1.1.7), tags (§19.3) and Call-IDs (§8.1.1.4),
// from a random generator the caller supplies (the library has no clock and no entropy of
// its own), and a hash for identifiers that must come out the same for the same input.
#ifndef SIPWIRE_BUILD_IDS_HPP
#define SIPWIRE_BUILD_IDS_HPP

#include <cstddef>
#include <cstdint>
#include <random>
#include <string_view>

namespace sipwire {

// A short identifier held by value (no heap): up to 47 characters.
class id_text {
public:
    constexpr id_text() noexcept = default;
    constexpr std::string_view view() const noexcept { return {data_, size_}; }
    // Only a named id converts by itself: a view of a temporary dangles once the statement
    // ends (via_params v{..., make_branch(gen)} would keep one), so that does not compile.
    constexpr operator std::string_view() const& noexcept { return view(); }
    operator std::string_view() const&& = delete;
    constexpr std::size_t size() const noexcept { return size_; }
    constexpr void push(char c) noexcept {
        if (size_ < sizeof data_) data_[size_++] = c;
    }
    constexpr void push(std::string_view s) noexcept {
        for (char c : s) push(c);
    }

private:
    char data_[47] = {};
    std::uint8_t size_ = 0;
};

namespace detail {
inline constexpr char const base62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// 64 uniformly random bits from any UniformRandomBitGenerator.
template <class Gen>
std::uint64_t random64(Gen& gen) {
    std::uniform_int_distribution<std::uint64_t> d;
    return d(gen);
}

// Writes `bits` as 11 base-62 digits (62^11 > 2^64): token characters only.
constexpr void append_base62(id_text& out, std::uint64_t bits) noexcept {
    char digits[11] = {};
    for (char& d : digits) {
        d = base62[bits % 62];
        bits /= 62;
    }
    for (int i = 10; i >= 0; --i) out.push(digits[i]);
}

constexpr void append_hex(id_text& out, std::uint64_t bits) noexcept {
    for (int i = 60; i >= 0; i -= 4) out.push("0123456789abcdef"[(bits >> i) & 0xf]);
}
}  // namespace detail

// FNV-1a, 64 bits: a stable hash for identifiers derived from message contents.
class fnv1a {
public:
    constexpr fnv1a& add(std::string_view s) noexcept {
        for (char c : s) h_ = (h_ ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
        h_ = (h_ ^ 0xff) * 0x100000001b3ull;  // a separator, so ("ab","c") != ("a","bc")
        return *this;
    }
    constexpr fnv1a& add(std::uint64_t v) noexcept {
        for (int i = 0; i < 8; ++i) h_ = (h_ ^ ((v >> (8 * i)) & 0xff)) * 0x100000001b3ull;
        return *this;
    }
    constexpr std::uint64_t value() const noexcept { return h_; }

private:
    std::uint64_t h_ = 0xcbf29ce484222325ull;
};

// "z9hG4bK" and 64 random bits (RFC 3261 §8.1.1.7: unique across space and time).
template <class Gen>
id_text make_branch(Gen& gen) {
    id_text t;
    t.push("z9hG4bK");
    detail::append_base62(t, detail::random64(gen));
    return t;
}

// A tag with 64 random bits (RFC 3261 §19.3 asks for at least 32).
template <class Gen>
id_text make_tag(Gen& gen) {
    id_text t;
    detail::append_base62(t, detail::random64(gen));
    return t;
}

// A Call-ID with 128 random bits, "@host" appended when a host is given and fits.
template <class Gen>
id_text make_call_id(Gen& gen, std::string_view host = {}) {
    id_text t;
    detail::append_base62(t, detail::random64(gen));
    detail::append_base62(t, detail::random64(gen));
    if (!host.empty() && host.size() + 1 + t.size() <= 47) {
        t.push('@');
        t.push(host);
    }
    return t;
}

// "z9hG4bK" and a 64-bit hash: for identifiers that must be the same every time the same
// input comes back (the branch of a stateless proxy, RFC 3261 §16.11).
constexpr id_text branch_from_hash(std::uint64_t h) noexcept {
    id_text t;
    t.push("z9hG4bK");
    detail::append_hex(t, h);
    return t;
}

constexpr id_text tag_from_hash(std::uint64_t h) noexcept {
    id_text t;
    detail::append_hex(t, h);
    return t;
}

}  // namespace sipwire

#endif
