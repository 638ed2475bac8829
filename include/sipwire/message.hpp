// sipwire — message_view and the stage-1 parser.
//
// Stage 1 frames a message in one pass: start line, one table entry per header (name
// mapped to a `field` once, folds noted but never rewritten), body from Content-Length.
// It also validates and caches the hot metadata every SIP element needs: the top Via
// value, From, To, Call-ID, CSeq, Max-Forwards and Content-Length.
//
// Everything returned is a view into the caller's bytes. The input is never written to,
// needs no NUL terminator, and nothing here allocates. This header does not use Spirit.
#ifndef SIPWIRE_MESSAGE_HPP
#define SIPWIRE_MESSAGE_HPP

#include <sipwire/config.hpp>
#include <sipwire/detail/chars.hpp>
#include <sipwire/detail/ci.hpp>
#include <sipwire/detail/scan.hpp>
#include <sipwire/error.hpp>
#include <sipwire/field.hpp>
#include <sipwire/headers/call_id.hpp>
#include <sipwire/headers/cseq.hpp>
#include <sipwire/headers/max_forwards.hpp>
#include <sipwire/method.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>

namespace sipwire {

// One header line of the message: offsets into the message bytes. 16 bytes.
struct header_entry {
    std::uint32_t name_off = 0;
    std::uint32_t value_off = 0;   // value with surrounding whitespace trimmed
    std::uint32_t value_len = 0;
    std::uint16_t name_len = 0;
    field id = field::other;
    std::uint8_t flags = 0;

    static constexpr std::uint8_t folded = 1;  // the value spans continuation lines
    constexpr bool is_folded() const noexcept { return (flags & folded) != 0; }
};
static_assert(sizeof(header_entry) == 16, "header_entry is meant to stay 16 bytes");

// A header as seen through a message: name as written, value, id.
struct header_ref {
    std::string_view name;
    std::string_view value;
    field id = field::other;
    bool folded = false;
};

class message_view;

namespace detail {
struct scanner;
inline constexpr std::uint16_t no_index = 0xffff;
}  // namespace detail

namespace detail {
// Which header lines a value_range walks, and whether it splits them on commas.
struct value_filter {
    message_view const* msg = nullptr;
    field id = field::other;
    std::string_view name;  // used when id is field::other
    bool split = false;
    bool matches(std::size_t index) const noexcept;
};
}  // namespace detail

// Forward range over the values of one header: every line with that field (or name), and
// for list headers (Via, Contact, Route...) every comma-separated element of each line.
// Commas inside quoted strings and <...> do not split. Elements are trimmed. Iterators
// stay valid as long as the message they come from.
class value_range {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using pointer = std::string_view const*;
        using reference = std::string_view;

        iterator() = default;
        std::string_view operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept { advance(); return *this; }
        iterator operator++(int) noexcept { iterator t = *this; advance(); return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept {
            return a.index_ == b.index_ && a.pos_ == b.pos_;
        }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return !(a == b); }
        // The header line the current value comes from (index into the message's headers).
        std::size_t header_index() const noexcept { return index_; }

    private:
        friend class value_range;
        iterator(detail::value_filter const& f, std::size_t index, bool at_end) noexcept : filter_(f), index_(index) {
            if (!at_end) settle();
        }
        void settle() noexcept;
        void advance() noexcept { pos_ = next_; settle(); }

        detail::value_filter filter_{};
        std::size_t index_ = 0;   // header index, or the header count at the end
        std::size_t pos_ = 0;     // start of the current element inside the value
        std::size_t next_ = 0;    // start of the next element (past the value when there is none)
        std::string_view current_;
    };

    value_range(message_view const& m, field f, std::string_view name, bool split) noexcept : filter_{&m, f, name, split} {}
    iterator begin() const noexcept { return iterator(filter_, 0, false); }
    iterator end() const noexcept;
    bool empty() const noexcept { return begin() == end(); }
    std::size_t size() const noexcept {
        std::size_t n = 0;
        for (auto it = begin(), e = end(); it != e; ++it) ++n;
        return n;
    }

private:
    detail::value_filter filter_;
};

