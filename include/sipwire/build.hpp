// sipwire — building messages: sinks, request and response builders, responses to a request
// (RFC 3261 §8.2.6), ACK, CANCEL and in-dialog requests, proxy edits, identifiers.
// Compiles without Spirit; nothing here allocates unless the sink does (string_sink).
#ifndef SIPWIRE_BUILD_HPP
#define SIPWIRE_BUILD_HPP

#include <sipwire/build/builder.hpp>
#include <sipwire/build/ids.hpp>
#include <sipwire/build/proxy.hpp>
#include <sipwire/build/request.hpp>
#include <sipwire/build/response.hpp>
#include <sipwire/build/sink.hpp>

#endif
