// sipwire — definitions of the stage-2 entry points declared in parse.hpp. Included by
// parse.hpp (header-only mode) or by src.hpp (SIPWIRE_SEPARATE_COMPILATION).
#ifndef SIPWIRE_DETAIL_PARSE_IMPL_HPP
#define SIPWIRE_DETAIL_PARSE_IMPL_HPP

#include <sipwire/detail/grammar/auth.hpp>
#include <sipwire/detail/grammar/common.hpp>
#include <sipwire/detail/grammar/content.hpp>
#include <sipwire/detail/grammar/date.hpp>
#include <sipwire/detail/grammar/name_addr.hpp>
#include <sipwire/detail/grammar/uri.hpp>
#include <sipwire/detail/grammar/via.hpp>
#include <sipwire/parse.hpp>

namespace sipwire {

namespace detail {
// The view is parsed into a local and then copied into the result: measured faster than
// parsing into the result in place (a local's stores cannot alias the input bytes).
// A blank view to start from. Copying it (vector moves) costs less than zero-filling the
// view in place, which GCC does with `rep stos` whose start-up dominates at these sizes;
// the empty asm keeps the optimiser from turning the copy back into a fill.
template <class View>
inline View const& blank_view() noexcept {
    static View const blank{};
    View const* p = &blank;
#if defined(__GNUC__)
    __asm__("" : "+r"(p));
#endif
    return *p;
}

template <class View, class Rule>
inline result<View> run_view(std::string_view in, Rule const& rule, lenient allow, errc code, field where) noexcept {
    View v = blank_view<View>();
    lenient defects = lenient::none;
    if (parse_error e = grammar::run_rule(in, rule, v, allow, defects, code, where)) return e;
    if constexpr (std::is_same_v<View, via_view> || std::is_same_v<View, name_addr_view> ||
                  std::is_same_v<View, auth_view> || std::is_same_v<View, date_view>)
        v.defects = defects;
    return v;
}
}  // namespace detail

SIPWIRE_DECL result<uri_view> parse_uri(std::string_view text, lenient allow) noexcept {
    return detail::run_view<uri_view>(text, detail::grammar::uri, allow, errc::bad_uri, field::other);
}

SIPWIRE_DECL result<via_view> parse_via(std::string_view value, lenient allow) noexcept {
    return detail::run_view<via_view>(value, detail::grammar::via_parm, allow, errc::bad_via, field::via);
}

SIPWIRE_DECL result<name_addr_view> parse_name_addr(std::string_view value, lenient allow) noexcept {
    return detail::run_view<name_addr_view>(value, detail::grammar::name_addr_value, allow, errc::bad_name_addr, field::other);
}

SIPWIRE_DECL result<name_addr_view> parse_contact(std::string_view value, lenient allow) noexcept {
    return detail::run_view<name_addr_view>(value, detail::grammar::contact_value, allow, errc::bad_name_addr, field::contact);
}

SIPWIRE_DECL result<name_addr_view> parse_route(std::string_view value, lenient allow) noexcept {
    return detail::run_view<name_addr_view>(value, detail::grammar::route_value, allow, errc::bad_name_addr, field::route);
}

SIPWIRE_DECL result<media_type_view> parse_media_type(std::string_view value) noexcept {
    return detail::run_view<media_type_view>(value, detail::grammar::media_type, lenient::none, errc::bad_header_value,
                                             field::content_type);
}

SIPWIRE_DECL result<disposition_view> parse_disposition(std::string_view value) noexcept {
    return detail::run_view<disposition_view>(value, detail::grammar::disposition, lenient::none, errc::bad_header_value,
                                              field::content_disposition);
}

SIPWIRE_DECL result<std::string_view> parse_token(std::string_view value, field where) noexcept {
    return detail::run_view<std::string_view>(value, detail::grammar::token_value, lenient::none, errc::bad_header_value, where);
}

SIPWIRE_DECL result<auth_view> parse_auth(std::string_view value, lenient allow, field where) noexcept {
    return detail::run_view<auth_view>(value, detail::grammar::auth_value, allow, errc::bad_auth, where);
}

SIPWIRE_DECL result<date_view> parse_date(std::string_view value, lenient allow) noexcept {
    return detail::run_view<date_view>(value, detail::grammar::date_value, allow, errc::bad_date, field::date);
}

namespace detail {

struct validator {
    message_view const& m;
    lenient allow;
    validation out{};