class message_view {
public:
    message_view() = default;

    // --- bytes -------------------------------------------------------------------------
    // The message, from its start line to the end of its body. A datagram may carry bytes
    // after that (RFC 3261 §18.3 says to ignore them): see trailing().
    std::string_view bytes() const noexcept { return {data_, size_}; }
    std::size_t size() const noexcept { return size_; }
    std::string_view trailing() const noexcept { return {data_ + size_, input_size_ - size_}; }
    // Offset of a view returned by this message from the start of the input.
    std::uint32_t offset_of(std::string_view part) const noexcept {
        return static_cast<std::uint32_t>(part.data() - data_);
    }

    // --- start line --------------------------------------------------------------------
    bool is_request() const noexcept { return status_ == 0; }
    bool is_response() const noexcept { return status_ != 0; }
    std::string_view start_line() const noexcept { return start_line_; }
    sipwire::method method() const noexcept { return method_; }
    std::string_view method_text() const noexcept { return method_text_; }
    std::string_view request_uri() const noexcept { return request_uri_; }  // without <> when tolerated
    std::string_view version() const noexcept { return version_; }
    int status() const noexcept { return status_; }
    std::string_view reason() const noexcept { return reason_; }

    // --- headers -----------------------------------------------------------------------
    std::size_t header_count() const noexcept { return count_; }
    header_entry const& entry(std::size_t i) const noexcept { return table_[i]; }
    header_ref header(std::size_t i) const noexcept {
        header_entry const& e = table_[i];
        return {{data_ + e.name_off, e.name_len}, {data_ + e.value_off, e.value_len}, e.id, e.is_folded()};
    }
    std::string_view name(header_entry const& e) const noexcept { return {data_ + e.name_off, e.name_len}; }
    std::string_view value(header_entry const& e) const noexcept { return {data_ + e.value_off, e.value_len}; }

    // First header line with this field, as a whole value (not split on commas).
    std::optional<std::string_view> find(field f) const noexcept {
        for (std::size_t i = 0; i < count_; ++i)
            if (table_[i].id == f) return value(table_[i]);
        return std::nullopt;
    }
    // First header line with this name (case-insensitive; compact forms of known headers match too).
    std::optional<std::string_view> find(std::string_view header_name) const noexcept {
        field const f = field_from_name(header_name);
        if (f != field::other) return find(f);
        for (std::size_t i = 0; i < count_; ++i)
            if (table_[i].id == field::other && detail::ci_equal(name(table_[i]), header_name)) return value(table_[i]);
        return std::nullopt;
    }
    // Number of header lines with this field.
    std::size_t count(field f) const noexcept {
        std::size_t n = 0;
        for (std::size_t i = 0; i < count_; ++i) n += table_[i].id == f;
        return n;
    }
    // Every value of this header, lazily (see value_range).
    value_range all(field f) const noexcept { return value_range(*this, f, {}, is_list(f)); }
    value_range all(std::string_view header_name) const noexcept {
        field const f = field_from_name(header_name);
        return value_range(*this, f, header_name, f != field::other && is_list(f));
    }

    // --- hot metadata, validated by stage 1 --------------------------------------------
    // First Via value: the first comma element of the first Via line (RFC 3261 §8.1.1.7).
    std::string_view top_via() const noexcept { return top_via_; }
    std::string_view from() const noexcept { return hot(from_); }
    std::string_view to() const noexcept { return hot(to_); }
    std::string_view call_id() const noexcept { return hot(call_id_); }
    std::uint32_t cseq() const noexcept { return cseq_.number; }
    sipwire::method cseq_method() const noexcept { return cseq_.method; }
    std::string_view cseq_method_text() const noexcept { return cseq_.method_text; }
    std::optional<std::uint8_t> max_forwards() const noexcept {
        return max_forwards_ < 0 ? std::nullopt : std::optional<std::uint8_t>(static_cast<std::uint8_t>(max_forwards_));
    }
    std::optional<std::uint32_t> content_length() const noexcept {
        return has_content_length_ ? std::optional<std::uint32_t>(content_length_) : std::nullopt;
    }
    std::string_view body() const noexcept { return {data_ + body_off_, size_ - body_off_}; }

