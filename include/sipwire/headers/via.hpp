// sipwire — Via (RFC 3261 §20.42, RFC 3581 rport). One via_view per comma-separated value.
#ifndef SIPWIRE_HEADERS_VIA_HPP
#define SIPWIRE_HEADERS_VIA_HPP

#include <sipwire/config.hpp>
#include <sipwire/headers/params.hpp>
#include <sipwire/uri.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace sipwire {

// The RFC 3261 branch prefix that marks a transaction id built by RFC 3261 rules (§8.1.1.7).
inline constexpr std::string_view magic_cookie = "z9hG4bK";

struct via_view {
    std::string_view protocol_name;     // "SIP"
    std::string_view protocol_version;  // "2.0"
    std::string_view transport;         // "UDP", "TCP", "TLS", "SCTP", "WS", "WSS" or an extension token
    std::string_view sent_by;           // host [":" port] as written
    std::string_view host;              // as written; IPv6 keeps its brackets
    host_type host_kind = host_type::none;
    std::optional<std::uint16_t> port;
    std::string_view params;            // ";..." as written, with the leading ';'
    std::optional<std::string_view> branch;
    std::optional<std::string_view> received;  // IPv4 or IPv6, with or without brackets (RFC 5118 §4.5)
    std::optional<std::string_view> maddr;
    std::optional<std::uint8_t> ttl;
    bool rport = false;                        // rport present (RFC 3581)
    std::optional<std::uint16_t> rport_value;  // rport=N
    lenient defects = lenient::none;           // tolerated defects (see parse_options)

    // True when the branch starts with "z9hG4bK" and carries an id after it (RFC 3261 §17.2.3).
    bool has_magic_cookie() const noexcept {
        return branch && branch->size() > magic_cookie.size() && branch->substr(0, magic_cookie.size()) == magic_cookie;
    }
    param_range parameters() const noexcept { return param_range(params, ';'); }
    std::optional<param_view> param(std::string_view name) const noexcept { return parameters().find(name); }
};

namespace headers {
// Via  =  ( "Via" / "v" ) HCOLON via-parm *(COMMA via-parm); parse one via-parm.
struct via {
    using value_type = via_view;
    static constexpr field id = field::via;
};
}  // namespace headers
}  // namespace sipwire

#endif
