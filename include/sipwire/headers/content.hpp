// sipwire — Content-Type (RFC 3261 §20.15), Content-Disposition (§20.11),
// Content-Encoding (§20.12). Content-Length is in max_forwards.hpp with the other numbers.
#ifndef SIPWIRE_HEADERS_CONTENT_HPP
#define SIPWIRE_HEADERS_CONTENT_HPP

#include <sipwire/detail/ci.hpp>
#include <sipwire/headers/params.hpp>

#include <optional>
#include <string_view>

namespace sipwire {

struct media_type_view {
    std::string_view type;     // "application" (compare with iequals)
    std::string_view subtype;  // "sdp"
    std::string_view params;   // ";..." as written
    param_range parameters() const noexcept { return param_range(params, ';'); }
    std::optional<param_view> param(std::string_view name) const noexcept { return parameters().find(name); }
    bool is(std::string_view t, std::string_view s) const noexcept { return iequals(type, t) && iequals(subtype, s); }
};

struct disposition_view {
    std::string_view type;    // "session", "render", "icon", "alert" or an extension token
    std::string_view params;  // ";handling=optional..." as written
    param_range parameters() const noexcept { return param_range(params, ';'); }
    std::optional<param_view> param(std::string_view name) const noexcept { return parameters().find(name); }
};

namespace headers {
// Content-Type = ( "Content-Type" / "c" ) HCOLON media-type
struct content_type {
    using value_type = media_type_view;
    static constexpr field id = field::content_type;
};
// Content-Disposition = "Content-Disposition" HCOLON disp-type *( SEMI disp-param )
struct content_disposition {
    using value_type = disposition_view;
    static constexpr field id = field::content_disposition;
};
// Content-Encoding = ( "Content-Encoding" / "e" ) HCOLON content-coding *(COMMA content-coding); one coding
struct content_encoding {
    using value_type = std::string_view;
    static constexpr field id = field::content_encoding;
};
}  // namespace headers
}  // namespace sipwire

#endif
