// sipwire — X3 grammar for Date (RFC 3261 §20.17, RFC 2616 §3.3.1 rfc1123-date).
#ifndef SIPWIRE_DETAIL_GRAMMAR_DATE_HPP
#define SIPWIRE_DETAIL_GRAMMAR_DATE_HPP

#include <sipwire/detail/grammar/common.hpp>
#include <sipwire/headers/date.hpp>

namespace sipwire::detail::grammar {

// Exactly N digits as a number.
template <int N>
struct fixed_digits_parser : x3::parser<fixed_digits_parser<N>> {
    using attribute_type = unsigned;
    static bool const has_attribute = true;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const noexcept {
        if (last - first < N) return false;
        unsigned v = 0;
        for (int i = 0; i < N; ++i) {
            if (!ascii_digit(static_cast<unsigned char>(first[i]))) return false;
            v = v * 10 + static_cast<unsigned>(first[i] - '0');
        }
        if constexpr (!is_unused_v<Attr>) attr = v;
        first += N;
        touch(ctx, first);
        return true;
    }
};
template <int N>
inline constexpr fixed_digits_parser<N> fixed_digits{};

// One of a list of three-letter names (case-insensitive); yields its 1-based index.
struct name3_parser : x3::parser<name3_parser> {
    using attribute_type = unsigned;
    static bool const has_attribute = true;
    std::string_view names;  // concatenated three-letter names
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const noexcept {
        if (last - first < 3) return false;
        for (std::size_t i = 0; i + 3 <= names.size(); i += 3) {
            if (ci_equal(std::string_view(first, 3), names.substr(i, 3))) {
                if constexpr (!is_unused_v<Attr>) attr = static_cast<unsigned>(i / 3 + 1);
                first += 3;
                touch(ctx, first);
                return true;
            }
        }
        return false;
    }
};
// wkday  =  "Mon" / "Tue" / "Wed" / "Thu" / "Fri" / "Sat" / "Sun"   (RFC 3261 §25.1)
inline constexpr name3_parser wkday{{}, "MonTueWedThuFriSatSun"};
// month  =  "Jan" / "Feb" / "Mar" / "Apr" / "May" / "Jun" / "Jul" / "Aug" / "Sep" / "Oct" / "Nov" / "Dec"   (RFC 3261 §25.1)
inline constexpr name3_parser month{{}, "JanFebMarAprMayJunJulAugSepOctNovDec"};

inline auto const date_set_weekday = [](auto& ctx) { _val(ctx).weekday = _attr(ctx); };
inline auto const date_set_day = [](auto& ctx) {
    _val(ctx).day = static_cast<std::uint8_t>(_attr(ctx));
    _pass(ctx) = _attr(ctx) >= 1 && _attr(ctx) <= 31;
};
inline auto const date_set_month = [](auto& ctx) { _val(ctx).month = static_cast<std::uint8_t>(_attr(ctx)); };
inline auto const date_set_year = [](auto& ctx) { _val(ctx).year = static_cast<std::uint16_t>(_attr(ctx)); };
inline auto const date_set_hour = [](auto& ctx) {
    _val(ctx).hour = static_cast<std::uint8_t>(_attr(ctx));
    _pass(ctx) = _attr(ctx) <= 23;
};
inline auto const date_set_minute = [](auto& ctx) {
    _val(ctx).minute = static_cast<std::uint8_t>(_attr(ctx));
    _pass(ctx) = _attr(ctx) <= 59;
};
inline auto const date_set_second = [](auto& ctx) {
    _val(ctx).second = static_cast<std::uint8_t>(_attr(ctx));
    _pass(ctx) = _attr(ctx) <= 60;  // leap second
};
// Only "GMT" is valid (not UT, UTC or UCT); another zone is tolerated on request (RFC 4475 baddate).
inline auto const date_set_zone = [](auto& ctx) {
    std::string_view const z = _attr(ctx);
    _val(ctx).zone = z;
    _pass(ctx) = z == "GMT" || tolerate(ctx, lenient::non_gmt_date);
};

struct date_class;
// rfc1123-date  =  wkday "," SP date1 SP time SP "GMT"   (RFC 3261 §25.1)
// date1         =  2DIGIT SP month SP 4DIGIT   (RFC 3261 §25.1)
// time          =  2DIGIT ":" 2DIGIT ":" 2DIGIT   (RFC 3261 §25.1)
x3::rule<date_class, date_view> const date_value = "date";
inline auto const date_value_def = as_sv[wkday][date_set_weekday] >> lit(',') >> lit(' ') >> fixed_digits<2>[date_set_day] >>
                                   lit(' ') >> month[date_set_month] >> lit(' ') >> fixed_digits<4>[date_set_year] >>
                                   lit(' ') >> fixed_digits<2>[date_set_hour] >> lit(':') >> fixed_digits<2>[date_set_minute] >>
                                   lit(':') >> fixed_digits<2>[date_set_second] >> lit(' ') >> run<cc_alpha>[date_set_zone];

BOOST_SPIRIT_DEFINE(date_value)

}  // namespace sipwire::detail::grammar

#endif
