// Inputs of about 1 MB with pathological shapes (tests/pathological.hpp): with the default
// limits each is refused by the limit it breaks; with limits raised to let it through, it is
// read to the end with the right verdict, every value visited. (That the time per byte stays
// flat as they grow is shown by the benchmark "pathological/<shape>/<bytes>".)
#include "pathological.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <sipwire/build.hpp>
#include <sipwire/parse.hpp>
#include <sipwire/stream.hpp>

#include <vector>

using namespace sipwire;
using pathological::shape;

namespace {

constexpr std::size_t one_mb = 1u << 20;

parse_options roomy() {
    parse_options o;
    o.max_line_length = 4 * one_mb;
    o.max_message_size = 4 * one_mb;
    return o;
}

struct reading {
    errc parse = errc::ok;
    errc verdict = errc::ok;
    std::uint32_t offset = 0;
    field header = field::other;
    std::size_t vias = 0, contacts = 0, typed_contacts = 0;
};

// Stage 1 with a table big enough, then the whole-message verdict and every list value.
reading read(std::string_view msg, std::vector<header_entry>& table) {
    reading out;
    auto m = parse_message(msg, table.data(), table.size(), roomy());
    if (!m) {
        out.parse = m.error().code;
        out.offset = m.error().offset;
        return out;
    }
    auto v = validate_message(*m);
    out.verdict = v.error.code;
    out.offset = v.error.offset;
    out.header = v.error.where;
    for (auto x : m->all(field::via)) (void)x, ++out.vias;
    for (auto c : parse_all<headers::contact>(*m)) {
        ++out.contacts;
        if (c) ++out.typed_contacts;
    }
    return out;
}

}  // namespace

TEST_CASE("1 MB pathological shapes: the default limits refuse each one") {
    for (shape s : pathological::all_shapes) {
        CAPTURE(pathological::name(s));
        test::exact const msg(pathological::make(s, one_mb - 1024));
        parsed_message<> m;
        auto r = m.parse(msg);
        REQUIRE(!r);
        bool const many_lines = s == shape::unknown_headers || s == shape::via_headers;
        CHECK(r.error().code == (many_lines ? errc::too_many_headers : errc::line_too_long));
        CHECK(r.error().offset < msg.view().size());
    }
    // and past 1 MB, the size limit comes first
    test::exact const big(pathological::make(shape::unknown_headers, one_mb + 4096));
    parsed_message<> m;
    CHECK(m.parse(big).error().code == errc::message_too_large);
}

TEST_CASE("1 MB pathological shapes with the limits raised: read to the end, right verdict") {
    std::vector<header_entry> table(70000);
    std::size_t n = 0;

    SUBCASE("100 000 commas between Contact values: every value typed") {
        test::exact const msg(pathological::make(shape::contact_commas, one_mb, &n));
        REQUIRE(n >= 100000);
        auto r = read(msg, table);
        CHECK(r.parse == errc::ok);
        CHECK(r.verdict == errc::ok);
        CHECK(r.contacts == n + 1);
        CHECK(r.typed_contacts == n + 1);
    }
    SUBCASE("a Via value followed by a million commas: bad_via at the first empty value") {
        test::exact const msg(pathological::make(shape::empty_via_values, one_mb, &n));
        auto r = read(msg, table);
        CHECK(r.parse == errc::ok);
        CHECK(r.verdict == errc::bad_via);
        CHECK(r.header == field::via);
        CHECK(msg.view().substr(r.offset - 1, 2) == ",,");
    }
    SUBCASE("60 000 header lines") {
        test::exact const msg(pathological::make(shape::unknown_headers, 60000 * 17 + 200, &n));
        REQUIRE(n == 60000);
        auto r = read(msg, table);
        CHECK(r.parse == errc::ok);
        CHECK(r.verdict == errc::ok);
        // a header table indexes at most 65 534 lines
        test::exact const more(pathological::make(shape::unknown_headers, 66000 * 17 + 200, &n));
        CHECK(read(more, table).parse == errc::too_many_headers);
    }
    SUBCASE("58 000 Via lines: all counted, and a response carries every one") {
        test::exact const msg(pathological::make(shape::via_headers, one_mb, &n));
        REQUIRE(n > 55000);
        auto r = read(msg, table);
        CHECK(r.parse == errc::ok);
        CHECK(r.verdict == errc::ok);
        CHECK(r.vias == n + 1);
        auto m = parse_message(msg, table.data(), table.size(), roomy());
        REQUIRE(m);
        std::string out;
        string_sink sink(out);
        REQUIRE(make_response(*m, 486, sink));
        std::vector<header_entry> table2(70000);
        auto back = parse_message(out, table2.data(), table2.size(), roomy());
        REQUIRE(back);
        std::size_t vias = 0;
        for (auto x : back->all(field::via)) (void)x, ++vias;
        CHECK(vias == n + 1);
    }
    SUBCASE("half a million nested angle brackets in To: bad_name_addr") {
        test::exact const msg(pathological::make(shape::nested_angles, one_mb, &n));
        auto r = read(msg, table);
        CHECK(r.parse == errc::ok);
        CHECK(r.verdict == errc::bad_name_addr);
        CHECK(r.header == field::to);
    }
    SUBCASE("a display name of half a million escaped quotes: valid, unquoted in full") {
        test::exact const msg(pathological::make(shape::escaped_quotes, one_mb, &n));
        auto r = read(msg, table);
        CHECK(r.parse == errc::ok);
        CHECK(r.verdict == errc::ok);
        auto m = parse_message(msg, table.data(), table.size(), roomy());
        auto from = parse_name_addr(m->from());
        REQUIRE(from);
        std::vector<char> buf(n + 1);
        auto len = unquote(*from->display_name, buf.data(), buf.size());
        REQUIRE(len);
        CHECK(*len == n);
        CHECK(std::string_view(buf.data(), *len) == std::string(n, '"'));
        CHECK(from->tag == std::optional<std::string_view>("1"));
    }
    SUBCASE("the same quotes never closed: bad_name_addr at the end of the line") {
        test::exact const msg(pathological::make(shape::open_quote, one_mb, &n));
        auto r = read(msg, table);
        CHECK(r.parse == errc::ok);
        CHECK(r.verdict == errc::bad_name_addr);
        CHECK(r.header == field::from);
        CHECK(r.offset > one_mb - 1024);  // the grammar read the whole quoted run, once
    }
    SUBCASE("nested comment parentheses in User-Agent: framed, not interpreted") {
        test::exact const msg(pathological::make(shape::nested_parens, one_mb, &n));
        auto r = read(msg, table);
        CHECK(r.parse == errc::ok);
        CHECK(r.verdict == errc::ok);
    }
}

TEST_CASE("1 MB pathological shapes on a stream: the header limit stops each, in 1460-byte pieces") {
    for (shape s : pathological::all_shapes) {
        CAPTURE(pathological::name(s));
        std::string const msg = pathological::make(s, one_mb);
        stream_framer framer;
        frame f{};
        std::size_t fed = 0;
        while (fed < msg.size()) {
            fed = std::min(msg.size(), fed + 1460);
            f = framer.next(std::string_view(msg.data(), fed));
            if (f.kind != frame_kind::need_more) break;
        }
        CHECK(f.kind == frame_kind::error);
        CHECK(fed < msg.size());  // refused long before the end
    }
}
