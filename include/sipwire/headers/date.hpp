// sipwire — Date (RFC 3261 §20.17): an RFC 1123 date, always in GMT.
#ifndef SIPWIRE_HEADERS_DATE_HPP
#define SIPWIRE_HEADERS_DATE_HPP

#include <sipwire/config.hpp>
#include <sipwire/field.hpp>

#include <cstdint>
#include <string_view>

namespace sipwire {

struct date_view {
    std::string_view weekday;  // "Sat"
    std::uint8_t day = 0;      // 1-31
    std::uint8_t month = 0;    // 1-12
    std::uint16_t year = 0;
    std::uint8_t hour = 0, minute = 0, second = 0;
    std::string_view zone;     // "GMT" (another zone only when lenient::non_gmt_date allowed it)
    lenient defects = lenient::none;
};

namespace headers {
// Date = "Date" HCOLON SIP-date ; SIP-date = rfc1123-date
struct date {
    using value_type = date_view;
    static constexpr field id = field::date;
};
}  // namespace headers
}  // namespace sipwire

#endif
