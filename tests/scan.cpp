// The SSE2 scans agree with the character tables for every byte value, in the 16-byte
// blocks and in the scalar tail, and find_eol sees both CR and LF. (hostname_length is in
// host.hpp; it scans the same way.)
#include <doctest/doctest.h>
#include <sipwire/detail/host.hpp>
#include <sipwire/detail/scan.hpp>

#include <string>

using namespace sipwire::detail;

TEST_CASE("vector scans match the character classes for all 256 bytes") {
    for (int c = 0; c < 256; ++c) {
        char const ch = static_cast<char>(c);
        for (std::size_t len : {std::size_t{5}, std::size_t{40}}) {  // tail only, and blocks + tail
            for (std::size_t at : {std::size_t{0}, std::size_t{3}, len - 1}) {
                std::string s(len, 'a');
                s[at] = ch;
                char const* b = s.data();
                char const* e = b + s.size();
                CAPTURE(c);
                CAPTURE(len);
                CAPTURE(at);
                CHECK(token_run(b, e) == (is(ch, cc_token) ? len : at));
                // a hostname of 'a's with one byte changed: '-' and '.' must follow the label rules
                std::size_t host = is(ch, cc_hostname) ? len : at;
                if (ch == '-' && (at == 0 || at == len - 1)) host = 0;  // a label starts and ends alphanumeric
                if (ch == '.' && at == 0) host = 0;                      // a trailing dot is allowed
                if (ascii_digit(static_cast<unsigned char>(ch)) && at == 0) host = 0;  // the top label starts with a letter
                CHECK(hostname_length(b, e) == host);
                CHECK(word_run(b, e) == (is(ch, cc_word) ? len : at));
                bool const stop = ch == ' ' || is(ch, cc_ctl);
                CHECK(find_ctl_or_space(b, e) == (stop ? b + at : e));
                CHECK(find_eol(b, e) == ((ch == '\r' || ch == '\n') ? b + at : e));
            }
        }
    }
}

TEST_CASE("list commas: quotes, escapes and angle brackets") {
    CHECK(find_list_comma("a,b", 0) == 1);
    CHECK(find_list_comma("\"a,b\",c", 0) == 5);
    CHECK(find_list_comma("\"a\\\",b\",c", 0) == 7);
    CHECK(find_list_comma("<sip:a,b@c>,d", 0) == 11);
    CHECK(find_list_comma("<sip:a@b>;p=\"x,y\"", 0) == std::string_view::npos);
    CHECK(find_list_comma("\"unterminated,", 0) == std::string_view::npos);
    CHECK(find_list_comma("a,b,c", 2) == 3);
    CHECK(find_list_comma("a", 5) == std::string_view::npos);
    CHECK(first_list_element("  x ,y") == "x");
}
