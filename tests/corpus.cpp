// The RFC 4475, RFC 5118 and RFC 3665 messages, read in place from the shared corpus
// folder, each with the verdict MANIFEST.md gives it; for valid messages, the key field
// values of tests/corpus_expected.txt. Writes the conformance table the README shows and
// fails when the README's copy differs. Exits 77 (CTest: skipped) without the corpus.
#define DOCTEST_CONFIG_IMPLEMENT
#include "support.hpp"

#include <doctest/doctest.h>
#include <sipwire/parse.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace sipwire;
namespace fs = std::filesystem;

namespace {

std::string corpus_dir, expected_path, table_path, readme_path;

struct entry {
    std::string file;  // "rfc4475/wsinv.sip"
    std::string kind;  // valid | invalid-must-reject | invalid-may-accept-but-flag
};

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && s[b] == ' ') ++b;
    return s.substr(b);
}

// Rows of MANIFEST.md's tables: | `rfc4475/x.sip` | source | kind | ...
std::vector<entry> read_manifest() {
    std::vector<entry> out;
    std::istringstream in(test::read_file(corpus_dir + "/MANIFEST.md"));
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("| `rfc", 0) != 0) continue;
        std::size_t const a = line.find('`'), b = line.find('`', a + 1);
        std::string file = line.substr(a + 1, b - a - 1);
        if (file.size() < 4 || file.compare(file.size() - 4, 4, ".sip") != 0 || file.find("/archive/") != std::string::npos ||
            file.find('*') != std::string::npos)  // provenance rows name folders and globs, not messages
            continue;
        std::vector<std::string> cols;
        std::stringstream ss(line);
        for (std::string c; std::getline(ss, c, '|');) cols.push_back(trim(c));
        // cols[0] is empty (before the first '|'); 1 file, 2 source, 3 kind
        REQUIRE(cols.size() > 3);
        out.push_back({file, cols[3]});
    }
    return out;
}

struct verdict {
    bool ok = false;
    errc code = errc::ok;
    std::set<lenient> warnings;
};

verdict judge(std::string_view bytes, parse_options const& o) {
    parsed_message<> m;
    auto r = m.parse(bytes, o);
    if (!m.is_framed()) return {false, r.error().code, {}};
    validation v = validate_message(m, o.allow);
    verdict out{static_cast<bool>(v), v.error.code, {}};
    for (auto const& w : v) out.warnings.insert(w.code);
    return out;
}

// What this library answers for each message the RFCs call invalid (strict mode), and what
// it tolerates in liberal mode (parse_options::liberal()). Messages not listed here are valid
// and must pass both modes with no warning.
struct expectation {
    errc strict;                     // the error strict mode reports
    bool liberal_ok;                 // liberal mode accepts it...
    std::set<lenient> warnings;      // ...flagging exactly these defects
    errc liberal = errc::ok;         // or rejects it with this
};
std::map<std::string, expectation> const decisions{
    // RFC 4475 §3.1.2 and §3.3: must be rejected
    {"rfc4475/badinv01.sip", {errc::bad_via, false, {}, errc::bad_via}},
    {"rfc4475/clerr.sip", {errc::body_truncated, false, {}, errc::body_truncated}},
    {"rfc4475/ncl.sip", {errc::bad_content_length, false, {}, errc::bad_content_length}},
    {"rfc4475/scalar02.sip", {errc::bad_cseq, false, {}, errc::bad_cseq}},
    {"rfc4475/scalarlg.sip", {errc::bad_cseq, false, {}, errc::bad_cseq}},
    {"rfc4475/badvers.sip", {errc::version_not_supported, false, {}, errc::version_not_supported}},
    {"rfc4475/mismatch01.sip", {errc::cseq_method_mismatch, false, {}, errc::cseq_method_mismatch}},
    {"rfc4475/mismatch02.sip", {errc::cseq_method_mismatch, false, {}, errc::cseq_method_mismatch}},
    {"rfc4475/bigcode.sip", {errc::bad_status_code, false, {}, errc::bad_status_code}},
    {"rfc4475/insuf.sip", {errc::missing_header, false, {}, errc::missing_header}},
    {"rfc4475/multi01.sip", {errc::duplicate_header, false, {}, errc::duplicate_header}},
    {"rfc4475/mcl01.sip", {errc::conflicting_content_length, false, {}, errc::conflicting_content_length}},
    {"rfc5118/ipv6-bad.sip", {errc::bad_request_uri, false, {}, errc::bad_request_uri}},
    // RFC 4475 §3.1.2: may be accepted by a liberal element, but flagged
    {"rfc4475/quotbal.sip", {errc::bad_name_addr, true, {lenient::unterminated_quote}}},
    {"rfc4475/ltgtruri.sip", {errc::bad_request_uri, true, {lenient::bracketed_request_uri}}},
    // embedded LWS in the Request-URI is refused in both modes: removing it would need a copy
    {"rfc4475/lwsruri.sip", {errc::bad_request_uri, false, {}, errc::bad_request_uri}},
    {"rfc4475/lwsstart.sip", {errc::bad_start_line, true, {lenient::start_line_whitespace}}},
    {"rfc4475/trws.sip", {errc::bad_start_line, true, {lenient::start_line_whitespace}}},
    {"rfc4475/escruri.sip", {errc::bad_request_uri, true, {lenient::request_uri_headers}}},
    {"rfc4475/baddate.sip", {errc::bad_date, true, {lenient::non_gmt_date}}},
    {"rfc4475/regbadct.sip", {errc::bad_name_addr, true, {lenient::addr_spec_with_headers}}},
    {"rfc4475/badaspec.sip", {errc::bad_name_addr, true, {lenient::addr_spec_spaces}}},
    {"rfc4475/baddn.sip", {errc::missing_empty_line, true, {lenient::missing_empty_line, lenient::unquoted_display_name}}},
    {"rfc4475/badbranch.sip", {errc::bad_via, true, {lenient::bare_magic_cookie}}},
    // valid, but RFC 3665 §2.1 F3 has no comma after realm="..." (a known defect of the RFC text)
    {"rfc3665/2_1-reg-F03-REGISTER.sip", {errc::bad_auth, true, {lenient::auth_param_missing_comma}}},
};

