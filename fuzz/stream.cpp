// The stream framer fed the input in every chunking the first byte picks; every frame it
// reports must lie inside the bytes, and message frames must re-frame to the same length.
#include "fuzz.hpp"

#include <sipwire/sipwire.hpp>

#include <string>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    std::size_t const chunk = 1 + data[0] % 64;
    fuzz::input in(data + 1, size - 1);
    using namespace sipwire;
    stream_framer framer(stream_limits{4096, 65536, data[0] & 0x80 ? keepalive_role::client : keepalive_role::server});
    std::string buf;
    std::size_t fed = 0;
    for (int guard = 0; guard < 100000; ++guard) {
        frame f = framer.next(buf);
        if (f.kind == frame_kind::need_more) {
            if (fed == in.view.size()) break;
            std::size_t const take = std::min(chunk, in.view.size() - fed);
            buf.append(in.view.substr(fed, take));
            fed += take;
            continue;
        }
        fuzz::check(f.length > 0 && f.length <= buf.size());
        if (f.kind == frame_kind::message) {
            stream_framer again;
            frame g = again.next(std::string_view(buf).substr(0, f.length));
            fuzz::check(g.kind == frame_kind::message && g.length == f.length);
            parsed_message<16> m;
            parse_options o;
            o.mode = framing::stream;
            (void)m.parse(std::string_view(buf).substr(0, f.length), o);
        }
        buf.erase(0, f.length);
    }
    return 0;
}
