// Every typed value parser on the raw input, strict and liberal; the first byte picks the
// parser so one target reaches them all.
#include "fuzz.hpp"

#include <sipwire/sipwire.hpp>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    fuzz::input in(data + 1, size - 1);
    std::string_view const v = in.view;
    using namespace sipwire;
    lenient const allow = data[0] & 0x80 ? lenient::all : lenient::none;
    char buf[512];
    switch (data[0] % 12) {
        case 0: {
            auto r = parse_uri(v, allow);
            if (r) {
                for (auto const& p : r->parameters()) fuzz::check(p.name.size() <= v.size());
                if (r->user) (void)unescape(*r->user, buf, sizeof buf);
                fuzz::check(uri_equal(*r, *r) || r->kind == uri_scheme::other);
            } else {
                fuzz::check(r.error().offset <= v.size());
            }
            break;
        }
        case 1: {
            auto r = parse_via(v, allow);
            if (r) for (auto const& p : r->parameters()) fuzz::check(p.name.size() <= v.size());
            break;
        }
        case 2: {
            auto r = parse_name_addr(v, allow);
            if (r && r->display_name && r->display_quoted) (void)unquote(*r->display_name, buf, sizeof buf);
            break;
        }
        case 3: (void)parse_contact(v, allow); break;
        case 4: (void)parse_route(v, allow); break;
        case 5: {
            auto r = parse_auth(v, allow);
            if (r) for (auto const& p : r->parameters()) fuzz::check(p.unquoted().size() <= v.size());
            break;
        }
        case 6: (void)parse_media_type(v); (void)parse_disposition(v); break;
        case 7: (void)parse_date(v, allow); break;
        case 8: (void)parse_cseq(v); (void)parse_call_id(v); break;
        case 9: (void)parse<headers::expires>(v); (void)parse<headers::max_forwards>(v); (void)parse_token(v); break;
        case 10: (void)unescape(v, buf, sizeof buf); (void)unquote(v, buf, sizeof buf); (void)unfold(v, buf, sizeof buf); break;
        case 11: (void)field_from_name(v); break;
    }
    return 0;
}
