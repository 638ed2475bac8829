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
bool with_belle(std::string const& b, fields& f, std::string* snapshot = nullptr);
void belle_init();
void peers_init();

// Building, compared in the same run. Each library uses its own message objects and ends with
// the bytes copied into `out`; each returns the number of bytes written, 0 on failure.
//   *_prepare(request)   parses a request once, outside the timed loop; *_release frees it
//   *_response(p, ...)   the response to it (RFC 3261 §8.2.6): every Via, the Record-Routes
//                        (§12.1.1), From, To with the given tag, Call-ID, CSeq,
//                        Content-Length: 0, serialised
//   *_forward(request)   what a proxy does per request: parse, then prepend forward_via,
//                        decrement Max-Forwards, prepend forward_record_route, set the
//                        Request-URI to forward_target, serialise
inline constexpr char const* forward_via = "SIP/2.0/UDP proxy.sipB.com:5060;branch=z9hG4bK721e4.1";
inline constexpr char const* forward_record_route = "<sip:proxy.sipB.com;lr>";
inline constexpr char const* forward_target = "sip:userB@phone.sipB.com:5060";
void* osip2_prepare(std::string const& request);
void osip2_release(void* p);
std::size_t osip2_response(void* p, int status, char const* to_tag, char* out, std::size_t cap);
std::size_t osip2_forward(std::string const& request, char* out, std::size_t cap);
void* sofia_prepare(std::string const& request);
void sofia_release(void* p);
std::size_t sofia_response(void* p, int status, char const* to_tag, char* out, std::size_t cap);
std::size_t sofia_forward(std::string const& request, char* out, std::size_t cap);

#endif
