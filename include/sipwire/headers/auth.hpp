// sipwire — authentication headers: WWW-Authenticate (RFC 3261 §20.44), Proxy-Authenticate
// (§20.27), Authorization (§20.7), Proxy-Authorization (§20.28), with the digest algorithms
// of RFC 8760 (SHA-256, SHA-512-256).
#ifndef SIPWIRE_HEADERS_AUTH_HPP
#define SIPWIRE_HEADERS_AUTH_HPP

#include <sipwire/config.hpp>
#include <sipwire/detail/ci.hpp>
#include <sipwire/headers/params.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace sipwire {

enum class digest_algorithm : std::uint8_t {
    unspecified = 0,  // no algorithm parameter: MD5 by RFC 3261 §22.4
    md5,
    md5_sess,
    sha256,
    sha256_sess,
    sha512_256,
    sha512_256_sess,
    other,
};

constexpr digest_algorithm digest_algorithm_from_token(std::string_view t) noexcept {
    using detail::ci_equal;
    if (ci_equal(t, "MD5")) return digest_algorithm::md5;
    if (ci_equal(t, "MD5-sess")) return digest_algorithm::md5_sess;
    if (ci_equal(t, "SHA-256")) return digest_algorithm::sha256;
    if (ci_equal(t, "SHA-256-sess")) return digest_algorithm::sha256_sess;
    if (ci_equal(t, "SHA-512-256")) return digest_algorithm::sha512_256;
    if (ci_equal(t, "SHA-512-256-sess")) return digest_algorithm::sha512_256_sess;
    return digest_algorithm::other;
}

// A challenge (WWW-Authenticate, Proxy-Authenticate) or credentials (Authorization,
// Proxy-Authorization). Quoted values are given without their quotes, escapes kept.
struct auth_view {
    std::string_view scheme;  // "Digest" or another auth-scheme
    std::string_view params;  // the parameter list as written
    std::optional<std::string_view> realm, nonce, opaque, domain, qop, stale, algorithm_text;  // challenge and credentials
    std::optional<std::string_view> username, uri, response, cnonce, nc, userhash, charset;    // credentials
    digest_algorithm algorithm = digest_algorithm::unspecified;
    lenient defects = lenient::none;

    bool is_digest() const noexcept { return detail::ci_equal(scheme, "Digest"); }
    // Every parameter, with quoted values keeping their quotes (see param_view::unquoted()).
    param_range parameters() const noexcept { return param_range(params, ','); }
    std::optional<param_view> param(std::string_view name) const noexcept { return parameters().find(name); }
};

namespace headers {
// WWW-Authenticate = "WWW-Authenticate" HCOLON challenge
struct www_authenticate {
    using value_type = auth_view;
    static constexpr field id = field::www_authenticate;
};
// Proxy-Authenticate = "Proxy-Authenticate" HCOLON challenge
struct proxy_authenticate {
    using value_type = auth_view;
    static constexpr field id = field::proxy_authenticate;
};
// Authorization = "Authorization" HCOLON credentials
struct authorization {
    using value_type = auth_view;
    static constexpr field id = field::authorization;
};
// Proxy-Authorization = "Proxy-Authorization" HCOLON credentials
struct proxy_authorization {
    using value_type = auth_view;
    static constexpr field id = field::proxy_authorization;
};
}  // namespace headers
}  // namespace sipwire

#endif
