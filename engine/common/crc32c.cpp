#include "engine/common/bytes.h"

#include <array>

namespace strata::engine {

namespace {

// Slicing-by-8 tables: hardware CRC would need -msse4.2, which a Debian binary cannot assume.
struct Crc32cTables {
    std::array<std::array<uint32_t, 256>, 8> t{};
    Crc32cTables()
    {
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
            t[0][i] = c;
        }
        for (uint32_t i = 0; i < 256; ++i)
            for (int s = 1; s < 8; ++s)
                t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFF];
    }
};

const Crc32cTables &tables()
{
    static const Crc32cTables kTables;
    return kTables;
}

} // namespace

uint32_t crc32c(const void *data, size_t size, uint32_t crc)
{
    const auto &t = tables().t;
    auto p = static_cast<const unsigned char *>(data);
    crc = ~crc;
    while (size >= 8) {
        uint32_t lo, hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + 4, 4);
        lo ^= crc;
        crc = t[7][lo & 0xFF] ^ t[6][(lo >> 8) & 0xFF] ^ t[5][(lo >> 16) & 0xFF] ^ t[4][lo >> 24]
              ^ t[3][hi & 0xFF] ^ t[2][(hi >> 8) & 0xFF] ^ t[1][(hi >> 16) & 0xFF] ^ t[0][hi >> 24];
        p += 8;
        size -= 8;
    }
    while (size--)
        crc = (crc >> 8) ^ t[0][(crc ^ *p++) & 0xFF];
    return ~crc;
}

} // namespace strata::engine
