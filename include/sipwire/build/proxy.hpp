// sipwire — forwarding by editing the original bytes (what Kamailio calls "lumps"): a list
// of insertions, deletions and replacements over a parsed message, applied in one pass
// into a sink. Everything not edited is copied byte for byte (RFC 3261 §16.6 step 1: the
// proxy keeps every header, in order, and never touches the body).
#ifndef SIPWIRE_BUILD_PROXY_HPP
#define SIPWIRE_BUILD_PROXY_HPP

#include <sipwire/build/builder.hpp>
#include <sipwire/build/ids.hpp>
#include <sipwire/build/request.hpp>
#include <sipwire/build/response.hpp>
#include <sipwire/headers/via.hpp>
#include <sipwire/message.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sipwire {

// One change to the original bytes: [offset, offset + erase) becomes `insert`.
struct edit {
    std::uint32_t offset = 0;
    std::uint32_t erase = 0;
    std::string_view insert;
};

namespace detail {

// Writes header lines into a fixed buffer with the builder's checks (used for inserted text).
template <class Sink>
class header_lines : public message_builder<Sink> {
public:
    explicit header_lines(Sink& sink, build_options o) : message_builder<Sink>(sink, o) {
        this->state_ = message_builder<Sink>::state::headers;
    }
    result<std::size_t> done() {
        if (this->error_) {
            this->sink_.truncate(this->start_);
            return this->error_;
        }
        if (this->overflow_) return parse_error{errc::buffer_too_small, 0, field::other};
        return this->sink_.size() - this->start_;
    }
};

// The URI inside the first <...> of a name-addr value (outside quoted strings).
constexpr std::string_view uri_of_name_addr(std::string_view v) noexcept {
    std::size_t i = 0;
    while (i < v.size()) {
        if (v[i] == '"') {
            i = skip_quoted(v, i);
            continue;
        }
        if (v[i] == '<') {
            std::size_t const close = v.find('>', i);
            return close == std::string_view::npos ? std::string_view{} : v.substr(i + 1, close - i - 1);
        }
        ++i;
    }
    return trim_lws(v.substr(0, v.find(';')));
}

}  // namespace detail

// How a request that came back relates to an earlier pass through this proxy (§16.3 item 4).
enum class forwarding_check : std::uint8_t {
    first_visit,  // no Via of this proxy in the request
    spiral,       // it came back changed (new Request-URI, route, credentials...): forward it
    loop,         // it came back unchanged: answer 482 (Loop Detected)
};

// The branch a stateless proxy puts in its Via (RFC 3261 §16.11): the same for the same
// request every time (so retransmissions, and the ACK of a non-2xx or the CANCEL of the
// request, get the branch of the request), and different across transactions. It has two
// parts, "z9hG4bK<transaction>-<loop>": the transaction part hashes the received top Via
// branch when it has the magic cookie, else the top Via, To and From tags, Call-ID, CSeq
// number and Request-URI; the loop part hashes what decides the routing (§16.6 step 8): To
// and From tags, Call-ID, the received Request-URI, CSeq number, and the Route,
// Proxy-Require and Proxy-Authorization headers. (§16.6 names the topmost Via too, but a
// looped request arrives under a new top Via, so it is left out of the loop part.) `salt` is
// this proxy's own identity, e.g. its sent-by.
inline std::uint64_t loop_hash(message_view const& m) noexcept {
    fnv1a h;
    auto tag = [](std::string_view v) { return param_range(detail::header_params_of(v), ';').find("tag").value_or(param_view{}).unquoted(); };
    h.add(tag(m.to())).add(tag(m.from())).add(m.call_id()).add(m.request_uri()).add(std::uint64_t{m.cseq()});
    for (std::size_t i = 0; i < m.header_count(); ++i) {
        field const f = m.entry(i).id;
        if (f == field::route || f == field::proxy_require || f == field::proxy_authorization) h.add(m.value(m.entry(i)));
    }
    return h.value();
}