// Expected field lines per file, from corpus_expected.txt.
std::map<std::string, std::vector<std::string>> read_expected() {
    std::map<std::string, std::vector<std::string>> out;
    std::istringstream in(test::read_file(expected_path));
    std::string current;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        if (line[0] == '[') {
            current = line.substr(1, line.size() - 2);
            out[current];
            continue;
        }
        out[current].push_back(line);
    }
    return out;
}

std::string s(std::string_view v) { return std::string(v); }

// The same lines, computed by this library.
std::vector<std::string> fields(std::string_view bytes) {
    std::vector<std::string> out;
    parsed_message<> m;
    REQUIRE(m.parse(bytes, parse_options::liberal()));
    if (m.is_request()) {
        out.push_back("start = request " + s(m.method_text()) + " " + s(m.request_uri()));
        auto u = parse_uri(m.request_uri(), lenient::all);
        REQUIRE(u);
        out.push_back("ruri.scheme = " + s(u->scheme));
        out.push_back("ruri.user = " + (u->is_sip() && u->user ? s(*u->user) : "-"));
        out.push_back("ruri.host = " + (u->host.empty() ? "-" : s(u->host)));
        out.push_back("ruri.port = " + (u->port ? std::to_string(*u->port) : "-"));
    } else {
        out.push_back("start = response " + std::to_string(m.status()) + " " + s(m.reason()));
    }
    out.push_back("call_id = " + s(m.call_id()));
    out.push_back("cseq = " + std::to_string(m.cseq()) + " " + s(m.cseq_method_text()));
    for (auto v : parse_all<headers::via>(m, lenient::all)) {
        REQUIRE(v);
        out.push_back("via = " + s(v->transport) + " " + s(v->host) + " " + (v->port ? std::to_string(*v->port) : "-") +
                      " branch=" + (v->branch ? s(*v->branch) : "-") + " received=" + (v->received ? s(*v->received) : "-"));
    }
    auto from = parse<headers::from>(m.from(), lenient::all);
    auto to = parse<headers::to>(m.to(), lenient::all);
    REQUIRE(from);
    REQUIRE(to);
    out.push_back("from.uri = " + s(from->uri.text));
    out.push_back("from.tag = " + (from->tag ? s(*from->tag) : "-"));
    out.push_back("to.uri = " + s(to->uri.text));
    out.push_back("to.tag = " + (to->tag ? s(*to->tag) : "-"));
    for (auto c : parse_all<headers::contact>(m, lenient::all)) {
        REQUIRE(c);
        out.push_back("contact = " + (c->is_star ? std::string("*") : s(c->uri.text)));
    }
    out.push_back("content_length = " + (m.content_length() ? std::to_string(*m.content_length()) : "-"));
    out.push_back("body_length = " + std::to_string(m.body().size()));
    return out;
}

