// sipwire — ASCII case-insensitive comparison. Locale never matters to SIP tokens.
#ifndef SIPWIRE_DETAIL_CI_HPP
#define SIPWIRE_DETAIL_CI_HPP

#include <sipwire/detail/chars.hpp>

#include <string_view>

namespace sipwire::detail {

constexpr bool ci_equal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

// True when `s` starts with `prefix`, ignoring ASCII case.
constexpr bool ci_starts_with(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && ci_equal(s.substr(0, prefix.size()), prefix);
}

}  // namespace sipwire::detail

namespace sipwire {
// Public spelling: compare two tokens the way SIP compares header names, parameter names and schemes.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept { return detail::ci_equal(a, b); }
}  // namespace sipwire

#endif