inline id_text stateless_branch(message_view const& m, std::string_view salt) noexcept {
    fnv1a tx;
    tx.add(salt);
    std::string_view const top = m.top_via();
    std::size_t const semi = top.find(';');
    auto const branch = param_range(semi == std::string_view::npos ? std::string_view{} : top.substr(semi), ';').find("branch");
    std::string_view const b = branch && branch->value ? *branch->value : std::string_view{};
    if (b.size() > magic_cookie.size() && b.substr(0, magic_cookie.size()) == magic_cookie) {
        tx.add(b).add(detail::via_sent_by_host(top));
    } else {
        auto tag = [](std::string_view v) { return param_range(detail::header_params_of(v), ';').find("tag").value_or(param_view{}).unquoted(); };
        tx.add(top).add(tag(m.to())).add(tag(m.from())).add(m.call_id()).add(std::uint64_t{m.cseq()}).add(m.request_uri());
    }
    id_text t = branch_from_hash(tx.value());
    t.push('-');
    detail::append_hex(t, fnv1a{}.add(salt).add(loop_hash(m)).value());
    return t;
}

// Loop detection (§16.3 item 4): a Via whose sent-by host is ours means the request was here
// before; if that Via's branch carries the loop part this message would get now, nothing
// that matters changed: a loop.
inline forwarding_check check_loop(message_view const& m, std::string_view our_host, std::string_view salt) noexcept {
    id_text expect;
    detail::append_hex(expect, fnv1a{}.add(salt).add(loop_hash(m)).value());
    forwarding_check seen = forwarding_check::first_visit;
    for (auto it = m.all(field::via).begin(), e = m.all(field::via).end(); it != e; ++it) {
        std::string_view const v = *it;
        if (!detail::ci_equal(detail::via_sent_by_host(v), our_host)) continue;
        seen = forwarding_check::spiral;
        std::size_t const semi = v.find(';');
        auto const b = param_range(semi == std::string_view::npos ? std::string_view{} : v.substr(semi), ';').find("branch");
        std::string_view const bv = b && b->value ? *b->value : std::string_view{};
        if (bv.size() > expect.size() && bv.substr(bv.size() - expect.size()) == expect.view() && bv[bv.size() - expect.size() - 1] == '-')
            return forwarding_check::loop;
    }
    return seen;
}

// The edit list. MaxEdits changes, Storage bytes for the text they insert; both fixed, no heap.
//   proxy_edits<> e(request);
//   e.decrement_max_forwards();               // errc::too_many_hops: answer 483
//   e.add_record_route("sip:proxy.example.com");
//   e.add_via({"UDP", "proxy.example.com", 5060, stateless_branch(request, "proxy.example.com").view()});
//   e.apply(sink);
template <std::size_t MaxEdits = 16, std::size_t Storage = 1024>
class proxy_edits {
public:
    explicit proxy_edits(message_view const& m, build_options o = {}) noexcept : m_(m), opt_(o) {}

    // §16.6 step 8: our Via on top, before every other Via.
    result<void> add_via(via_params const& v) {
        std::size_t const at = first_line_of(field::via);
        if (at == npos) return fail(errc::missing_header, field::via);
        return insert_lines(static_cast<std::uint32_t>(at), [&](auto& w) { w.via(v); });
    }

    // §16.7 step 3: the top Via value off a response (or a request), which may be one value
    // of a comma-separated line. With no Via left the response was for this element.
    result<void> pop_via() { return erase_first_value(field::via); }

