// Whole-message parse in both modes, then every typed header and the verdict.
#include "fuzz.hpp"

#include <sipwire/sipwire.hpp>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    fuzz::input in(data, size);
    using namespace sipwire;
    for (parse_options o : {parse_options::strict(), parse_options::liberal()}) {
        for (framing mode : {framing::datagram, framing::stream}) {
            o.mode = mode;
            parsed_message<32> m;
            auto r = m.parse(in.view, o);
            if (!m.is_framed()) {
                fuzz::check(!r && r.error().offset <= size);
                continue;
            }
            fuzz::check(m.size() <= size && m.body().size() <= size);
            validation v = validate_message(m, o.allow);
            fuzz::check(!v || !m.problem());
            fuzz::check(v.error.offset <= size);
            for (auto x : parse_all<headers::via>(m, o.allow)) fuzz::check(!x || x->host.size() <= size);
            for (auto x : parse_all<headers::contact>(m, o.allow)) fuzz::check(!x || x->uri.text.size() <= size);
            for (auto x : parse_all<headers::route>(m, o.allow)) (void)x;
            for (auto x : parse_all<headers::record_route>(m, o.allow)) (void)x;
            for (auto x : parse_all<headers::authorization>(m, o.allow))
                if (x)
                    for (auto const& p : x->parameters()) fuzz::check(p.name.size() <= size);
            (void)parse<headers::from>(m.from(), o.allow);
            (void)parse<headers::to>(m.to(), o.allow);
            char buf[256];
            for (std::size_t i = 0; i < m.header_count(); ++i) {
                auto n = unfold(m.header(i).value, buf, sizeof buf);
                fuzz::check(!n || *n <= sizeof buf);
            }
        }
    }
    return 0;
}