struct tally {
    int messages = 0, passed = 0, valid = 0, rejected = 0, flagged = 0;
};

}  // namespace

TEST_CASE("every corpus message gets its manifest verdict, and valid ones their field values") {
    std::vector<entry> const manifest = read_manifest();
    auto const expected = read_expected();
    REQUIRE(manifest.size() == 49 + 12 + 33);
    std::map<std::string, tally> suites;

    for (entry const& e : manifest) {
        CAPTURE(e.file);
        std::string const raw = test::read_file(corpus_dir + "/" + e.file);
        REQUIRE(!raw.empty());
        test::exact bytes(raw);
        std::string const suite = e.file.substr(0, e.file.find('/'));
        tally& t = suites[suite];
        ++t.messages;
        bool pass = true;
        auto want = decisions.find(e.file);

        verdict const strict = judge(bytes, parse_options::strict());
        verdict const liberal = judge(bytes, parse_options::liberal());

        if (e.kind == "valid") {
            ++t.valid;
            if (want == decisions.end()) {
                CHECK(strict.ok);
                CHECK(strict.warnings.empty());
                pass = pass && strict.ok && strict.warnings.empty();
            } else {
                CHECK(strict.code == want->second.strict);
                pass = pass && strict.code == want->second.strict;
            }
            CHECK(liberal.ok);
            std::set<lenient> const w = want == decisions.end() ? std::set<lenient>{} : want->second.warnings;
            CHECK(liberal.warnings == w);
            pass = pass && liberal.ok && liberal.warnings == w;
            auto exp = expected.find(e.file);
            REQUIRE(exp != expected.end());
            std::vector<std::string> const got = fields(bytes);
            CHECK(got == exp->second);
            pass = pass && got == exp->second;
        } else {
            REQUIRE(want != decisions.end());
            CHECK(!strict.ok);
            CHECK(strict.code == want->second.strict);
            pass = pass && !strict.ok && strict.code == want->second.strict;
            if (want->second.liberal_ok) {
                ++t.flagged;
                CHECK(e.kind == "invalid-may-accept-but-flag");
                CHECK(liberal.ok);
                CHECK(liberal.warnings == want->second.warnings);
                pass = pass && liberal.ok && liberal.warnings == want->second.warnings;
            } else {
                ++t.rejected;
                CHECK(!liberal.ok);
                CHECK(liberal.code == want->second.liberal);
                pass = pass && !liberal.ok && liberal.code == want->second.liberal;
            }
        }
        t.passed += pass;
    }

    // The conformance table: written for the README, and compared with the README's copy.
    std::ostringstream table;
    table << "| suite | messages | passed | valid (accepted, fields checked) | invalid, rejected | invalid, accepted with a warning |\n"
          << "|---|---:|---:|---:|---:|---:|\n";
    for (char const* name : {"rfc4475", "rfc5118", "rfc3665"}) {
        tally const& t = suites[name];
        table << "| RFC " << (name + 3) << " | " << t.messages << " | " << t.passed << " | " << t.valid << " | " << t.rejected
              << " | " << t.flagged << " |\n";
    }
    std::ofstream(table_path) << table.str();
    std::string const readme = test::read_file(readme_path);
    std::string const begin = "<!-- conformance:begin -->\n", end = "<!-- conformance:end -->";
    std::size_t const b = readme.find(begin), e = readme.find(end);
    REQUIRE_MESSAGE(b != std::string::npos, "README.md has no conformance block");
    REQUIRE(e != std::string::npos);
    INFO("the README's conformance table differs from " << table_path << "; paste that file between the markers");
    CHECK(readme.substr(b + begin.size(), e - b - begin.size()) == table.str());
}

int main(int argc, char** argv) {
    std::vector<char*> rest{argv[0]};
    for (int i = 1; i < argc; ++i) {
        std::string const a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : std::string(); };
        if (a == "--corpus") corpus_dir = next();
        else if (a == "--expected") expected_path = next();
        else if (a == "--table") table_path = next();
        else if (a == "--readme") readme_path = next();
        else rest.push_back(argv[i]);
    }
    if (corpus_dir.empty() || !fs::exists(fs::path(corpus_dir) / "MANIFEST.md")) {
        std::printf("corpus: no MANIFEST.md under '%s' (set SIPWIRE_CORPUS_DIR); RFC corpus tests skipped\n", corpus_dir.c_str());
        return 77;
    }
    doctest::Context ctx(static_cast<int>(rest.size()), rest.data());
    return ctx.run();
}
