#pragma once

#include "engine/api/database.h"

#include <charconv>
#include <string>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace strata::transfer::text {

//! Appending typed values as text, shared by the text formats (CSV, JSON, SQL). Numbers use
//! std::to_chars: the shortest form that reads back to the same bits, without printf's cost.

inline void appendInt(std::string &out, int64_t v)
{
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<size_t>(res.ptr - buf));
}

inline void appendDouble(std::string &out, double v)
{
    char buf[40];
    out.append(buf, engine::formatDoubleTo(buf, v));
}

inline void appendDate(std::string &out, int64_t days)
{
    char buf[32];
    out.append(buf, engine::formatDateTo(buf, days));
}

inline void appendTimestamp(std::string &out, int64_t micros)
{
    char buf[48];
    out.append(buf, engine::formatTimestampTo(buf, micros));
}

//! How many bytes of `s`, from its start, JSON writes as they are (no '"', '\\' or control
//! character): sixteen bytes at a time where SSE2 is there (text is mostly plain).
inline size_t jsonPlainPrefix(std::string_view s)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  control = _mm_set1_epi8(0x1f);
    for (; i + 16 <= s.size(); i += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s.data() + i));
        const __m128i special
            = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)),
                           _mm_cmpeq_epi8(_mm_max_epu8(x, control), control)); // x <= 0x1f
        if (const int mask = _mm_movemask_epi8(special))
            return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == '"' || c == '\\')
            return i;
    }
    return s.size();
}

//! How many bytes of `s`, from its start, are none of `a`, `b`, '\n', '\r' (CSV text that
//! needs no quotes: `a` and `b` the delimiter and the quote).
inline size_t csvPlainPrefix(std::string_view s, char a, char b)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), lf = _mm_set1_epi8('\n'),
                  cr = _mm_set1_epi8('\r');
    for (; i + 16 <= s.size(); i += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s.data() + i));
        const __m128i special
            = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                           _mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, cr)));
        if (const int mask = _mm_movemask_epi8(special))
            return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c == a || c == b || c == '\n' || c == '\r')
            return i;
    }
    return s.size();
}

void appendBase64(std::string &out, std::string_view bytes);
void appendHex(std::string &out, std::string_view bytes);

} // namespace strata::transfer::text