    // RFC 3261 §18.2.1 and RFC 3581 §4, on receipt: received=<source host> on the top Via,
    // and rport=<source port> when the sender asked with a valueless rport.
    result<void> add_received(std::string_view source_host, std::optional<std::uint16_t> source_port = {}) {
        if (!detail::is_ip_address(source_host)) return fail(errc::bad_host, field::via);
        std::size_t const line = first_line_of(field::via);
        if (line == npos) return fail(errc::missing_header, field::via);
        std::string_view const top = m_.top_via();
        std::uint32_t const top_off = m_.offset_of(top);
        std::size_t const semi = top.find(';');
        std::string_view const params = semi == std::string_view::npos ? std::string_view{} : top.substr(semi);
        for (auto const& p : param_range(params, ';')) {
            std::uint32_t const at = static_cast<std::uint32_t>(top_off + (p.name.data() - top.data()));
            std::uint32_t const len = static_cast<std::uint32_t>((p.value ? p.value->data() + p.value->size() : p.name.data() + p.name.size()) -
                                                                 p.name.data());
            if (detail::ci_equal(p.name, "received")) {
                if (auto r = erase_param(at, len); !r) return r;
            } else if (detail::ci_equal(p.name, "rport") && !p.value && source_port) {
                char buf[12] = "rport=";
                std::size_t n = 6;
                unsigned v = *source_port;
                char digits[5];
                std::size_t k = 0;
                do digits[k++] = static_cast<char>('0' + v % 10);
                while ((v /= 10) != 0);
                while (k) buf[n++] = digits[--k];
                if (auto r = replace(at, len, std::string_view(buf, n)); !r) return r;
            }
        }
        char buf[64] = ";received=";
        if (source_host.size() > sizeof buf - 10) return fail(errc::bad_host, field::via);
        std::size_t n = 10;
        for (char c : source_host) buf[n++] = c;
        return replace(static_cast<std::uint32_t>(top_off + top.size()), 0, std::string_view(buf, n));
    }

    // Every line of a header removed (credentials this proxy consumed, §22.3; headers a
    // policy strips).
    result<void> remove(field f) {
        for (std::size_t i = 0; i < m_.header_count(); ++i)
            if (m_.entry(i).id == f)
                if (auto r = add({m_.entry(i).name_off, line_length(i), {}}); !r) return r;
        return {};
    }

    // §16.6 step 3: Max-Forwards minus one; 70 (or `absent`) added when there is none. A
    // request that arrives with 0 must not be forwarded: errc::too_many_hops (answer 483).
    result<void> decrement_max_forwards(std::uint8_t absent = 70) {
        auto mf = m_.max_forwards();
        if (!mf) {
            std::size_t const at = after_vias();
            return insert_lines(static_cast<std::uint32_t>(at), [&](auto& w) { w.max_forwards(absent); });
        }
        if (*mf == 0) return fail(errc::too_many_hops, field::max_forwards);
        std::size_t const i = first_line_of(field::max_forwards);
        header_entry const& h = m_.entry(index_of(i));
        char digits[3];
        std::size_t n = 0;
        unsigned v = *mf - 1u;
        do digits[2 - n++] = static_cast<char>('0' + v % 10);
        while ((v /= 10) != 0);
        return replace(h.value_off, h.value_len, std::string_view(digits + 3 - n, n));
    }

    // §16.6 step 4: our Record-Route before any existing one; lr is added when missing.
    result<void> add_record_route(std::string_view uri, std::string_view params = {}) {
        if (uri.empty() || !detail::is_safe_uri(uri)) return fail(errc::bad_uri, field::record_route);
        std::size_t at = first_line_of(field::record_route);
        if (at == npos) at = after_vias();
        bool const lr = detail::uri_has_lr(uri);
        return insert_lines(static_cast<std::uint32_t>(at), [&](auto& w) {
            if (lr) {
                w.record_route(uri, params);
            } else {
                // the URI with ";lr" appended inside the brackets (before any ?headers)
                char buf[512];
                std::size_t const q = uri.find('?');
                std::string_view const head = uri.substr(0, q);
                std::string_view const tail = q == std::string_view::npos ? std::string_view{} : uri.substr(q);
                if (head.size() + 3 + tail.size() > sizeof buf) {
                    w.record_route({}, {});  // refused: too long
                    return;
                }
                std::size_t n = 0;
                for (char c : head) buf[n++] = c;
                for (char c : std::string_view(";lr")) buf[n++] = c;
                for (char c : tail) buf[n++] = c;
                w.record_route(std::string_view(buf, n), params);
            }
        });
    }

    // §16.6 step 2: the Request-URI of this target.
    result<void> set_request_uri(std::string_view uri) {
        if (!m_.is_request()) return fail(errc::bad_start_line, field::other);
        if (!detail::is_safe_uri(uri)) return fail(errc::bad_request_uri, field::other);
        std::string_view const old = m_.request_uri();
        return replace(m_.offset_of(old), static_cast<std::uint32_t>(old.size()), uri);
    }