    // --- diagnostics -------------------------------------------------------------------
    // Defects accepted through parse_options::allow, each with where it was seen.
    std::size_t warning_count() const noexcept { return warning_count_; }
    warning const* warnings_begin() const noexcept { return warnings_.data(); }
    warning const* warnings_end() const noexcept { return warnings_.data() + warning_count_; }
    // First violation of a message rule (missing or repeated mandatory header, bad CSeq,
    // unsupported version...) seen while framing. parse_message fails with it; scan_message
    // leaves it here so that a server can still answer with a 400 (or 505).
    parse_error const& problem() const noexcept { return problem_; }

private:
    friend struct detail::scanner;
    template <std::size_t>
    friend class parsed_message;

    std::string_view hot(std::uint16_t i) const noexcept { return i == detail::no_index ? std::string_view{} : value(table_[i]); }

    // Back to the state of a default-constructed view, member by member: assigning a fresh
    // message_view{} zero-fills a temporary and copies it, which showed up in stage 1 profiles.
    void reset(char const* data, std::size_t size, header_entry const* table) noexcept {
        data_ = data;
        table_ = table;
        input_size_ = static_cast<std::uint32_t>(size);
        size_ = body_off_ = 0;
        count_ = 0;
        from_ = to_ = call_id_ = cseq_index_ = via_index_ = detail::no_index;
        start_line_ = method_text_ = request_uri_ = version_ = reason_ = top_via_ = {};
        method_ = sipwire::method::other;
        status_ = 0;
        max_forwards_ = -1;
        has_content_length_ = false;
        content_length_ = 0;
        cseq_ = cseq_view{};
        problem_ = parse_error{};
        warning_count_ = 0;
    }

    char const* data_ = nullptr;
    header_entry const* table_ = nullptr;
    std::uint32_t input_size_ = 0;
    std::uint32_t size_ = 0;
    std::uint32_t body_off_ = 0;
    std::uint16_t count_ = 0;
    std::uint16_t from_ = detail::no_index, to_ = detail::no_index, call_id_ = detail::no_index,
                  cseq_index_ = detail::no_index, via_index_ = detail::no_index;
    std::string_view start_line_, method_text_, request_uri_, version_, reason_, top_via_;
    sipwire::method method_ = sipwire::method::other;
    std::uint16_t status_ = 0;
    std::int16_t max_forwards_ = -1;
    bool has_content_length_ = false;
    std::uint32_t content_length_ = 0;
    cseq_view cseq_{};
    parse_error problem_{};
    std::uint8_t warning_count_ = 0;
    std::array<warning, 4> warnings_{};
};

// ---------------------------------------------------------------------------------------
// value_range out-of-line members

inline bool detail::value_filter::matches(std::size_t i) const noexcept {
    header_entry const& e = msg->entry(i);
    if (id != field::other) return e.id == id;
    return e.id == field::other && ci_equal(msg->name(e), name);
}

inline value_range::iterator value_range::end() const noexcept {
    return iterator(filter_, filter_.msg->header_count(), true);
}

// Position the iterator on the element starting at pos_ of header index_, moving on to the
// next matching header when that one is exhausted.
inline void value_range::iterator::settle() noexcept {
    message_view const& m = *filter_.msg;
    std::size_t const n = m.header_count();
    while (index_ < n) {
        if (filter_.matches(index_)) {
            std::string_view const v = m.value(m.entry(index_));
            if (!filter_.split) {
                if (pos_ == 0) {
                    current_ = v;
                    next_ = v.size() + 1;
                    return;
                }
            } else if (pos_ <= v.size() && !(pos_ == 0 && v.empty())) {
                std::size_t const c = detail::find_list_comma(v, pos_);
                std::size_t const stop = c == std::string_view::npos ? v.size() : c;
                current_ = detail::trim_lws(v.substr(pos_, stop - pos_));
                next_ = stop + 1;
                return;
            }
        }
        ++index_;
        pos_ = 0;
    }
    index_ = n;
    pos_ = 0;
    current_ = {};
}

