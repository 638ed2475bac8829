// sipwire — header field identifiers. Stage 1 maps every header name (any case, long or
// compact form) to one `field` value once, so later lookups never compare names again.
#ifndef SIPWIRE_FIELD_HPP
#define SIPWIRE_FIELD_HPP

#include <sipwire/detail/ci.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace sipwire {

enum class field : std::uint8_t {
    other = 0,  // an extension header this library has no id for: look it up by name
    accept,
    accept_contact,
    accept_encoding,
    accept_language,
    alert_info,
    allow,
    allow_events,
    authentication_info,
    authorization,
    call_id,
    call_info,
    contact,
    content_disposition,
    content_encoding,
    content_language,
    content_length,
    content_type,
    cseq,
    date,
    error_info,
    event,
    expires,
    from,
    identity,
    identity_info,
    in_reply_to,
    max_forwards,
    mime_version,
    min_expires,
    min_se,
    organization,
    p_asserted_identity,
    p_preferred_identity,
    path,
    priority,
    privacy,
    proxy_authenticate,
    proxy_authorization,
    proxy_require,
    rack,
    reason,
    record_route,
    refer_to,
    referred_by,
    reject_contact,
    replaces,
    reply_to,
    request_disposition,
    require,
    retry_after,
    route,
    rseq,
    security_client,
    security_server,
    security_verify,
    server,
    service_route,
    session_expires,
    sip_etag,
    sip_if_match,
    subject,
    subscription_state,
    supported,
    timestamp,
    to,
    unsupported,
    user_agent,
    via,
    warning,
    www_authenticate,
    count_  // number of ids; not a field
};

namespace detail {

enum field_flags : std::uint8_t {
    ff_list = 1,    // value is a comma-separated list (RFC 3261 §7.3.1)
    ff_single = 2,  // at most one instance per message
};

struct field_info {
    std::string_view name;  // canonical spelling
    char compact;           // compact form, or 0
    std::uint8_t flags;
};

// Indexed by field. Names and compact forms: RFC 3261 §20, RFC 3262, 3265, 3311, 3313, 3323,
// 3325, 3326, 3329, 3515, 3841, 3891, 3892, 3903, 4028, 4474, 6665, 8224.
inline constexpr std::array<field_info, static_cast<std::size_t>(field::count_)> field_table{{
    {"", 0, 0},
    {"Accept", 0, ff_list},
    {"Accept-Contact", 'a', ff_list},
    {"Accept-Encoding", 0, ff_list},
    {"Accept-Language", 0, ff_list},
    {"Alert-Info", 0, ff_list},
    {"Allow", 0, ff_list},
    {"Allow-Events", 'u', ff_list},
    {"Authentication-Info", 0, 0},
    {"Authorization", 0, 0},
    {"Call-ID", 'i', ff_single},
    {"Call-Info", 0, ff_list},
    {"Contact", 'm', ff_list},
    {"Content-Disposition", 0, ff_single},
    {"Content-Encoding", 'e', ff_list},
    {"Content-Language", 0, ff_list},
    {"Content-Length", 'l', ff_single},
    {"Content-Type", 'c', ff_single},
    {"CSeq", 0, ff_single},
    {"Date", 0, ff_single},
    {"Error-Info", 0, ff_list},
    {"Event", 'o', ff_single},
    {"Expires", 0, ff_single},
    {"From", 'f', ff_single},
    {"Identity", 'y', ff_single},
    {"Identity-Info", 'n', ff_single},
    {"In-Reply-To", 0, ff_list},
    {"Max-Forwards", 0, ff_single},
    {"MIME-Version", 0, ff_single},
    {"Min-Expires", 0, ff_single},
    {"Min-SE", 0, ff_single},
    {"Organization", 0, ff_single},
    {"P-Asserted-Identity", 0, ff_list},
    {"P-Preferred-Identity", 0, ff_list},
    {"Path", 0, ff_list},
    {"Priority", 0, ff_single},
    {"Privacy", 0, 0},
    {"Proxy-Authenticate", 0, 0},
    {"Proxy-Authorization", 0, 0},
    {"Proxy-Require", 0, ff_list},
    {"RAck", 0, ff_single},
    {"Reason", 0, ff_list},
    {"Record-Route", 0, ff_list},
    {"Refer-To", 'r', ff_single},
    {"Referred-By", 'b', ff_single},
    {"Reject-Contact", 'j', ff_list},
    {"Replaces", 0, ff_single},
    {"Reply-To", 0, ff_single},
    {"Request-Disposition", 'd', ff_list},
    {"Require", 0, ff_list},
    {"Retry-After", 0, ff_single},
    {"Route", 0, ff_list},
    {"RSeq", 0, ff_single},
    {"Security-Client", 0, ff_list},
    {"Security-Server", 0, ff_list},
    {"Security-Verify", 0, ff_list},
    {"Server", 0, 0},
    {"Service-Route", 0, ff_list},
    {"Session-Expires", 'x', ff_single},
    {"SIP-ETag", 0, ff_single},
    {"SIP-If-Match", 0, ff_single},
    {"Subject", 's', ff_single},
    {"Subscription-State", 0, ff_single},
    {"Supported", 'k', ff_list},
    {"Timestamp", 0, ff_single},
    {"To", 't', ff_single},
    {"Unsupported", 0, ff_list},
    {"User-Agent", 0, 0},
    {"Via", 'v', ff_list},
    {"Warning", 0, ff_list},
    {"WWW-Authenticate", 0, 0},
}};

constexpr field_info const& info(field f) noexcept { return field_table[static_cast<std::size_t>(f)]; }

// compact form letter -> field, for the 26 lower-case letters
constexpr std::array<field, 26> make_compact_table() noexcept {
    std::array<field, 26> t{};
    for (std::size_t i = 1; i < field_table.size(); ++i)
        if (field_table[i].compact) t[static_cast<std::size_t>(field_table[i].compact - 'a')] = static_cast<field>(i);
    return t;
}
inline constexpr std::array<field, 26> compact_table = make_compact_table();

// Fields bucketed by name length, so a lookup compares only names of the right size.
inline constexpr std::size_t max_field_name = 20;
struct length_buckets {
    std::array<std::uint8_t, max_field_name + 2> start{};
    std::array<field, static_cast<std::size_t>(field::count_)> order{};
};
constexpr length_buckets make_length_buckets() noexcept {
    length_buckets b{};
    std::size_t n = 0;
    for (std::size_t len = 0; len <= max_field_name; ++len) {
        b.start[len] = static_cast<std::uint8_t>(n);
        for (std::size_t i = 1; i < field_table.size(); ++i)
            if (field_table[i].name.size() == len) b.order[n++] = static_cast<field>(i);
    }
    b.start[max_field_name + 1] = static_cast<std::uint8_t>(n);
    return b;
}
inline constexpr length_buckets buckets = make_length_buckets();

// Canonical names in lower case, for the comparison below.
using lower_name = std::array<char, max_field_name>;
constexpr std::array<lower_name, static_cast<std::size_t>(field::count_)> make_lower_names() noexcept {
    std::array<lower_name, static_cast<std::size_t>(field::count_)> t{};
    for (std::size_t i = 0; i < field_table.size(); ++i)
        for (std::size_t k = 0; k < field_table[i].name.size(); ++k) t[i][k] = to_lower(field_table[i].name[k]);
    return t;
}
inline constexpr auto lower_names = make_lower_names();

// `name` (token characters, as stage 1 guarantees) equals a lower-case canonical name of the
// same length, ignoring case. OR-ing 0x20 lowers letters and maps no other token character
// onto a letter or '-', the only characters of canonical names. Names of 4 bytes or more are
// compared as two overlapping words.
inline std::uint64_t load_word(char const* p, std::size_t n) noexcept {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    return w;
}
inline bool equals_lower(std::string_view name, lower_name const& lower) noexcept {
    std::size_t const n = name.size();
    if (n >= 8) {
        std::uint64_t const fold = 0x2020202020202020ull;
        if ((load_word(name.data(), 8) | fold) != load_word(lower.data(), 8)) return false;
        if ((load_word(name.data() + n - 8, 8) | fold) != load_word(lower.data() + n - 8, 8)) return false;
        return n <= 16 || (load_word(name.data() + 8, 8) | fold) == load_word(lower.data() + 8, 8);
    }
    if (n >= 4) {
        std::uint64_t const fold = 0x20202020ull;
        return (load_word(name.data(), 4) | fold) == load_word(lower.data(), 4) &&
               (load_word(name.data() + n - 4, 4) | fold) == load_word(lower.data() + n - 4, 4);
    }
    for (std::size_t i = 0; i < n; ++i)
        if (static_cast<char>(name[i] | 0x20) != lower[i]) return false;
    return true;
}

}  // namespace detail

