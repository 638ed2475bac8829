// sipwire — headers whose values are lists of tokens: Allow (RFC 3261 §20.5), Supported
// (§20.37), Require (§20.32), Proxy-Require (§20.29), Unsupported (§20.40). Each typed parse
// takes one list element (what message_view::all() yields).
#ifndef SIPWIRE_HEADERS_TOKENS_HPP
#define SIPWIRE_HEADERS_TOKENS_HPP

#include <sipwire/field.hpp>
#include <sipwire/method.hpp>

#include <string_view>

namespace sipwire {

struct method_token_view {
    std::string_view text;
    sipwire::method method = sipwire::method::other;
};

namespace headers {
// Allow = "Allow" HCOLON [Method *(COMMA Method)]
struct allow {
    using value_type = method_token_view;
    static constexpr field id = field::allow;
};
// Supported = ( "Supported" / "k" ) HCOLON [option-tag *(COMMA option-tag)] ; option-tag = token
struct supported {
    using value_type = std::string_view;
    static constexpr field id = field::supported;
};
// Require = "Require" HCOLON option-tag *(COMMA option-tag)
struct require {
    using value_type = std::string_view;
    static constexpr field id = field::require;
};
// Proxy-Require = "Proxy-Require" HCOLON option-tag *(COMMA option-tag)
struct proxy_require {
    using value_type = std::string_view;
    static constexpr field id = field::proxy_require;
};
// Unsupported = "Unsupported" HCOLON option-tag *(COMMA option-tag)
struct unsupported {
    using value_type = std::string_view;
    static constexpr field id = field::unsupported;
};
}  // namespace headers
}  // namespace sipwire

#endif