// ---------------------------------------------------------------------------------------
// Stage 1

namespace detail {

struct scanner {
    std::string_view in;
    header_entry* table;
    std::size_t capacity;
    parse_options const& opt;
    message_view& m;
    parse_error err{};  // the framing error, once one is found

    std::uint32_t off(char const* p) const noexcept { return static_cast<std::uint32_t>(p - in.data()); }
    // Records a framing error; always returns false so that callers can `return fail(...)`.
    bool fail(errc code, char const* at, field f = field::other) noexcept {
        err = {code, off(at), f};
        return false;
    }

    void warn(lenient code, char const* at) noexcept {
        for (std::size_t i = 0; i < m.warning_count_; ++i)
            if (m.warnings_[i].code == code) return;  // one warning per kind: the first place it was seen
        if (m.warning_count_ < m.warnings_.size()) m.warnings_[m.warning_count_++] = {code, off(at)};
    }
    void problem(errc code, char const* at, field f) noexcept {
        if (m.problem_.code == errc::ok) m.problem_ = {code, off(at), f};
    }

    // Checks the line ending at `eol` (a CR or LF found by find_eol) and returns the first
    // byte of the following line, or nullptr after recording the error.
    char const* line_end(char const* eol, char const* end) noexcept {
        if (SIPWIRE_LIKELY(*eol == '\r')) {
            if (SIPWIRE_LIKELY(end - eol >= 2 && eol[1] == '\n')) return eol + 2;
            fail(eol + 1 == end ? errc::missing_empty_line : errc::bad_line_ending, eol + 1 == end ? eol + 1 : eol);
            return nullptr;
        }
        if (!allows(opt.allow, lenient::bare_lf)) {
            fail(errc::bad_line_ending, eol);
            return nullptr;
        }
        warn(lenient::bare_lf, eol);
        return eol + 1;
    }

    // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT     (RFC 3261 §25.1; "SIP" is case-insensitive)
    bool version(std::string_view v) noexcept {
        bool ok = v.size() >= 7 && ci_starts_with(v, "SIP/");
        std::size_t i = 4, major = 0, minor = 0;
        while (ok && i < v.size() && ascii_digit(static_cast<unsigned char>(v[i]))) ++i, ++major;
        ok = ok && major > 0 && i < v.size() && v[i] == '.';
        ++i;
        while (ok && i < v.size() && ascii_digit(static_cast<unsigned char>(v[i]))) ++i, ++minor;
        ok = ok && minor > 0 && i == v.size();
        if (!ok) return fail(errc::bad_version, v.data());
        if (!(v.size() == 7 && v[4] == '2' && v[5] == '.' && v[6] == '0')) problem(errc::version_not_supported, v.data(), field::other);
        m.version_ = v;
        return true;
    }

