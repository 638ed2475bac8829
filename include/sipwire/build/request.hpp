// sipwire — requests that follow from other messages: the ACK of a non-2xx final response
// (RFC 3261 §17.1.1.3), CANCEL (§9.1), and requests inside a dialog (§12.2.1.1), whose dialog
// state (route set, remote target, tags, CSeq) the caller passes in as plain values.
#ifndef SIPWIRE_BUILD_REQUEST_HPP
#define SIPWIRE_BUILD_REQUEST_HPP

#include <sipwire/build/builder.hpp>
#include <sipwire/message.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sipwire {

// A read-only list of string_views (a route set), viewing an array or a vector the caller keeps.
class string_list {
public:
    constexpr string_list() noexcept = default;
    constexpr string_list(std::string_view const* data, std::size_t size) noexcept : data_(data), size_(size) {}
    template <std::size_t N>
    constexpr string_list(std::string_view const (&a)[N]) noexcept : data_(a), size_(N) {}
    template <class C, class = decltype(std::declval<C const&>().data()), class = decltype(std::declval<C const&>().size())>
    constexpr string_list(C const& c) noexcept : data_(c.data()), size_(c.size()) {}
    constexpr std::string_view const* begin() const noexcept { return data_; }
    constexpr std::string_view const* end() const noexcept { return data_ + size_; }
    constexpr std::size_t size() const noexcept { return size_; }
    constexpr bool empty() const noexcept { return size_ == 0; }
    constexpr std::string_view operator[](std::size_t i) const noexcept { return data_[i]; }

private:
    std::string_view const* data_ = nullptr;
    std::size_t size_ = 0;
};

// What a request inside a dialog is made of (RFC 3261 §12.2.1.1).
struct dialog_request {
    sipwire::method method = sipwire::method::bye;
    std::string_view method_text;  // for an extension method (method::other)
    std::string_view remote_target;  // the peer's Contact URI
    string_list route_set;           // URIs in the order the UAC uses them (Record-Route reversed)
    address local;                   // From: our URI and tag
    address remote;                  // To: their URI and tag
    std::string_view call_id;
    std::uint32_t cseq = 0;          // the local CSeq, already incremented
    via_params via;
    std::uint8_t max_forwards = 70;
    std::string_view contact;        // our Contact URI; empty: none
};

namespace detail {
// True when a URI carries the lr parameter (loose routing, RFC 3261 §19.1.1), with or
// without a value; the user part (which may hold ';') is skipped.
constexpr bool uri_has_lr(std::string_view uri) noexcept {
    std::size_t const at = uri.find('@');
    std::size_t i = at == std::string_view::npos ? 0 : at;
    std::size_t const q = uri.find('?', i);
    std::string_view const part = uri.substr(i, q == std::string_view::npos ? std::string_view::npos : q - i);
    for (std::size_t k = part.find(';'); k != std::string_view::npos; k = part.find(';', k + 1)) {
        std::string_view name = part.substr(k + 1);
        name = name.substr(0, name.find_first_of(";=?"));
        if (ci_equal(name, "lr")) return true;
    }
    return false;
}
}  // namespace detail

template <class Sink>
request_builder<Sink>& request_builder<Sink>::ack_for(message_view const& invite, message_view const& response) {
    if (!invite.is_request() || invite.method() != method::invite || !response.is_response() || response.status() < 300 ||
        invite.top_via().empty() || invite.from().empty() || response.to().empty() || invite.call_id().empty())
        return refuse_start(errc::missing_header);
    start_line(method::ack, invite.request_uri());
    this->copy(field::via, invite.top_via(), invite);  // a single Via: the INVITE's top one
    for (std::size_t i = 0; i < invite.header_count(); ++i)
        if (invite.entry(i).id == field::route) this->copy(field::route, invite.value(invite.entry(i)), invite);
    this->max_forwards(70);
    this->copy(field::from, invite.from(), invite);
    this->copy(field::to, response.to(), response);  // with the tag of the response
    this->copy(field::call_id, invite.call_id(), invite);
    this->cseq(invite.cseq(), method::ack);
    return *this;
}

template <class Sink>
request_builder<Sink>& request_builder<Sink>::cancel_for(message_view const& request) {
    if (!request.is_request() || request.method() == method::ack || request.method() == method::cancel || request.top_via().empty() ||
        request.from().empty() || request.to().empty() || request.call_id().empty())
        return refuse_start(errc::missing_header);
    start_line(method::cancel, request.request_uri());
    this->copy(field::via, request.top_via(), request);
    for (std::size_t i = 0; i < request.header_count(); ++i)
        if (request.entry(i).id == field::route) this->copy(field::route, request.value(request.entry(i)), request);
    this->max_forwards(70);
    this->copy(field::from, request.from(), request);
    this->copy(field::to, request.to(), request);
    this->copy(field::call_id, request.call_id(), request);
    this->cseq(request.cseq(), method::cancel);
    return *this;
}

template <class Sink>
request_builder<Sink>& request_builder<Sink>::in_dialog(dialog_request const& d) {
    std::string_view const m = d.method == method::other ? d.method_text : to_string(d.method);
    bool const strict = !d.route_set.empty() && !detail::uri_has_lr(d.route_set[0]);
    // §12.2.1.1: with a strict router first, the Request-URI is that route and the remote
    // target goes last in Route. Of what table 1 (§19.1.1) forbids in a Request-URI, the
    // headers are stripped; a method parameter in a route URI is left as it is.
    std::string_view ruri = strict ? d.route_set[0] : d.remote_target;
    if (strict) ruri = ruri.substr(0, ruri.find('?'));
    start_line(m, ruri);
    this->via(d.via);
    this->max_forwards(d.max_forwards);
    for (std::size_t i = strict ? 1 : 0; i < d.route_set.size(); ++i) this->route(d.route_set[i]);
    if (strict) this->route(d.remote_target);
    this->from(d.local);
    this->to(d.remote);
    this->call_id(d.call_id);
    this->cseq(d.cseq, m);
    if (!d.contact.empty()) this->contact({{}, d.contact, {}, {}, {}});
    return *this;
}

// One-call forms.
template <class Sink>
result<std::size_t> make_ack(message_view const& invite, message_view const& response, Sink& sink, build_options o = {}) {
    request_builder<Sink> b(sink, o);
    b.ack_for(invite, response);
    return b.finish();
}

template <class Sink>
result<std::size_t> make_cancel(message_view const& request, Sink& sink, build_options o = {}) {
    request_builder<Sink> b(sink, o);
    b.cancel_for(request);
    return b.finish();
}

template <class Sink>
result<std::size_t> make_in_dialog_request(dialog_request const& d, Sink& sink, build_options o = {}) {
    request_builder<Sink> b(sink, o);
    b.in_dialog(d);
    return b.finish();
}

}  // namespace sipwire

#endif
