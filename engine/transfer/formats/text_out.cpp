#include "engine/transfer/formats/text_out.h"

namespace strata::transfer::text {

void appendBase64(std::string &out, std::string_view in)
{
    static const char *kChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
        const char chunk[4]
            = {kChars[n >> 18], kChars[(n >> 12) & 63], kChars[(n >> 6) & 63], kChars[n & 63]};
        out.append(chunk, 4);
    }
    if (i < in.size()) {
        uint32_t n = uint8_t(in[i]) << 16;
        if (i + 1 < in.size())
            n |= uint8_t(in[i + 1]) << 8;
        out += kChars[n >> 18];
        out += kChars[(n >> 12) & 63];
        out += i + 1 < in.size() ? kChars[(n >> 6) & 63] : '=';
        out += '=';
    }
}

void appendHex(std::string &out, std::string_view in)
{
    static const char *kHex = "0123456789abcdef";
    for (unsigned char c : in) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
}

} // namespace strata::transfer::text
