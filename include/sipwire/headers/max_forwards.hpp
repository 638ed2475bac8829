// sipwire — Max-Forwards (RFC 3261 §20.22) and other plain-number headers
// (Content-Length §20.14, Expires §20.19, Min-Expires §20.23). Parsed by hand.
#ifndef SIPWIRE_HEADERS_MAX_FORWARDS_HPP
#define SIPWIRE_HEADERS_MAX_FORWARDS_HPP

#include <sipwire/detail/scan.hpp>
#include <sipwire/error.hpp>

#include <cstdint>
#include <string_view>

namespace sipwire {

namespace headers {
// Max-Forwards  =  "Max-Forwards" HCOLON 1*DIGIT    — 0 to 255 (RFC 3261 §8.1.1.6)
struct max_forwards {
    using value_type = std::uint8_t;
    static constexpr field id = field::max_forwards;
};
// Content-Length  =  ( "Content-Length" / "l" ) HCOLON 1*DIGIT
struct content_length {
    using value_type = std::uint32_t;
    static constexpr field id = field::content_length;
};
// Expires  =  "Expires" HCOLON delta-seconds ; delta-seconds = 1*DIGIT, at most 2^32-1
struct expires {
    using value_type = std::uint32_t;
    static constexpr field id = field::expires;
};
// Min-Expires  =  "Min-Expires" HCOLON delta-seconds
struct min_expires {
    using value_type = std::uint32_t;
    static constexpr field id = field::min_expires;
};
}  // namespace headers

namespace detail {
// A header whose whole value is 1*DIGIT no larger than `max`. Offsets relative to `v`.
// `syntax` is the code for a non-digit, `range` the code for a value above `max`.
constexpr parse_error parse_number_value(std::string_view v, std::uint64_t max, errc syntax, errc range, field f,
                                         std::uint64_t& out) noexcept {
    std::size_t n = 0;
    while (n < v.size() && ascii_digit(static_cast<unsigned char>(v[n]))) ++n;
    if (n == 0 || n != v.size()) return {syntax, static_cast<std::uint32_t>(n), f};
    if (!parse_uint(v, max, out)) return {range, 0, f};
    return {};
}
}  // namespace detail
}  // namespace sipwire

#endif