// Canonical (long) name, e.g. "Call-ID". Empty for field::other.
constexpr std::string_view to_string(field f) noexcept { return detail::info(f).name; }
// Compact form letter in lower case, or 0 when the field has none.
constexpr char compact_form(field f) noexcept { return detail::info(f).compact; }
// True for headers whose value is a comma-separated list (Via, Contact, Route, Allow...).
constexpr bool is_list(field f) noexcept { return (detail::info(f).flags & detail::ff_list) != 0; }
// True for headers that may appear at most once (From, To, Call-ID, CSeq, Max-Forwards...).
constexpr bool is_single(field f) noexcept { return (detail::info(f).flags & detail::ff_single) != 0; }

// Maps a header name as written (any case, long or compact form) to its field id. The name
// must consist of token characters (RFC 3261 §25.1), as every header name stage 1 accepts
// does. Names the library does not know give field::other. Never allocates; no table walk
// beyond the names of the same length.
inline field field_from_name(std::string_view name) noexcept {
    if (name.size() == 1) {
        char const c = detail::to_lower(name[0]);
        if (c >= 'a' && c <= 'z') return detail::compact_table[static_cast<std::size_t>(c - 'a')];
        return field::other;
    }
    if (name.size() > detail::max_field_name || name.empty()) return field::other;
    char const first = static_cast<char>(name[0] | 0x20);
    for (std::size_t i = detail::buckets.start[name.size()]; i < detail::buckets.start[name.size() + 1]; ++i) {
        field const f = detail::buckets.order[i];
        auto const& lower = detail::lower_names[static_cast<std::size_t>(f)];
        if (lower[0] == first && detail::equals_lower(name, lower)) return f;
    }
    return field::other;
}

}  // namespace sipwire

#endif
