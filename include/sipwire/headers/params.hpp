// sipwire — parameter lists (";name=value" of URIs and headers, "name=value," of digest
// authentication) as lazy ranges over already-validated text, and quoted-string helpers.
#ifndef SIPWIRE_HEADERS_PARAMS_HPP
#define SIPWIRE_HEADERS_PARAMS_HPP

#include <sipwire/detail/chars.hpp>
#include <sipwire/detail/ci.hpp>
#include <sipwire/detail/scan.hpp>
#include <sipwire/error.hpp>

#include <cstddef>
#include <iterator>
#include <optional>
#include <string_view>

namespace sipwire {

// One parameter: name and value as written. A quoted value keeps its quotes (see
// is_quoted() and unquoted()); a parameter without '=' has no value (`lr`, `rport`).
struct param_view {
    std::string_view name;
    std::optional<std::string_view> value;

    bool is_quoted() const noexcept { return value && value->size() >= 2 && value->front() == '"'; }
    // The value without its quotes (escapes kept as written), or the value itself.
    std::string_view unquoted() const noexcept {
        if (!value) return {};
        return is_quoted() ? value->substr(1, value->size() - 2) : *value;
    }
};

namespace detail {
// Skips a quoted string starting at v[i] == '"'. Returns the index after the closing quote,
// or v.size() when it is not closed.
constexpr std::size_t skip_quoted(std::string_view v, std::size_t i) noexcept {
    for (++i; i < v.size(); ++i) {
        if (v[i] == '\\') ++i;
        else if (v[i] == '"') return i + 1;
    }
    return v.size();
}
constexpr std::size_t skip_sws(std::string_view v, std::size_t i) noexcept {
    return static_cast<std::size_t>(skip_lws(v.data() + i, v.data() + v.size()) - v.data());
}
constexpr bool param_stop(char c) noexcept { return c == ';' || c == '=' || c == ',' || c == '\r' || c == '\n' || is_wsp(c); }
}  // namespace detail

// Range over a parameter list that a grammar has already validated: ";a=b;c" (URI and
// header parameters, separator ';') or "a=b, c=\"d\"" (digest, separator ',').
// Iteration re-parses the text and cannot fail.
class param_range {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = param_view;
        using difference_type = std::ptrdiff_t;
        using pointer = param_view const*;
        using reference = param_view const&;

        iterator() = default;
        param_view const& operator*() const noexcept { return current_; }
        param_view const* operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept { pos_ = next_; load(); return *this; }
        iterator operator++(int) noexcept { iterator t = *this; ++*this; return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.pos_ == b.pos_; }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return a.pos_ != b.pos_; }

    private:
        friend class param_range;
        iterator(std::string_view text, char sep, std::size_t pos) noexcept : text_(text), sep_(sep), pos_(pos) { load(); }
        void load() noexcept {
            using namespace detail;
            std::size_t i = pos_;
            // skip separators and whitespace before the name
            while (i < text_.size() && (text_[i] == sep_ || text_[i] == ';' || text_[i] == ',' || is_wsp(text_[i]) ||
                                        text_[i] == '\r' || text_[i] == '\n'))
                ++i;
            if (i >= text_.size()) {
                pos_ = next_ = text_.size();
                current_ = {};
                return;
            }
            pos_ = i;
            std::size_t const nb = i;
            while (i < text_.size() && !param_stop(text_[i])) ++i;
            current_.name = text_.substr(nb, i - nb);
            current_.value.reset();
            std::size_t j = skip_sws(text_, i);
            if (j < text_.size() && text_[j] == '=') {
                j = skip_sws(text_, j + 1);
                std::size_t const vb = j;
                if (j < text_.size() && text_[j] == '"') {
                    j = skip_quoted(text_, j);
                } else {
                    while (j < text_.size() && text_[j] != sep_ && text_[j] != ';' && text_[j] != ',' && !is_wsp(text_[j]) &&
                           text_[j] != '\r' && text_[j] != '\n')
                        ++j;
                }
                current_.value = text_.substr(vb, j - vb);
                i = j;
            }
            next_ = i > pos_ ? i : pos_ + 1;
        }

        std::string_view text_;
        char sep_ = ';';
        std::size_t pos_ = 0;
        std::size_t next_ = 0;
        param_view current_;
    };

    constexpr param_range() noexcept = default;
    constexpr explicit param_range(std::string_view text, char sep = ';') noexcept : text_(text), sep_(sep) {}
    iterator begin() const noexcept { return iterator(text_, sep_, 0); }
    iterator end() const noexcept { return iterator(text_, sep_, text_.size()); }
    bool empty() const noexcept { return begin() == end(); }
    std::string_view text() const noexcept { return text_; }

    // First parameter with this name (case-insensitive, as RFC 3261 compares parameter names).
    std::optional<param_view> find(std::string_view name) const noexcept {
        for (auto const& p : *this)
            if (detail::ci_equal(p.name, name)) return p;
        return std::nullopt;
    }
    bool contains(std::string_view name) const noexcept { return find(name).has_value(); }

private:
    std::string_view text_;
    char sep_ = ';';
};

// Resolves the backslash escapes of a quoted string's content (without its quotes) into
// `out`. Returns the length written. Folds inside the string are kept as written.
inline result<std::size_t> unquote(std::string_view inner, char* out, std::size_t capacity) noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < inner.size(); ++i) {
        char c = inner[i];
        if (c == '\\') {
            if (i + 1 == inner.size()) return parse_error{errc::bad_quoted_string, static_cast<std::uint32_t>(i), field::other};
            c = inner[++i];
        }
        if (n == capacity) return parse_error{errc::buffer_too_small, static_cast<std::uint32_t>(i), field::other};
        out[n++] = c;
    }
    return n;
}

}  // namespace sipwire

#endif
