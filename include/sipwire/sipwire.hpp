// sipwire — one include for the whole library.
#ifndef SIPWIRE_SIPWIRE_HPP
#define SIPWIRE_SIPWIRE_HPP

#include <sipwire/build.hpp>
#include <sipwire/config.hpp>
#include <sipwire/error.hpp>
#include <sipwire/field.hpp>
#include <sipwire/message.hpp>
#include <sipwire/method.hpp>
#include <sipwire/parse.hpp>
#include <sipwire/status.hpp>
#include <sipwire/stream.hpp>
#include <sipwire/uri.hpp>

#endif