    // Status-Line  =  SIP-Version SP Status-Code SP Reason-Phrase CRLF     (RFC 3261 §7.2)
    // Reason-Phrase accepts any non-control byte and HTAB: real servers send brackets and
    // UTF-8 (SIP.js #996), and a proxy must relay them rather than drop the response.
    bool status_line(char const* b, char const* e) noexcept {
        char const* p = b;
        while (p != e && *p != ' ') ++p;
        if (!version(std::string_view(b, static_cast<std::size_t>(p - b)))) return false;
        if (p == e) return fail(errc::bad_start_line, p);
        ++p;
        if (p != e && *p == ' ') {
            if (!allows(opt.allow, lenient::start_line_whitespace)) return fail(errc::bad_start_line, p);
            warn(lenient::start_line_whitespace, p);
            while (p != e && *p == ' ') ++p;
        }
        char const* const code = p;
        while (p != e && ascii_digit(static_cast<unsigned char>(*p))) ++p;
        if (p - code != 3 || code[0] < '1' || code[0] > '6') return fail(errc::bad_status_code, code);
        m.status_ = static_cast<std::uint16_t>((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0'));
        if (p == e) {
            // "SIP/2.0 200" with no SP: the grammar wants the SP even before an empty reason.
            if (!allows(opt.allow, lenient::start_line_whitespace)) return fail(errc::bad_start_line, p);
            warn(lenient::start_line_whitespace, p);
            m.reason_ = std::string_view(p, 0);
            return true;
        }
        if (*p != ' ') return fail(errc::bad_status_code, code);
        ++p;
        for (char const* r = p; r != e; ++r)
            if (!is(*r, cc_reason)) return fail(errc::bad_reason_phrase, r);
        m.reason_ = std::string_view(p, static_cast<std::size_t>(e - p));
        return true;
    }

    // Request-Line  =  Method SP Request-URI SP SIP-Version CRLF           (RFC 3261 §7.1)
    bool request_line(char const* b, char const* e) noexcept {
        bool const loose = allows(opt.allow, lenient::start_line_whitespace);
        std::size_t const mlen = run_length(b, e, cc_token);
        if (mlen == 0 || b + mlen == e || b[mlen] != ' ')
            return fail(mlen == 0 || (b + mlen != e && b[mlen] != ' ') ? errc::bad_method : errc::bad_start_line, b + mlen);
        m.method_text_ = std::string_view(b, mlen);
        m.method_ = method_from_token(m.method_text_);
        char const* u = b + mlen + 1;
        // The version is the last space-separated element; the Request-URI is what lies between.
        char const* ve = e;
        while (ve != u && is_wsp(ve[-1])) --ve;
        char const* vb = ve;
        while (vb != u && !is_wsp(vb[-1])) --vb;
        if (vb == u) return fail(errc::bad_start_line, e);
        char const* ue = vb - 1;
        // Extra whitespace, reported left to right: after the method, before the version, at the end.
        char const* const extra[3] = {is_wsp(*u) ? u : nullptr, (ue != u && is_wsp(ue[-1])) ? ue - 1 : nullptr,
                                      ve != e ? ve : nullptr};
        for (char const* x : extra) {
            if (!x) continue;
            if (!loose) return fail(errc::bad_start_line, x);
            warn(lenient::start_line_whitespace, x);
        }
        while (u != ue && is_wsp(*u)) ++u;
        while (ue != u && is_wsp(ue[-1])) --ue;
        if (u == ue) return fail(errc::bad_request_uri, u);
        // embedded LWS (RFC 4475 lwsruri) or control bytes
        if (char const* q = find_ctl_or_space(u, ue); q != ue) return fail(errc::bad_request_uri, q);
        if (*u == '<') {
            if (ue[-1] != '>' || ue - u < 3) return fail(errc::bad_request_uri, u);
            if (!allows(opt.allow, lenient::bracketed_request_uri)) return fail(errc::bad_request_uri, u);
            warn(lenient::bracketed_request_uri, u);
            ++u, --ue;
        }
        // A Request-URI is absolute: scheme ":" ...
        std::size_t const slen = run_length(u, ue, cc_scheme);
        if (slen == 0 || !ascii_alpha(static_cast<unsigned char>(*u)) || u + slen == ue || u[slen] != ':')
            return fail(errc::bad_request_uri, u + slen);
        m.request_uri_ = std::string_view(u, static_cast<std::size_t>(ue - u));
        return version(std::string_view(vb, static_cast<std::size_t>(ve - vb)));
    }

    // The hot headers: validated here so that every user sees them checked once.
    void hot(header_entry const& h, std::uint16_t index, char const* line) noexcept {
        std::string_view const v(in.data() + h.value_off, h.value_len);
        switch (h.id) {
            case field::via:
                if (m.via_index_ == no_index) {
                    m.via_index_ = index;
                    m.top_via_ = first_list_element(v);
                }
                break;
            case field::from:
                if (m.from_ != no_index) problem(errc::duplicate_header, line, h.id);
                else m.from_ = index;
                break;
            case field::to:
                if (m.to_ != no_index) problem(errc::duplicate_header, line, h.id);
                else m.to_ = index;
                break;
            case field::call_id: {
                if (m.call_id_ != no_index) {
                    problem(errc::duplicate_header, line, h.id);
                    break;
                }
                m.call_id_ = index;
                call_id_view cid;
                if (parse_error e = parse_call_id(v, cid)) problem(e.code, v.data() + e.offset, h.id);
                break;
            }
            case field::cseq: {
                if (m.cseq_index_ != no_index) {
                    problem(errc::duplicate_header, line, h.id);
                    break;
                }
                m.cseq_index_ = index;
                if (parse_error e = parse_cseq(v, m.cseq_)) {
                    problem(e.code, v.data() + e.offset, h.id);
                } else if (m.is_request() && m.cseq_.method_text != m.method_text_) {
                    problem(errc::cseq_method_mismatch, m.cseq_.method_text.data(), h.id);
                }
                break;
            }
            case field::max_forwards: {
                if (m.max_forwards_ >= 0) {
                    problem(errc::duplicate_header, line, h.id);
                    break;
                }
                std::uint64_t n = 0;
                if (parse_error e = parse_number_value(v, 255, errc::bad_max_forwards, errc::bad_max_forwards, h.id, n))
                    problem(e.code, v.data() + e.offset, h.id);
                else
                    m.max_forwards_ = static_cast<std::int16_t>(n);
                break;
            }
            default: break;
        }
    }

    // Content-Length: needed for framing, so a bad one is a framing error.
    bool content_length(header_entry const& h, char const* line, std::uint32_t& length) noexcept {
        std::string_view const v(in.data() + h.value_off, h.value_len);
        std::uint64_t n = 0;
        if (!parse_uint(v, 0xffffffffu, n)) {
            std::size_t i = 0;
            while (i < v.size() && ascii_digit(static_cast<unsigned char>(v[i]))) ++i;
            return fail(errc::bad_content_length, v.data() + (i == v.size() ? 0 : i), field::content_length);
        }
        if (m.has_content_length_ && n != length) return fail(errc::conflicting_content_length, line, field::content_length);
        if (m.has_content_length_) problem(errc::duplicate_header, line, field::content_length);
        m.has_content_length_ = true;
        length = static_cast<std::uint32_t>(n);
        return true;
    }

    bool run() noexcept {
        char const* const begin = in.data();
        char const* const end = begin + in.size();
        m.reset(begin, in.size(), table);
        if (in.size() > opt.max_message_size || in.size() > 0xffffffffu) return fail(errc::message_too_large, begin);

        // RFC 3261 §7.5: CRLFs before the start line are ignored (a lone CR is not one).
        char const* p = begin;
        for (;;) {
            if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') p += 2;
            else if (p != end && *p == '\n' && allows(opt.allow, lenient::bare_lf)) ++p;
            else break;
        }
        if (p == end) return fail(errc::empty_message, p);

        // ---- start line
        char const* eol = find_eol(p, end);
        if (static_cast<std::size_t>(eol - p) > opt.max_line_length) return fail(errc::line_too_long, p);
        if (eol == end) return fail(errc::missing_empty_line, eol);
        m.start_line_ = std::string_view(p, static_cast<std::size_t>(eol - p));
        if (!((eol - p >= 4 && ci_starts_with(m.start_line_, "SIP/")) ? status_line(p, eol) : request_line(p, eol))) return false;
        if (!(p = line_end(eol, end))) return false;

        // ---- header lines
        std::size_t const cap = opt.max_headers ? (opt.max_headers < capacity ? opt.max_headers : capacity) : capacity;
        std::size_t const max_entries = cap < no_index ? cap : no_index - 1;
        std::size_t const max_line = opt.max_line_length;
        std::uint32_t content_length_value = 0;
        char const* body = nullptr;
        for (;;) {
            if (SIPWIRE_UNLIKELY(p == end)) {
                if (opt.mode == framing::datagram && allows(opt.allow, lenient::missing_empty_line)) {
                    warn(lenient::missing_empty_line, p);
                    body = p;
                    break;
                }
                return fail(errc::missing_empty_line, p);
            }
            if (*p == '\r' || *p == '\n') {  // the empty line
                if (!(body = line_end(p, end))) return false;
                break;
            }
            if (SIPWIRE_UNLIKELY(is_wsp(*p))) return fail(errc::bad_folding, p);
            char const* const line = p;
            std::size_t const nlen = token_run(p, end);
            if (SIPWIRE_UNLIKELY(nlen == 0)) return fail(errc::bad_header_name, p);
            char const* q = p + nlen;
            if (SIPWIRE_UNLIKELY(q == end || *q != ':')) {
                while (q != end && is_wsp(*q)) ++q;
                if (q == end || *q != ':') {
                    if (q == p + nlen && q != end && *q != '\r' && *q != '\n') return fail(errc::bad_header_name, q);
                    return fail(errc::missing_colon, q);
                }
            }
            char const* vb = q + 1;
            while (vb != end && is_wsp(*vb)) ++vb;
            eol = find_eol(vb, end);
            if (SIPWIRE_UNLIKELY(eol == end)) return fail(errc::missing_empty_line, eol);
            char const* next = line_end(eol, end);
            if (SIPWIRE_UNLIKELY(!next)) return false;
            char const* ve = eol;
            std::uint8_t flags = 0;
            while (next != end && is_wsp(*next)) {  // continuation lines (RFC 3261 §7.3.1)
                flags = header_entry::folded;
                eol = find_eol(next, end);
                if (eol == end) return fail(errc::missing_empty_line, eol);
                if (!(next = line_end(eol, end))) return false;
                ve = eol;
            }
            if (SIPWIRE_UNLIKELY(static_cast<std::size_t>(ve - line) > max_line || nlen > 0xffff)) return fail(errc::line_too_long, line);
            if (flags) {  // trim folds and whitespace at both ends of a folded value
                std::string_view const t = trim_lws(std::string_view(vb, static_cast<std::size_t>(ve - vb)));
                vb = t.data();
                ve = vb + t.size();
                if (std::string_view(vb, t.size()).find('\n') == std::string_view::npos) flags = 0;
            } else {
                while (ve != vb && is_wsp(ve[-1])) --ve;
            }
            if (SIPWIRE_UNLIKELY(m.count_ >= max_entries)) return fail(errc::too_many_headers, line);
            header_entry& h = table[m.count_];
            h.name_off = off(line);
            h.name_len = static_cast<std::uint16_t>(nlen);
            h.value_off = off(vb);
            h.value_len = static_cast<std::uint32_t>(ve - vb);
            h.id = field_from_name(std::string_view(line, nlen));
            h.flags = flags;
            if (h.id == field::content_length) {
                if (!content_length(h, line, content_length_value)) return false;
            } else if (h.id != field::other) {
                hot(h, m.count_, line);
            }
            ++m.count_;
            p = next;
        }

        // ---- mandatory headers (RFC 3261 §8.1.1; responses carry the same five)
        if (m.via_index_ == no_index) problem(errc::missing_header, body, field::via);
        else if (m.from_ == no_index) problem(errc::missing_header, body, field::from);
        else if (m.to_ == no_index) problem(errc::missing_header, body, field::to);
        else if (m.call_id_ == no_index) problem(errc::missing_header, body, field::call_id);
        else if (m.cseq_index_ == no_index) problem(errc::missing_header, body, field::cseq);

        // ---- body (RFC 3261 §18.3)
        std::size_t const available = static_cast<std::size_t>(end - body);
        m.body_off_ = off(body);
        if (m.has_content_length_) {
            m.content_length_ = content_length_value;
            if (content_length_value > available) return fail(errc::body_truncated, body, field::content_length);
            m.size_ = off(body) + content_length_value;
        } else {
            if (opt.mode == framing::stream) return fail(errc::missing_content_length, body, field::content_length);
            m.size_ = m.input_size_;
        }
        return true;
    }
};

}  // namespace detail

// Stage 1 without the message rules: frames the message and fills `table`. Fails only when
// the bytes cannot be framed. A framed message that breaks a rule (missing From, CSeq
// mismatch, SIP/3.0...) succeeds, with the first such violation in problem().
inline result<message_view> scan_message(std::string_view in, header_entry* table, std::size_t capacity,
                                         parse_options const& options = {}) noexcept {
    message_view m;
    detail::scanner s{in, table, capacity, options, m};
    if (!s.run()) return s.err;
    return m;
}

// Stage 1: frames the message and checks the message rules. The header table belongs to
// the caller (picohttpparser style); the view refers to it and to `in`.
inline result<message_view> parse_message(std::string_view in, header_entry* table, std::size_t capacity,
                                          parse_options const& options = {}) noexcept {
    result<message_view> r = scan_message(in, table, capacity, options);
    if (r && r->problem()) return r->problem();
    return r;
}

template <std::size_t N>
inline result<message_view> parse_message(std::string_view in, std::array<header_entry, N>& table,
                                          parse_options const& options = {}) noexcept {
    return parse_message(in, table.data(), N, options);
}

// A message_view with its header table inline: no heap, one object to keep.
template <std::size_t N = SIPWIRE_DEFAULT_MAX_HEADERS>
class parsed_message : public message_view {
public:
    parsed_message() = default;
    parsed_message(parsed_message const& o) noexcept : message_view(o), table_(o.table_), framed_(o.framed_) { rebind(); }
    parsed_message& operator=(parsed_message const& o) noexcept {
        message_view::operator=(o);
        table_ = o.table_;
        framed_ = o.framed_;
        rebind();
        return *this;
    }