    // §16.4: the first Route value names this proxy: remove it.
    result<void> pop_route() { return erase_first_value(field::route); }

    // §16.4: the Request-URI is a URI this proxy put in a Record-Route, so a strict router
    // sent the request: the last Route value becomes the Request-URI and leaves Route.
    result<void> strict_route_fixup() {
        std::size_t last_line = npos;
        for (std::size_t i = 0; i < m_.header_count(); ++i)
            if (m_.entry(i).id == field::route) last_line = i;
        if (last_line == npos) return fail(errc::missing_header, field::route);
        header_entry const& h = m_.entry(last_line);
        std::string_view const v = m_.value(h);
        std::size_t last_comma = npos;
        for (std::size_t c = detail::find_list_comma(v, 0); c != npos; c = detail::find_list_comma(v, c + 1)) last_comma = c;
        std::string_view const last_value = detail::trim_lws(last_comma == npos ? v : v.substr(last_comma + 1));
        std::string_view const uri = detail::uri_of_name_addr(last_value);
        if (auto r = set_request_uri(uri); !r) return r;
        if (last_comma == npos) return add({h.name_off, line_length(last_line), {}});
        return add({static_cast<std::uint32_t>(h.value_off + last_comma), static_cast<std::uint32_t>(v.size() - last_comma), {}});
    }

    // §16.6 step 6: when the first Route URI has no lr (a strict router is next), the
    // Request-URI goes last into Route and the first Route URI becomes the Request-URI.
    // Does nothing when there is no Route or the first one is a loose router.
    result<void> route_to_strict_router() {
        std::size_t const first = first_line_of(field::route);
        if (first == npos) return {};
        std::size_t const fi = index_of(first);
        std::string_view const first_value = detail::first_list_element(m_.value(m_.entry(fi)));
        std::string_view const uri = detail::uri_of_name_addr(first_value);
        if (detail::uri_has_lr(uri)) return {};
        std::size_t last_line = fi;
        for (std::size_t i = fi; i < m_.header_count(); ++i)
            if (m_.entry(i).id == field::route) last_line = i;
        std::string_view const ruri = m_.request_uri();
        std::uint32_t const after_last = m_.entry(last_line).name_off + line_length(last_line);
        if (auto r = insert_lines(after_last, [&](auto& w) { w.route(ruri); }); !r) return r;
        if (auto r = set_request_uri(uri); !r) return r;
        return erase_first_value(field::route);
    }

    // Writes the edited message into `sink` in one pass; returns its size.
    template <class Sink>
    result<std::size_t> apply(Sink& sink) const {
        // By offset; at one offset, insertions (erase 0) before the erasure they precede, and
        // otherwise in the order they were made. An insertion sort: stable, and unlike
        // std::stable_sort it needs no temporary buffer from the heap.
        std::array<edit, MaxEdits> sorted{};
        auto before = [](edit const& a, edit const& b) {
            return a.offset != b.offset ? a.offset < b.offset : (a.erase == 0 && b.erase != 0);
        };
        for (std::size_t i = 0; i < count_; ++i) {
            std::size_t j = i;
            while (j > 0 && before(edits_[i], sorted[j - 1])) {
                sorted[j] = sorted[j - 1];
                --j;
            }
            sorted[j] = edits_[i];
        }
        std::string_view const bytes = m_.bytes();
        std::size_t const start = sink.size();
        bool ok = true;
        std::size_t pos = 0;
        for (std::size_t i = 0; i < count_; ++i) {
            edit const& e = sorted[i];
            if (e.offset < pos || e.offset + e.erase > bytes.size()) {  // overlapping edits
                sink.truncate(start);
                return parse_error{errc::bad_header_value, e.offset, field::other};
            }
            ok = sink.append(bytes.substr(pos, e.offset - pos)) && ok;
            ok = sink.append(e.insert) && ok;
            pos = e.offset + e.erase;
        }
        ok = sink.append(bytes.substr(pos)) && ok;
        if (!ok) return parse_error{errc::buffer_too_small, 0, field::other};
        return sink.size() - start;
    }

