// message.hpp, stream.hpp, uri.hpp and the header view types compile without Spirit:
// a capture pipeline that only frames messages never pays X3's compile time.
#include <sipwire/headers/auth.hpp>
#include <sipwire/headers/content.hpp>
#include <sipwire/headers/date.hpp>
#include <sipwire/headers/name_addr.hpp>
#include <sipwire/headers/tokens.hpp>
#include <sipwire/headers/via.hpp>
#include <sipwire/message.hpp>
#include <sipwire/status.hpp>
#include <sipwire/stream.hpp>
#include <sipwire/uri.hpp>

#if defined(BOOST_SPIRIT_X3_PARSER_OCTOBER_16_2008_0254PM) || defined(BOOST_SPIRIT_X3_UNUSED_APRIL_16_2006_0616PM)
#error "a Spirit-free header pulled in Boost.Spirit"
#endif

#include <doctest/doctest.h>

TEST_CASE("stage 1 alone, without the grammars") {
    sipwire::parsed_message<8> m;
    auto r = m.parse("OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\n"
                     "To: <sip:x@y>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\n");
    CHECK(r);
    CHECK(m.cseq() == 1);
    CHECK(sipwire::default_reason(486) == "Busy Here");
    CHECK(sipwire::class_of(183) == sipwire::status_class::provisional);
}
