// sipwire — name-addr / addr-spec headers: From, To (RFC 3261 §20.20, §20.39), Contact
// (§20.10), Route (§20.34), Record-Route (§20.30), and the like (Reply-To, P-Asserted-Identity...).
#ifndef SIPWIRE_HEADERS_NAME_ADDR_HPP
#define SIPWIRE_HEADERS_NAME_ADDR_HPP

#include <sipwire/config.hpp>
#include <sipwire/headers/params.hpp>
#include <sipwire/uri.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace sipwire {

struct name_addr_view {
    // Display name as written: the content of the quotes (escapes kept, resolve them with
    // unquote()) when display_quoted, else the token sequence. Absent when there is none.
    std::optional<std::string_view> display_name;
    uri_view uri;
    std::string_view params;       // header parameters ";..." as written, with the leading ';'
    std::optional<std::string_view> tag;        // tag=... (From, To)
    std::optional<std::string_view> q;          // q=... (Contact), as written
    std::optional<std::uint32_t> expires;       // expires=... (Contact)
    lenient defects = lenient::none;
    bool display_quoted = false;
    bool bracketed = false;        // name-addr form (<uri>); false for the addr-spec form
    bool is_star = false;          // Contact: *

    param_range parameters() const noexcept { return param_range(params, ';'); }
    std::optional<param_view> param(std::string_view name) const noexcept { return parameters().find(name); }
};

namespace headers {
// From = ( "From" / "f" ) HCOLON from-spec ; from-spec = ( name-addr / addr-spec ) *( SEMI from-param )
struct from {
    using value_type = name_addr_view;
    static constexpr field id = field::from;
};
// To = ( "To" / "t" ) HCOLON ( name-addr / addr-spec ) *( SEMI to-param )
struct to {
    using value_type = name_addr_view;
    static constexpr field id = field::to;
};
// Contact = ("Contact" / "m" ) HCOLON ( STAR / (contact-param *(COMMA contact-param))); one contact-param or STAR
struct contact {
    using value_type = name_addr_view;
    static constexpr field id = field::contact;
};
// Route = "Route" HCOLON route-param *(COMMA route-param) ; route-param = name-addr *( SEMI rr-param )
struct route {
    using value_type = name_addr_view;
    static constexpr field id = field::route;
};
// Record-Route = "Record-Route" HCOLON rec-route *(COMMA rec-route) ; rec-route = name-addr *( SEMI rr-param )
struct record_route {
    using value_type = name_addr_view;
    static constexpr field id = field::record_route;
};
}  // namespace headers
}  // namespace sipwire

#endif