    std::size_t size() const noexcept { return count_; }
    edit const* begin() const noexcept { return edits_.data(); }
    edit const* end() const noexcept { return edits_.data() + count_; }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    result<void> fail(errc code, field f) const noexcept { return parse_error{code, 0, f}; }

    result<void> add(edit e) {
        if (count_ == MaxEdits) return fail(errc::too_many_headers, field::other);
        edits_[count_++] = e;
        return {};
    }

    // A ";name[=value]" parameter erased, its ';' (and whitespace before it) included.
    result<void> erase_param(std::uint32_t name_at, std::uint32_t len) {
        std::string_view const b = m_.bytes();
        std::uint32_t start = name_at;
        while (start > 0 && b[start - 1] != ';') --start;
        --start;
        return add({start, name_at + len - start, {}});
    }

    // [offset, offset + erase) becomes `text`, kept in the storage.
    result<void> replace(std::uint32_t offset, std::uint32_t erase, std::string_view text) {
        if (text.size() > Storage - used_) return fail(errc::buffer_too_small, field::other);
        std::copy(text.begin(), text.end(), storage_.begin() + used_);
        std::string_view const kept(storage_.data() + used_, text.size());
        used_ += text.size();
        return add({offset, erase, kept});
    }

    // Header lines written by a builder, inserted at `offset`.
    template <class F>
    result<void> insert_lines(std::uint32_t offset, F&& write) {
        span_sink s(storage_.data() + used_, Storage - used_);
        detail::header_lines<span_sink> w(s, opt_);
        write(w);
        auto n = w.done();
        if (!n) return n.error();
        std::string_view const text(storage_.data() + used_, *n);
        used_ += *n;
        return add({offset, 0, text});
    }

    // Offset of the first line of field f (npos when absent).
    std::size_t first_line_of(field f) const noexcept {
        for (std::size_t i = 0; i < m_.header_count(); ++i)
            if (m_.entry(i).id == f) return m_.entry(i).name_off;
        return npos;
    }
    std::size_t index_of(std::size_t name_off) const noexcept {
        for (std::size_t i = 0; i < m_.header_count(); ++i)
            if (m_.entry(i).name_off == name_off) return i;
        return 0;
    }
    // Where the line after the last of the leading Via lines starts (or the first header).
    std::size_t after_vias() const noexcept {
        std::size_t i = 0;
        while (i < m_.header_count() && m_.entry(i).id == field::via) ++i;
        if (i < m_.header_count()) return m_.entry(i).name_off;
        return end_of_headers();
    }
    // The start of the empty line that ends the headers.
    std::size_t end_of_headers() const noexcept {
        std::string_view const b = m_.bytes();
        std::size_t const body = static_cast<std::size_t>(m_.body().data() - b.data());
        return body >= 2 && b[body - 2] == '\r' ? body - 2 : body - 1;
    }
    // Length of header line i, its line end (and any continuation lines) included.
    std::uint32_t line_length(std::size_t i) const noexcept {
        std::size_t const next = i + 1 < m_.header_count() ? m_.entry(i + 1).name_off : end_of_headers();
        return static_cast<std::uint32_t>(next - m_.entry(i).name_off);
    }
    // Removes the first value of field f: the whole line when it holds one value, else the
    // value and the comma after it.
    result<void> erase_first_value(field f) {
        for (std::size_t i = 0; i < m_.header_count(); ++i) {
            header_entry const& h = m_.entry(i);
            if (h.id != f) continue;
            std::string_view const v = m_.value(h);
            std::size_t const c = detail::find_list_comma(v, 0);
            if (c == npos) return add({h.name_off, line_length(i), {}});
            std::size_t next = c + 1;
            while (next < v.size() && (detail::is_wsp(v[next]) || v[next] == '\r' || v[next] == '\n')) ++next;
            return add({h.value_off, static_cast<std::uint32_t>(next), {}});
        }
        return fail(errc::missing_header, f);
    }

    message_view const& m_;
    build_options opt_;
    std::array<edit, MaxEdits> edits_{};
    std::size_t count_ = 0;
    std::array<char, Storage> storage_{};
    std::size_t used_ = 0;
};

}  // namespace sipwire

#endif