    void warn(lenient defects, std::uint32_t at) noexcept {
        while (any(defects)) {
            lenient const one = lowest_flag(defects);
            defects = static_cast<lenient>(static_cast<std::uint32_t>(defects) & ~static_cast<std::uint32_t>(one));
            if (out.warning_count < out.warnings.size()) out.warnings[out.warning_count++] = {one, at};
        }
    }
    bool fail(parse_error e, std::string_view value, field where) noexcept {
        out.error = {e.code, m.offset_of(value) + e.offset, where};
        return false;
    }
    template <class R>
    bool check(R const& r, std::string_view value, field where) noexcept {
        if (!r) return fail(r.error(), value, where);
        if constexpr (std::is_same_v<std::decay_t<decltype(*r)>, via_view> ||
                      std::is_same_v<std::decay_t<decltype(*r)>, name_addr_view> ||
                      std::is_same_v<std::decay_t<decltype(*r)>, auth_view> ||
                      std::is_same_v<std::decay_t<decltype(*r)>, date_view>)
            warn(r->defects, m.offset_of(value));
        return true;
    }

    // One list element of header `f`.
    bool element(field f, std::string_view v, bool& saw_star, std::size_t& contacts) noexcept {
        switch (f) {
            case field::via: return check(parse_via(v, allow), v, f);
            case field::contact: {
                auto r = parse_contact(v, allow);
                if (!check(r, v, f)) return false;
                ++contacts;
                saw_star = saw_star || r->is_star;
                if (saw_star && contacts > 1)  // "*" stands alone (RFC 3261 §10.2.2)
                    return fail({errc::bad_name_addr, 0, f}, v, f);
                return true;
            }
            case field::route:
            case field::record_route: return check(parse_route(v, allow), v, f);
            case field::allow:
            case field::supported:
            case field::require:
            case field::proxy_require:
            case field::unsupported:
            case field::content_encoding: return check(parse_token(v, f), v, f);
            default: return true;
        }
    }

    bool header(header_entry const& h) noexcept {
        std::string_view const v = m.value(h);
        switch (h.id) {
            case field::from:
            case field::to: return check(parse_name_addr(v, allow), v, h.id);
            case field::content_type: return check(parse_media_type(v), v, h.id);
            case field::content_disposition: return check(parse_disposition(v), v, h.id);
            case field::expires:
            case field::min_expires:
                return check(parse_number<std::uint32_t>(v, 0xffffffffu, errc::bad_header_value, errc::value_out_of_range, h.id),
                             v, h.id);
            case field::www_authenticate:
            case field::proxy_authenticate:
            case field::authorization:
            case field::proxy_authorization: return check(parse_auth(v, allow, h.id), v, h.id);
            case field::date: return check(parse_date(v, allow), v, h.id);
            case field::via:
            case field::contact:
            case field::route:
            case field::record_route:
            case field::allow:
            case field::supported:
            case field::require:
            case field::proxy_require:
            case field::unsupported:
            case field::content_encoding: {
                // Allow and Supported may be empty; the other lists need one element at least.
                if (v.empty()) {
                    if (h.id == field::allow || h.id == field::supported) return true;
                    return fail({errc::bad_header_value, 0, h.id}, v, h.id);
                }
                bool saw_star = false;
                std::size_t contacts = 0;
                std::size_t pos = 0;
                for (;;) {
                    std::size_t const c = find_list_comma(v, pos);
                    std::size_t const stop = c == std::string_view::npos ? v.size() : c;
                    std::string_view const e = trim_lws(v.substr(pos, stop - pos));
                    if (!element(h.id, e.empty() ? v.substr(pos, 0) : e, saw_star, contacts)) return false;
                    if (c == std::string_view::npos) return true;
                    pos = c + 1;
                }
            }
            default: return true;
        }
    }

    void run() noexcept {
        for (warning const* w = m.warnings_begin(); w != m.warnings_end(); ++w)
            if (out.warning_count < out.warnings.size()) out.warnings[out.warning_count++] = *w;
        if (m.problem()) {
            out.error = m.problem();
            return;
        }
        if (m.is_request()) {
            std::string_view const ruri = m.request_uri();
            auto r = parse_uri(ruri, allow);
            if (!r) {
                out.error = {errc::bad_request_uri, m.offset_of(ruri) + r.error().offset, field::other};
                return;
            }
            // Escaped headers in a sip/sips Request-URI (RFC 4475 escruri): never routable.
            if (r->is_sip() && !r->headers.empty()) {
                if (!allows(allow, lenient::request_uri_headers)) {
                    out.error = {errc::bad_request_uri, m.offset_of(r->headers), field::other};
                    return;
                }
                warn(lenient::request_uri_headers, m.offset_of(r->headers) - 1);
            }
        }
        for (std::size_t i = 0; i < m.header_count(); ++i)
            if (!header(m.entry(i))) return;
    }
};

}  // namespace detail

SIPWIRE_DECL validation validate_message(message_view const& m, lenient allow) noexcept {
    detail::validator v{m, allow};
    v.run();
    return v.out;
}

}  // namespace sipwire

#endif
