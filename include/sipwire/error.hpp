// sipwire — error codes, error positions, warnings and the result<T> type.
// Nothing on the parse path throws: every failure is a code plus the byte offset where
// parsing stopped.
#ifndef SIPWIRE_ERROR_HPP
#define SIPWIRE_ERROR_HPP

#include <sipwire/config.hpp>
#include <sipwire/field.hpp>

#include <cassert>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

namespace sipwire {

enum class errc : std::uint8_t {
    ok = 0,
    need_more,  // the input is incomplete: read more bytes and call again (streams only)
    // Framing: the bytes cannot be split into start line, headers and body.
    empty_message,
    message_too_large,
    line_too_long,
    bad_start_line,
    bad_method,
    bad_request_uri,
    bad_version,
    bad_status_code,
    bad_reason_phrase,
    bad_line_ending,
    bad_header_name,
    missing_colon,
    bad_folding,
    missing_empty_line,
    too_many_headers,
    bad_content_length,
    conflicting_content_length,
    body_truncated,
    missing_content_length,
    // Message rules: the message is framed (a caller can still answer it) but breaks RFC 3261.
    version_not_supported,
    missing_header,
    duplicate_header,
    bad_cseq,
    cseq_method_mismatch,
    bad_call_id,
    bad_max_forwards,
    too_many_hops,  // Max-Forwards is 0: a proxy must not forward the request (answer 483)
    // Typed values (stage 2).
    bad_uri,
    bad_host,
    bad_port,
    bad_via,
    bad_name_addr,
    bad_param,
    bad_quoted_string,
    bad_header_value,
    bad_auth,
    bad_date,
    value_out_of_range,
    // Helpers.
    buffer_too_small,
};

constexpr std::string_view to_string(errc e) noexcept {
    switch (e) {
        case errc::ok: return "ok";
        case errc::need_more: return "need_more";
        case errc::empty_message: return "empty_message";
        case errc::message_too_large: return "message_too_large";
        case errc::line_too_long: return "line_too_long";
        case errc::bad_start_line: return "bad_start_line";
        case errc::bad_method: return "bad_method";
        case errc::bad_request_uri: return "bad_request_uri";
        case errc::bad_version: return "bad_version";
        case errc::bad_status_code: return "bad_status_code";
        case errc::bad_reason_phrase: return "bad_reason_phrase";
        case errc::bad_line_ending: return "bad_line_ending";
        case errc::bad_header_name: return "bad_header_name";
        case errc::missing_colon: return "missing_colon";
        case errc::bad_folding: return "bad_folding";
        case errc::missing_empty_line: return "missing_empty_line";
        case errc::too_many_headers: return "too_many_headers";
        case errc::bad_content_length: return "bad_content_length";
        case errc::conflicting_content_length: return "conflicting_content_length";
        case errc::body_truncated: return "body_truncated";
        case errc::missing_content_length: return "missing_content_length";
        case errc::version_not_supported: return "version_not_supported";
        case errc::missing_header: return "missing_header";
        case errc::duplicate_header: return "duplicate_header";
        case errc::bad_cseq: return "bad_cseq";
        case errc::cseq_method_mismatch: return "cseq_method_mismatch";
        case errc::bad_call_id: return "bad_call_id";
        case errc::bad_max_forwards: return "bad_max_forwards";
        case errc::too_many_hops: return "too_many_hops";
        case errc::bad_uri: return "bad_uri";
        case errc::bad_host: return "bad_host";
        case errc::bad_port: return "bad_port";
        case errc::bad_via: return "bad_via";
        case errc::bad_name_addr: return "bad_name_addr";
        case errc::bad_param: return "bad_param";
        case errc::bad_quoted_string: return "bad_quoted_string";
        case errc::bad_header_value: return "bad_header_value";
        case errc::bad_auth: return "bad_auth";
        case errc::bad_date: return "bad_date";
        case errc::value_out_of_range: return "value_out_of_range";
        case errc::buffer_too_small: return "buffer_too_small";
    }
    return "unknown";
}

// A sentence for logs and for the reason phrase of a 400.
constexpr std::string_view describe(errc e) noexcept {
    switch (e) {
        case errc::ok: return "no error";
        case errc::need_more: return "incomplete message, more bytes needed";
        case errc::empty_message: return "empty message";
        case errc::message_too_large: return "message exceeds the size limit";
        case errc::line_too_long: return "header line exceeds the length limit";
        case errc::bad_start_line: return "malformed start line";
        case errc::bad_method: return "malformed method";
        case errc::bad_request_uri: return "malformed Request-URI";
        case errc::bad_version: return "malformed SIP version";
        case errc::bad_status_code: return "status code is not 100-699";
        case errc::bad_reason_phrase: return "control character in reason phrase";
        case errc::bad_line_ending: return "line not ended by CRLF";
        case errc::bad_header_name: return "malformed header name";
        case errc::missing_colon: return "header has no colon after its name";
        case errc::bad_folding: return "continuation line with no header to continue";
        case errc::missing_empty_line: return "header section not ended by an empty line";
        case errc::too_many_headers: return "too many headers";
        case errc::bad_content_length: return "malformed Content-Length";
        case errc::conflicting_content_length: return "several different Content-Length values";
        case errc::body_truncated: return "Content-Length larger than the bytes present";
        case errc::missing_content_length: return "Content-Length is mandatory on a stream";
        case errc::version_not_supported: return "SIP version not supported";
        case errc::missing_header: return "mandatory header missing";
        case errc::duplicate_header: return "header appears more than once";
        case errc::bad_cseq: return "malformed CSeq";
        case errc::cseq_method_mismatch: return "CSeq method does not match the request method";
        case errc::bad_call_id: return "malformed Call-ID";
        case errc::bad_max_forwards: return "Max-Forwards is not 0-255";
        case errc::too_many_hops: return "Max-Forwards reached 0";
        case errc::bad_uri: return "malformed URI";
        case errc::bad_host: return "malformed host";
        case errc::bad_port: return "port is not 1-65535";
        case errc::bad_via: return "malformed Via";
        case errc::bad_name_addr: return "malformed name-addr or addr-spec";
        case errc::bad_param: return "malformed parameter";
        case errc::bad_quoted_string: return "malformed quoted string";
        case errc::bad_header_value: return "malformed header value";
        case errc::bad_auth: return "malformed authentication header";
        case errc::bad_date: return "malformed Date";
        case errc::value_out_of_range: return "number out of range";
        case errc::buffer_too_small: return "output buffer too small";
    }
    return "unknown error";
}

// True when the bytes could not even be split into a message (nothing can be answered).
constexpr bool is_framing_error(errc e) noexcept { return e >= errc::empty_message && e <= errc::missing_content_length; }

// The status code a UAS or proxy would answer a request failing with `e`
// (0 when nothing should be sent: need_more, or the error of a response).
constexpr int suggested_status(errc e) noexcept {
    switch (e) {
        case errc::ok:
        case errc::need_more: return 0;
        case errc::version_not_supported: return 505;
        case errc::too_many_hops: return 483;
        case errc::message_too_large: return 513;
        default: return 400;
    }
}

struct parse_error {
    errc code = errc::ok;
    std::uint32_t offset = 0;   // byte offset from the start of the input where parsing stopped
    field where = field::other; // the header being parsed, when there is one