    // Parses `in` (stage 1 with the message rules). When the result is an error that is not
    // a framing error, is_framed() is true and every accessor works: use it to answer 400/505.
    result<void> parse(std::string_view in, parse_options const& options = {}) noexcept {
        message_view& self = *this;
        detail::scanner s{in, table_.data(), N, options, self};
        framed_ = s.run();
        if (!framed_) return s.err;
        if (problem()) return problem();
        return {};
    }
    bool is_framed() const noexcept { return framed_; }
    message_view const& view() const noexcept { return *this; }

private:
    void rebind() noexcept { static_cast<message_view&>(*this).table_ = table_.data(); }
    std::array<header_entry, N> table_{};
    bool framed_ = false;
};

// One-call form: sipwire::parse(datagram, msg).
template <std::size_t N>
inline result<void> parse(std::string_view in, parsed_message<N>& msg, parse_options const& options = {}) noexcept {
    return msg.parse(in, options);
}

// ---------------------------------------------------------------------------------------
// Unfolding: a header value with each fold (optional whitespace, CRLF, whitespace) replaced
// by one SP, as RFC 3261 §7.3.1 allows. Writes into the caller's buffer; returns the length.
inline result<std::size_t> unfold(std::string_view value, char* out, std::size_t capacity) noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < value.size();) {
        char const c = value[i];
        if (c == '\r' || c == '\n') {
            while (n > 0 && detail::is_wsp(out[n - 1])) --n;  // whitespace before the line break
            if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') ++i;
            ++i;
            while (i < value.size() && detail::is_wsp(value[i])) ++i;
            if (n == capacity) return parse_error{errc::buffer_too_small, static_cast<std::uint32_t>(i), field::other};
            out[n++] = ' ';
            continue;
        }
        if (n == capacity) return parse_error{errc::buffer_too_small, static_cast<std::uint32_t>(i), field::other};
        out[n++] = c;
        ++i;
    }
    return n;
}

}  // namespace sipwire

#endif
