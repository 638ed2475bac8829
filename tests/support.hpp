// Test helpers: messages in exactly-sized heap buffers (so ASan sees any read past the
// end: the parser never gets a NUL terminator to lean on), and short parse wrappers.
#ifndef SIPWIRE_TESTS_SUPPORT_HPP
#define SIPWIRE_TESTS_SUPPORT_HPP

#include <sipwire/message.hpp>

#include <cstring>
#include <deque>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

namespace test {

// A copy of `s` in a buffer of exactly s.size() bytes.
class exact {
public:
    explicit exact(std::string_view s) : buf_(new char[s.size() ? s.size() : 1]), size_(s.size()) {
        if (!s.empty()) std::memcpy(buf_.get(), s.data(), s.size());
    }
    std::string_view view() const { return {buf_.get(), size_}; }
    operator std::string_view() const { return view(); }

private:
    std::unique_ptr<char[]> buf_;
    std::size_t size_;
};

// An exact copy that lives until the program ends: for views that a test returns.
inline std::string_view keep(std::string_view s) {
    static std::deque<exact> arena;
    arena.emplace_back(s);
    return arena.back().view();
}

inline std::string read_file(std::string const& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

inline std::string str(std::string_view v) { return std::string(v); }

// The message text written with '\n' line ends in the test, sent with CRLF.
inline std::string crlf(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += "\r\n";
        else out += c;
    }
    return out;
}

}  // namespace test

#endif
