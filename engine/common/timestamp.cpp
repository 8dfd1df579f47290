#include "engine/common/timestamp.h"

#include <chrono>
#include <cstdio>

namespace strata::engine {

int64_t nowMicros()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civilFromDays(int64_t z, int64_t &year, unsigned &month, unsigned &day)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = y + (month <= 2);
}

static char *put2(char *p, unsigned v)
{
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
    return p + 2;
}

size_t formatDateTo(char *out, int64_t days)
{
    int64_t y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    char *p = out;
    if (y >= 0 && y <= 9999) {
        unsigned yy = static_cast<unsigned>(y);
        p = put2(p, yy / 100);
        p = put2(p, yy % 100);
    } else {
        p += std::snprintf(p, 16, "%lld", static_cast<long long>(y));
    }
    *p++ = '-';
    p = put2(p, m);
    *p++ = '-';
    p = put2(p, d);
    return static_cast<size_t>(p - out);
}

size_t formatTimestampTo(char *out, int64_t micros)
{
    int64_t days = micros / 86400000000LL;
    int64_t rem = micros % 86400000000LL;
    if (rem < 0) {
        rem += 86400000000LL;
        --days;
    }
    char *p = out + formatDateTo(out, days);
    *p++ = 'T';
    const auto secs = static_cast<unsigned>(rem / 1000000);
    const auto frac = static_cast<unsigned>(rem % 1000000);
    p = put2(p, secs / 3600);
    *p++ = ':';
    p = put2(p, secs / 60 % 60);
    *p++ = ':';
    p = put2(p, secs % 60);
    if (frac) {
        *p++ = '.';
        unsigned f = frac;
        for (int i = 5; i >= 0; --i) {
            p[i] = static_cast<char>('0' + f % 10);
            f /= 10;
        }
        p += 6;
    }
    *p++ = 'Z';
    return static_cast<size_t>(p - out);
}

std::string formatDate(int64_t days)
{
    char buf[32];
    return std::string(buf, formatDateTo(buf, days));
}

std::string formatTimestamp(int64_t micros)
{
    char buf[48];
    return std::string(buf, formatTimestampTo(buf, micros));
}

namespace {

bool digits(std::string_view s, size_t pos, size_t n, unsigned &out)
{
    if (pos + n > s.size())
        return false;
    unsigned v = 0;
    for (size_t i = 0; i < n; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    out = v;
    return true;
}

bool parseDatePart(std::string_view s, int64_t &days)
{
    unsigned y, m, d;
    if (s.size() < 10 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-'
        || !digits(s, 8, 2, d))
        return false;
    if (m < 1 || m > 12 || d < 1)
        return false;
    static const unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d > kDays[m - 1])
        return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return false;
    days = daysFromCivil(y, m, d);
    return true;
}

} // namespace

std::optional<int64_t> parseDate(std::string_view text)
{
    int64_t days;
    if (text.size() != 10 || !parseDatePart(text, days))
        return std::nullopt;
    return days;
}

std::optional<int64_t> parseTimestamp(std::string_view s)
{
    int64_t days;
    if (!parseDatePart(s, days))
        return std::nullopt;
    int64_t micros = days * 86400000000LL;
    if (s.size() == 10)
        return micros;
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
        return std::nullopt;
    unsigned hh, mm, ss = 0;
    if (!digits(s, 11, 2, hh) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2, mm))
        return std::nullopt;
    size_t pos = 16;
    if (pos < s.size() && s[pos] == ':') {
        if (!digits(s, pos + 1, 2, ss))
            return std::nullopt;
        pos += 3;
    }
    if (hh > 23 || mm > 59 || ss > 60)
        return std::nullopt;
    int64_t frac = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int n = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (n < 6)
                frac = frac * 10 + (s[pos] - '0');
            ++n;
            ++pos;
        }
        if (n == 0 || n > 9)
            return std::nullopt;
        for (int i = n; i < 6; ++i)
            frac *= 10;
    }
    micros += (static_cast<int64_t>(hh) * 3600 + mm * 60 + ss) * 1000000LL + frac;
    if (pos == s.size())
        return micros;
    if (s[pos] == 'Z' || s[pos] == 'z')
        return pos + 1 == s.size() ? std::optional<int64_t>(micros) : std::nullopt;
    if (s[pos] == '+' || s[pos] == '-') {
        unsigned oh, om = 0;
        if (!digits(s, pos + 1, 2, oh))
            return std::nullopt;
        size_t end = pos + 3;
        if (end < s.size() && s[end] == ':')
            ++end;
        if (end < s.size()) {
            if (!digits(s, end, 2, om))
                return std::nullopt;
            end += 2;
        }
        if (end != s.size() || oh > 23 || om > 59)
            return std::nullopt;
        const int64_t offset = (static_cast<int64_t>(oh) * 3600 + om * 60) * 1000000LL;
        return s[pos] == '+' ? micros - offset : micros + offset;
    }
    return std::nullopt;
}

} // namespace strata::engine