    constexpr explicit operator bool() const noexcept { return code != errc::ok; }
    constexpr std::string_view message() const noexcept { return describe(code); }
    friend constexpr bool operator==(parse_error const& a, parse_error const& b) noexcept {
        return a.code == b.code && a.offset == b.offset;
    }
};

// A tolerated defect: which leniency flag accepted the message, and where.
struct warning {
    lenient code = lenient::none;
    std::uint32_t offset = 0;
};

constexpr std::string_view to_string(lenient l) noexcept {
    switch (l) {
        case lenient::bare_lf: return "bare_lf";
        case lenient::start_line_whitespace: return "start_line_whitespace";
        case lenient::bracketed_request_uri: return "bracketed_request_uri";
        case lenient::missing_empty_line: return "missing_empty_line";
        case lenient::request_uri_headers: return "request_uri_headers";
        case lenient::unquoted_display_name: return "unquoted_display_name";
        case lenient::unterminated_quote: return "unterminated_quote";
        case lenient::addr_spec_spaces: return "addr_spec_spaces";
        case lenient::bare_magic_cookie: return "bare_magic_cookie";
        case lenient::non_gmt_date: return "non_gmt_date";
        case lenient::addr_spec_with_headers: return "addr_spec_with_headers";
        case lenient::auth_param_missing_comma: return "auth_param_missing_comma";
        default: return "none";
    }
}

constexpr std::string_view describe(lenient l) noexcept {
    switch (l) {
        case lenient::bare_lf: return "line ended by LF without CR";
        case lenient::start_line_whitespace: return "extra whitespace in the start line";
        case lenient::bracketed_request_uri: return "Request-URI enclosed in <>";
        case lenient::missing_empty_line: return "no empty line after the headers";
        case lenient::request_uri_headers: return "escaped headers in the Request-URI";
        case lenient::unquoted_display_name: return "display name needs quotes";
        case lenient::unterminated_quote: return "quoted string not terminated";
        case lenient::addr_spec_spaces: return "whitespace inside <> around the URI";
        case lenient::bare_magic_cookie: return "branch is only the magic cookie";
        case lenient::non_gmt_date: return "Date is not in GMT";
        case lenient::addr_spec_with_headers: return "URI with headers not enclosed in <>";
        case lenient::auth_param_missing_comma: return "authentication parameters not separated by commas";
        default: return "";
    }
}

// The lowest set flag of a defect mask, for turning a mask into warnings one by one.
constexpr lenient lowest_flag(lenient set) noexcept {
    auto const v = static_cast<std::uint32_t>(set);
    return static_cast<lenient>(v & (~v + 1u));
}

// ---------------------------------------------------------------------------------------
// result<T>: a value or a parse_error. The subset of std::expected this library needs
// (std::expected is C++23; boost::system::result is not in Boost 1.74).
template <class T>
class [[nodiscard]] result {
public:
    using value_type = T;
    constexpr result(T const& value) noexcept(std::is_nothrow_copy_constructible_v<T>) : value_(value) {}
    constexpr result(T&& value) noexcept(std::is_nothrow_move_constructible_v<T>) : value_(std::move(value)) {}
    constexpr result(parse_error error) noexcept : error_(error) { assert(error.code != errc::ok); }

