// The fields every parser must deliver in the peer comparison, and the peer adapters
// (each in its own file: sofia-sip and libre headers cannot share a translation unit).
#ifndef SIPWIRE_BENCH_PEERS_FIELDS_HPP
#define SIPWIRE_BENCH_PEERS_FIELDS_HPP

#include <cstddef>
#include <string>
#include <string_view>

struct fields {
    std::string_view method, host, call_id, branch, from_tag, to_tag;
    unsigned long cseq = 0;
    std::size_t body = 0;
};

inline std::string_view sv(char const* s) { return s ? std::string_view(s) : std::string_view{}; }

// The fields as one line of text ("method|host|call-id|cseq|branch|from-tag|to-tag|body").
std::string describe(fields const& f);

// Each adapter parses `b`, extracts the fields and frees its message. When `snapshot` is
// given, the fields are written there as text before the message is freed (not timed).
bool with_osip2(std::string const& b, fields& f, std::string* snapshot = nullptr);
bool with_sofia(std::string const& b, fields& f, std::string* snapshot = nullptr);
bool with_libre(std::string const& b, fields& f, std::string* snapshot = nullptr);
void peers_init();

#endif
