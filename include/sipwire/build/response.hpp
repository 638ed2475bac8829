// sipwire — responses to a parsed request (RFC 3261 §8.2.6), with the RFC 3581 rport and
// received parameters when asked.
#ifndef SIPWIRE_BUILD_RESPONSE_HPP
#define SIPWIRE_BUILD_RESPONSE_HPP

#include <sipwire/build/builder.hpp>
#include <sipwire/build/ids.hpp>
#include <sipwire/headers/params.hpp>
#include <sipwire/message.hpp>

#include <optional>
#include <string_view>

namespace sipwire {

struct response_options {
    std::optional<std::string_view> reason;  // default: the registered phrase of the status
    std::string_view to_tag;     // default: a hash of the request, the same for its retransmissions
    // RFC 3581 §4 / RFC 3261 §18.2.1: where the request came from. When source_host is set,
    // the top Via gets received=source_host (if it differs from the sent-by host, or when the
    // client asked for rport) and a valueless rport gets source_port.
    std::string_view source_host;
    std::optional<std::uint16_t> source_port;
    build_options build;
};

namespace detail {

// The header parameters of a name-addr or addr-spec value, found without a grammar: after
// the '>' that closes the URI, or from the first ';' of an addr-spec.
constexpr std::string_view header_params_of(std::string_view v) noexcept {
    std::size_t i = 0;
    while (i < v.size()) {
        char const c = v[i];
        if (c == '"') {
            i = skip_quoted(v, i);
            continue;
        }
        if (c == '<') {
            std::size_t const close = v.find('>', i);
            return close == std::string_view::npos ? std::string_view{} : v.substr(close + 1);
        }
        ++i;
    }
    std::size_t const semi = v.find(';');
    return semi == std::string_view::npos ? std::string_view{} : v.substr(semi);
}

inline bool has_tag(std::string_view name_addr_value) noexcept {
    return param_range(header_params_of(name_addr_value), ';').contains("tag");
}

// The host of a Via's sent-by ("SIP/2.0/UDP host:port;..."), without a grammar.
constexpr std::string_view via_sent_by_host(std::string_view via) noexcept {
    std::size_t const semi = via.find(';');
    std::string_view head = trim_lws(via.substr(0, semi));
    std::size_t const sp = head.find_last_of(" \t\n");
    std::string_view hostport = sp == std::string_view::npos ? head : head.substr(sp + 1);
    if (!hostport.empty() && hostport.front() == '[') return hostport.substr(0, hostport.find(']') + 1);
    return hostport.substr(0, hostport.find(':'));
}

}  // namespace detail

// Needs the request's Via, From, To, Call-ID and a valid CSeq (refused with missing_header
// otherwise: a response could not carry them).
template <class Sink>
response_builder<Sink>& response_builder<Sink>::respond_to(message_view const& req, int status, response_options const& o) {
    status_line(status, o.reason);
    if (this->error_) return *this;
    if (!req.is_request() || req.top_via().empty() || req.from().empty() || req.to().empty() || req.call_id().empty() ||
        req.cseq_method_text().empty()) {
        this->refuse(errc::missing_header, field::other);
        return *this;
    }
    // Via: every value, in order (§8.2.6.2); RFC 3581 parameters on the first one.
    bool first_line = true;
    for (std::size_t i = 0; i < req.header_count(); ++i) {
        header_entry const& h = req.entry(i);
        if (h.id != field::via) continue;
        std::string_view const line = req.value(h);
        if (!first_line || o.source_host.empty()) {
            this->copy(field::via, line, req);
            first_line = false;
            continue;
        }
        first_line = false;
        std::string_view const top = req.top_via();
        std::size_t const semi = top.find(';');
        std::string_view const head = semi == std::string_view::npos ? top : top.substr(0, semi);
        std::string_view const params = semi == std::string_view::npos ? std::string_view{} : top.substr(semi);
        param_range const pr(params, ';');
        auto const rport = pr.find("rport");
        bool const asked = rport && !rport->value;
        bool const differs = !detail::ci_equal(detail::via_sent_by_host(top), o.source_host);
        if (!detail::is_ip_address(o.source_host)) {
            this->refuse(errc::bad_via, field::via);
            return *this;
        }
        this->name(field::via), this->put_unfolded(head);
        for (auto const& p : pr) {
            if (detail::ci_equal(p.name, "received") && (asked || differs)) continue;  // replaced below
            this->put(";"), this->put_unfolded(p.name);
            if (detail::ci_equal(p.name, "rport") && !p.value && o.source_port) {
                this->put("="), this->number(*o.source_port);
            } else if (p.value) {
                this->put("="), this->put_unfolded(*p.value);
            }
        }
        if (asked || differs) this->put(";received="), this->put(o.source_host);
        // the rest of the first Via line (more values after a comma), as it was
        std::size_t const rest = static_cast<std::size_t>(top.data() + top.size() - line.data());
        if (rest < line.size()) this->put_unfolded(line.substr(rest));
        this->put(detail::crlf);
    }
    // Record-Route, when the response establishes a dialog (§12.1.1)
    bool const dialog_method = req.method() == method::invite || req.method() == method::subscribe || req.method() == method::refer;
    if (dialog_method && status > 100 && status < 300)
        for (std::size_t i = 0; i < req.header_count(); ++i)
            if (req.entry(i).id == field::record_route) this->copy(field::record_route, req.value(req.entry(i)), req);
    this->copy(field::from, req.from(), req);
    // To, with a tag added unless the status is 100 or the request had one (§8.2.6.2)
    std::string_view const to = req.to();
    if (status == 100 || detail::has_tag(to)) {
        this->copy(field::to, to, req);
    } else {
        std::string_view tag = o.to_tag;
        id_text derived;
        if (tag.empty()) {
            auto via = req.top_via();
            std::string_view const from_tag = param_range(detail::header_params_of(req.from()), ';').find("tag").value_or(param_view{}).unquoted();
            derived = tag_from_hash(fnv1a{}.add(req.call_id()).add(from_tag).add(via).add(std::uint64_t{req.cseq()}).value());
            tag = derived.view();
        }
        if (!detail::is_token(tag)) {
            this->refuse(errc::bad_param, field::to);
            return *this;
        }
        this->name(field::to), this->put_unfolded(to), this->put(";tag="), this->put(tag), this->put(detail::crlf);
    }
    this->copy(field::call_id, req.call_id(), req);
    this->cseq(req.cseq(), req.cseq_method_text());
    return *this;
}

// The whole §8.2.6 response, with Content-Length: 0. For more headers (Contact, Allow...),
// use response_builder::respond_to() and add them before finish().
template <class Sink>
result<std::size_t> make_response(message_view const& request, int status, Sink& sink, response_options const& options = {}) {
    response_builder<Sink> b(sink, options.build);
    b.respond_to(request, status, options);
    return b.finish();
}

template <class Sink>
result<std::size_t> make_response(message_view const& request, int status, std::string_view reason, Sink& sink,
                                  response_options options = {}) {
    options.reason = reason;
    return make_response(request, status, sink, options);
}

}  // namespace sipwire

#endif