    constexpr bool has_value() const noexcept { return error_.code == errc::ok; }
    constexpr explicit operator bool() const noexcept { return has_value(); }

    constexpr T& operator*() & noexcept { assert(has_value()); return value_; }
    constexpr T const& operator*() const& noexcept { assert(has_value()); return value_; }
    constexpr T* operator->() noexcept { assert(has_value()); return &value_; }
    constexpr T const* operator->() const noexcept { assert(has_value()); return &value_; }
    constexpr T& value() & noexcept { assert(has_value()); return value_; }
    constexpr T const& value() const& noexcept { assert(has_value()); return value_; }
    constexpr T value_or(T other) const { return has_value() ? value_ : other; }
    constexpr parse_error const& error() const noexcept { return error_; }

private:
    T value_{};
    parse_error error_{};
};

template <>
class [[nodiscard]] result<void> {
public:
    constexpr result() noexcept = default;
    constexpr result(parse_error error) noexcept : error_(error) {}
    constexpr bool has_value() const noexcept { return error_.code == errc::ok; }
    constexpr explicit operator bool() const noexcept { return has_value(); }
    constexpr parse_error const& error() const noexcept { return error_; }

private:
    parse_error error_{};
};

// ---------------------------------------------------------------------------------------
// std::error_code glue, for callers that report through <system_error>.
namespace detail {
class sip_category_impl final : public std::error_category {
public:
    char const* name() const noexcept override { return "sipwire"; }
    std::string message(int ev) const override { return std::string(describe(static_cast<errc>(ev))); }
};
}  // namespace detail

inline std::error_category const& sip_category() noexcept {
    static detail::sip_category_impl const cat;
    return cat;
}
inline std::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), sip_category()}; }

}  // namespace sipwire

template <>
struct std::is_error_code_enum<sipwire::errc> : std::true_type {};

#endif
