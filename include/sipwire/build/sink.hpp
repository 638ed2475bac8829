// sipwire — where built messages go. A sink takes bytes with `bool append(std::string_view)`
// and can be cut back to an earlier size with `truncate(n)`, so that a builder that refuses
// a value leaves nothing of the message behind.
#ifndef SIPWIRE_BUILD_SINK_HPP
#define SIPWIRE_BUILD_SINK_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sipwire {

namespace detail {

// Builders append many short pieces (a name, ": ", a parameter, CRLF). Copying those with two
// fixed-size, possibly overlapping moves avoids a library memcpy call for each; both loads
// happen before the stores. Longer pieces go to memcpy.
inline void copy_bytes(char* d, char const* s, std::size_t n) noexcept {
    if (n >= 8) {
        if (n > 16) {
            std::memcpy(d, s, n);
            return;
        }
        std::uint64_t a, b;
        std::memcpy(&a, s, 8), std::memcpy(&b, s + n - 8, 8);
        std::memcpy(d, &a, 8), std::memcpy(d + n - 8, &b, 8);
    } else if (n >= 4) {
        std::uint32_t a, b;
        std::memcpy(&a, s, 4), std::memcpy(&b, s + n - 4, 4);
        std::memcpy(d, &a, 4), std::memcpy(d + n - 4, &b, 4);
    } else if (n > 0) {
        char const a = s[0], b = s[n / 2], c = s[n - 1];
        d[0] = a, d[n / 2] = b, d[n - 1] = c;
    }
}

}  // namespace detail

// The caller's buffer. On overflow nothing more is written and needed() reports the size the
// whole output would have taken, so the caller can retry with a larger buffer.
class span_sink {
public:
    constexpr span_sink(char* data, std::size_t capacity) noexcept : data_(data), capacity_(capacity) {}
    template <std::size_t N>
    constexpr explicit span_sink(char (&buffer)[N]) noexcept : data_(buffer), capacity_(N) {}

    bool append(std::string_view s) noexcept {
        needed_ += s.size();
        if (overflow_ || s.size() > capacity_ - size_) {
            overflow_ = true;
            return false;
        }
        detail::copy_bytes(data_ + size_, s.data(), s.size());
        size_ += s.size();
        return true;
    }
    // Back to `n` bytes of output (n no larger than needed()).
    void truncate(std::size_t n) noexcept {
        if (n < size_) size_ = n;
        if (n < needed_) needed_ = n;
        overflow_ = needed_ > size_;
    }
    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return capacity_; }
    // Bytes the output needs: size() unless it overflowed.
    std::size_t needed() const noexcept { return needed_; }
    bool overflowed() const noexcept { return overflow_; }
    std::string_view view() const noexcept { return {data_, size_}; }
    void clear() noexcept { size_ = needed_ = 0, overflow_ = false; }

private:
    char* data_;
    std::size_t capacity_;
    std::size_t size_ = 0;
    std::size_t needed_ = 0;
    bool overflow_ = false;
};

// Appends to a std::string (which allocates as it grows: for code off the hot path).
class string_sink {
public:
    explicit string_sink(std::string& out) noexcept : out_(&out), start_(out.size()) {}
    bool append(std::string_view s) {
        out_->append(s);
        return true;
    }
    void truncate(std::size_t n) {
        if (n < out_->size()) out_->resize(n);
    }
    std::size_t size() const noexcept { return out_->size(); }
    std::string_view view() const noexcept { return std::string_view(*out_).substr(start_); }

private:
    std::string* out_;
    std::size_t start_;
};

// A sink with its own fixed-size storage.
template <std::size_t N>
class static_buffer {
public:
    static_buffer() noexcept : sink_(storage_.data(), N) {}
    static_buffer(static_buffer const&) = delete;
    static_buffer& operator=(static_buffer const&) = delete;
    bool append(std::string_view s) noexcept { return sink_.append(s); }
    void truncate(std::size_t n) noexcept { sink_.truncate(n); }
    std::size_t size() const noexcept { return sink_.size(); }
    std::size_t needed() const noexcept { return sink_.needed(); }
    bool overflowed() const noexcept { return sink_.overflowed(); }
    std::string_view view() const noexcept { return sink_.view(); }
    void clear() noexcept { sink_.clear(); }
    static constexpr std::size_t capacity() noexcept { return N; }

private:
    std::array<char, N> storage_;
    span_sink sink_;
};

}  // namespace sipwire

#endif
