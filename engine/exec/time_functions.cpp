#include "engine/exec/time_functions.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"
#include "engine/common/timestamp.h"
#include "engine/exec/exec_context.h"
#include "engine/exec/functions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

// SQLite's date and time functions (date, time, datetime, julianday, unixepoch, strftime,
// with their modifiers) and PostgreSQL's (date_part / EXTRACT, date_trunc, intervals added to a
// date or timestamp). Instants are µs since 1970-01-01 UTC; there are no time zones here
// ('utc' and 'localtime' are refused rather than guessed).
namespace strata::engine::exec {

namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;
//! 1970-01-01T00:00:00Z in SQLite's unit, ms since the Julian epoch (Julian day 2440587.5).
constexpr int64_t kUnixEpochJulianMs = 210866760000000LL;

//! The instants SQLite's functions take: Julian day 0 (4714 BC) to the end of 9999.
constexpr double kMaxJulianDay = 5373484.499999;
constexpr int64_t kMinInstant = -kUnixEpochJulianMs * 1000;
constexpr int64_t kMaxInstant = (464269060799999LL - kUnixEpochJulianMs) * 1000;

//! A Julian day number as SQLite reads it (to the ms); nullopt outside its range.
std::optional<int64_t> instantOfJulianDay(double julianDay)
{
    if (!(julianDay >= 0 && julianDay <= kMaxJulianDay))
        return std::nullopt;
    return (static_cast<int64_t>(julianDay * 86400000.0 + 0.5) - kUnixEpochJulianMs) * 1000;
}

bool inRange(double instant)
{
    return instant >= static_cast<double>(kMinInstant)
           && instant <= static_cast<double>(kMaxInstant);
}

[[noreturn]] void fail(const std::string &message)
{
    throwError(StatusCode::Invalid, message);
}

int64_t floorDiv(int64_t a, int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

struct Civil {
    int64_t year;
    unsigned month, day;
    int64_t microsOfDay;
};

Civil civilOf(int64_t micros)
{
    Civil c;
    const int64_t days = floorDiv(micros, kMicrosPerDay);
    c.microsOfDay = micros - days * kMicrosPerDay;
    civilFromDays(days, c.year, c.month, c.day);
    return c;
}

int64_t microsOf(int64_t year, unsigned month, unsigned day, int64_t microsOfDay)
{
    return daysFromCivil(year, month, day) * kMicrosPerDay + microsOfDay;
}

unsigned daysInMonth(int64_t year, unsigned month)
{
    static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

//! Adds months. SQLite keeps the day of month and lets a day past the month's end roll over
//! ('2024-01-31' + 1 month is '2024-03-02'); PostgreSQL's intervals clamp it to the month's
//! last day ('2024-02-29').
int64_t addMonths(int64_t micros, int64_t months, bool clampToMonthEnd = false)
{
    Civil c = civilOf(micros);
    int64_t m = static_cast<int64_t>(c.month) - 1 + months;
    const int64_t year = c.year + floorDiv(m, 12);
    m -= floorDiv(m, 12) * 12;
    const unsigned month = static_cast<unsigned>(m + 1);
    const unsigned day = clampToMonthEnd ? std::min(c.day, daysInMonth(year, month)) : c.day;
    return daysFromCivil(year, month, 1) * kMicrosPerDay
           + (static_cast<int64_t>(day) - 1) * kMicrosPerDay + c.microsOfDay;
}

std::optional<double> numberIn(std::string_view text)
{
    std::string s(text);
    char *end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0')
        return std::nullopt;
    return v;
}

//! The instant a value names: a DATE, a TIMESTAMP, text SQLite reads ('now', ISO dates and
//! times), or a number (a Julian day; 'unixepoch' makes it seconds: a number outside the
//! Julian days is 0 here, and only 'unixepoch' makes it an instant). Null when it names none.
std::optional<int64_t> instantOf(const Value &v, ExecContext &ctx, bool &numeric, double &number)
{
    numeric = false;
    auto julian = [](double n) { return instantOfJulianDay(n).value_or(INT64_MIN / 2); };
    switch (v.type) {
    case LogicalType::Date:
        return v.i * kMicrosPerDay;
    case LogicalType::Timestamp:
        return v.i;
    case LogicalType::Integer:
    case LogicalType::Double:
        numeric = true;
        number = v.type == LogicalType::Integer ? static_cast<double>(v.i) : v.d;
        return julian(number);
    case LogicalType::Text: {
        const std::string text = asciiLower(v.s);
        if (text == "now")
            return ctx.statementTime;
        if (auto ts = parseTimestamp(v.s))
            return *ts;
        // SQLite also takes "HH:MM[:SS]" alone, as that time on 2000-01-01.
        int h = 0, m = 0, s = 0, used = 0;
        const int size = static_cast<int>(v.s.size());
        const bool hms
            = std::sscanf(v.s.c_str(), "%2d:%2d:%2d%n", &h, &m, &s, &used) == 3 && used == size;
        const bool hm = !hms && (s = 0, std::sscanf(v.s.c_str(), "%2d:%2d%n", &h, &m, &used) == 2)
                        && used == size;
        if ((hms || hm) && h < 24 && m < 60 && s < 60)
            return microsOf(2000, 1, 1, ((h * 60 + m) * 60 + s) * kMicrosPerSecond);
        if (auto n = numberIn(v.s)) {
            numeric = true;
            number = *n;
            return julian(number);
        }
        return std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

//! Applies one of SQLite's modifiers; false when the text is not one (the result is NULL).
bool applyModifier(int64_t &t, const std::string &modifier, bool numeric, double number, bool first)
{
    const std::string m = asciiLower(modifier);
    if (m == "unixepoch") {
        if (!numeric || !first)
            return false;
        if (!inRange(number * 1e6))
            return false;
        t = static_cast<int64_t>(std::llround(number * 1000.0)) * 1000; // to the ms, as SQLite
        return true;
    }
    if (m == "julianday" || m == "auto")
        return first;
    if (m == "utc" || m == "localtime")
        fail("the '" + modifier
             + "' modifier is not supported: Strata keeps every time in UTC and knows no time "
               "zone");
    if (m == "start of day") {
        t = floorDiv(t, kMicrosPerDay) * kMicrosPerDay;
        return true;
    }
    if (m == "start of month" || m == "start of year") {
        const Civil c = civilOf(t);
        t = microsOf(c.year, m == "start of year" ? 1 : c.month, 1, 0);
        return true;
    }
    if (m.rfind("weekday ", 0) == 0) {
        const auto n = numberIn(m.substr(8));
        if (!n || *n < 0 || *n > 6 || *n != std::floor(*n))
            return false;
        const int64_t days = floorDiv(t, kMicrosPerDay);
        const int64_t weekday = ((days % 7) + 11) % 7; // 1970-01-01 was a Thursday (4)
        t += ((static_cast<int64_t>(*n) - weekday + 7) % 7) * kMicrosPerDay;
        return true;
    }
    // [+-]N unit(s)
    size_t space = m.find(' ');
    if (space == std::string::npos)
        return false;
    const auto amount = numberIn(m.substr(0, space));
    std::string unit = m.substr(space + 1);
    while (!unit.empty() && unit.front() == ' ')
        unit.erase(0, 1);
    if (!amount || unit.empty())
        return false;
    if (unit.back() == 's')
        unit.pop_back();
    const double n = *amount;
    if (unit == "month" || unit == "year") {
        if (n != std::floor(n) || std::fabs(n) > 200000)
            return false;
        t = addMonths(t, static_cast<int64_t>(n) * (unit == "year" ? 12 : 1));
        return inRange(static_cast<double>(t));
    }
    double seconds;
    if (unit == "day")
        seconds = 86400;
    else if (unit == "hour")
        seconds = 3600;
    else if (unit == "minute")
        seconds = 60;
    else if (unit == "second")
        seconds = 1;
    else
        return false;
    if (!inRange(static_cast<double>(t) + n * seconds * 1e6))
        return false;
    t += static_cast<int64_t>(std::llround(n * seconds * 1e6));
    return true;
}

//! The instant of `args[from]` after the modifiers that follow it; nullopt for NULL or what
//! SQLite would answer NULL to.
std::optional<int64_t> instantWithModifiers(const std::vector<Value> &args, size_t from,
                                            ExecContext &ctx)
{
    if (args.size() <= from)
        return ctx.statementTime; // date() alone: now
    for (size_t i = from; i < args.size(); ++i)
        if (args[i].isNull())
            return std::nullopt;
    bool numeric = false;
    double number = 0;
    auto t = instantOf(args[from], ctx, numeric, number);
    if (!t)
        return std::nullopt;
    for (size_t i = from + 1; i < args.size(); ++i) {
        if (!inRange(static_cast<double>(*t)) && !(numeric && i == from + 1))
            return std::nullopt; // only 'unixepoch' makes a number past the Julian days a time
        if (!applyModifier(*t, args[i].toString(), numeric, number, i == from + 1))
            return std::nullopt;
    }
    if (!inRange(static_cast<double>(*t)))
        return std::nullopt;
    return t;
}

std::string twoDigits(int64_t v)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02lld", static_cast<long long>(v));
    return buf;
}

std::string dateText(int64_t t)
{
    return formatDate(floorDiv(t, kMicrosPerDay));
}

std::string timeText(int64_t t)
{
    const int64_t s = civilOf(t).microsOfDay / kMicrosPerSecond;
    return twoDigits(s / 3600) + ":" + twoDigits(s / 60 % 60) + ":" + twoDigits(s % 60);
}

//! As SQLite computes it (from ms), so that the doubles agree to the last bit.
double julianDayOf(int64_t t)
{
    return static_cast<double>(floorDiv(t, 1000) + kUnixEpochJulianMs) / 86400000.0;
}

//! ISO 8601 week number and its year.
void isoWeek(int64_t days, int64_t &weekYear, int64_t &week)
{
    const int64_t weekday = ((days % 7) + 10) % 7 + 1; // Monday 1 .. Sunday 7
    const int64_t thursday = days + 4 - weekday;
    int64_t y;
    unsigned m, d;
    civilFromDays(thursday, y, m, d);
    weekYear = y;
    week = (thursday - daysFromCivil(y, 1, 1)) / 7 + 1;
}

std::string strftimeText(const std::string &format, int64_t t)
{
    const Civil c = civilOf(t);
    const int64_t days = floorDiv(t, kMicrosPerDay);
    const int64_t secondsOfDay = c.microsOfDay / kMicrosPerSecond;
    const int64_t weekday = ((days % 7) + 11) % 7; // Sunday 0
    const int64_t dayOfYear = days - daysFromCivil(c.year, 1, 1);
    std::string out;
    char buf[64];
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 == format.size()) {
            out += format[i];
            continue;
        }
        switch (format[++i]) {
        case 'd':
            out += twoDigits(c.day);
            break;
        case 'e':
            std::snprintf(buf, sizeof buf, "%2u", c.day);
            out += buf;
            break;
        case 'f':
            std::snprintf(buf, sizeof buf, "%06.3f",
                          static_cast<double>(secondsOfDay % 60)
                              + static_cast<double>(c.microsOfDay % kMicrosPerSecond) / 1e6);
            out += buf;
            break;
        case 'F':
            out += dateText(t);
            break;
        case 'H':
            out += twoDigits(secondsOfDay / 3600);
            break;
        case 'k':
            std::snprintf(buf, sizeof buf, "%2lld", static_cast<long long>(secondsOfDay / 3600));
            out += buf;
            break;
        case 'I':
        case 'l': {
            int64_t h = secondsOfDay / 3600 % 12;
            h = h == 0 ? 12 : h;
            if (format[i] == 'I')
                out += twoDigits(h);
            else {
                std::snprintf(buf, sizeof buf, "%2lld", static_cast<long long>(h));
                out += buf;
            }
            break;
        }
        case 'p':
            out += secondsOfDay < 43200 ? "AM" : "PM";
            break;
        case 'P':
            out += secondsOfDay < 43200 ? "am" : "pm";
            break;
        case 'j':
            std::snprintf(buf, sizeof buf, "%03lld", static_cast<long long>(dayOfYear + 1));
            out += buf;
            break;
        case 'J':
            std::snprintf(buf, sizeof buf, "%.16g", julianDayOf(t));
            out += buf;
            break;
        case 'm':
            out += twoDigits(c.month);
            break;
        case 'M':
            out += twoDigits(secondsOfDay / 60 % 60);
            break;
        case 's':
            out += std::to_string(floorDiv(t, kMicrosPerSecond));
            break;
        case 'S':
            out += twoDigits(secondsOfDay % 60);
            break;
        case 'T':
            out += timeText(t);
            break;
        case 'u':
            out += std::to_string(weekday == 0 ? 7 : weekday);
            break;
        case 'w':
            out += std::to_string(weekday);
            break;
        case 'W': // weeks starting on Monday; days before the first Monday are week 0
            out += twoDigits((dayOfYear + 7 - (weekday + 6) % 7) / 7);
            break;
        case 'U': // weeks starting on Sunday
            out += twoDigits((dayOfYear + 7 - weekday) / 7);
            break;
        case 'G':
        case 'V': {
            int64_t weekYear, week;
            isoWeek(days, weekYear, week);
            out += format[i] == 'G' ? std::to_string(weekYear) : twoDigits(week);
            break;
        }
        case 'Y':
            std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(c.year));
            out += buf;
            break;
        case '%':
            out += '%';
            break;
        default:
            fail(std::string("strftime() does not know %") + format[i]);
        }
    }
    return out;
}

//! PostgreSQL's fields of a date or timestamp (date_part, EXTRACT).
Value datePart(const std::string &field, int64_t t)
{
    const std::string f = asciiLower(field);
    const Civil c = civilOf(t);
    const int64_t days = floorDiv(t, kMicrosPerDay);
    const int64_t seconds = c.microsOfDay / kMicrosPerSecond;
    if (f == "year" || f == "years")
        return Value::integer(c.year);
    if (f == "month" || f == "months")
        return Value::integer(c.month);
    if (f == "day" || f == "days")
        return Value::integer(c.day);
    if (f == "hour" || f == "hours")
        return Value::integer(seconds / 3600);
    if (f == "minute" || f == "minutes")
        return Value::integer(seconds / 60 % 60);
    if (f == "second" || f == "seconds")
        return Value::real(static_cast<double>(seconds % 60)
                           + static_cast<double>(c.microsOfDay % kMicrosPerSecond) / 1e6);
    if (f == "millisecond" || f == "milliseconds")
        return Value::real(static_cast<double>(c.microsOfDay % (60 * kMicrosPerSecond)) / 1e3);
    if (f == "microsecond" || f == "microseconds")
        return Value::integer(c.microsOfDay % (60 * kMicrosPerSecond));
    if (f == "dow")
        return Value::integer(((days % 7) + 11) % 7);
    if (f == "isodow")
        return Value::integer(((days % 7) + 10) % 7 + 1);
    if (f == "doy")
        return Value::integer(days - daysFromCivil(c.year, 1, 1) + 1);
    if (f == "week" || f == "isoyear") {
        int64_t weekYear, week;
        isoWeek(days, weekYear, week);
        return Value::integer(f == "week" ? week : weekYear);
    }
    if (f == "quarter")
        return Value::integer((c.month - 1) / 3 + 1);
    if (f == "decade")
        return Value::integer(floorDiv(c.year, 10));
    if (f == "century")
        return Value::integer(c.year > 0 ? (c.year + 99) / 100 : -((-c.year) / 100 + 1));
    if (f == "epoch")
        return Value::real(static_cast<double>(t) / 1e6);
    fail("unknown date field '" + field
         + "' (expected year, quarter, month, week, day, dow, isodow, doy, hour, minute, "
           "second, milliseconds, microseconds, epoch, decade, century or isoyear)");
}

int64_t dateTrunc(const std::string &unit, int64_t t)
{
    const std::string u = asciiLower(unit);
    const Civil c = civilOf(t);
    const int64_t day = floorDiv(t, kMicrosPerDay) * kMicrosPerDay;
    if (u == "microsecond" || u == "microseconds")
        return t;
    if (u == "millisecond" || u == "milliseconds")
        return floorDiv(t, 1000) * 1000;
    if (u == "second")
        return floorDiv(t, kMicrosPerSecond) * kMicrosPerSecond;
    if (u == "minute")
        return floorDiv(t, 60 * kMicrosPerSecond) * 60 * kMicrosPerSecond;
    if (u == "hour")
        return floorDiv(t, 3600 * kMicrosPerSecond) * 3600 * kMicrosPerSecond;
    if (u == "day")
        return day;
    if (u == "week") { // back to Monday
        const int64_t days = floorDiv(t, kMicrosPerDay);
        return (days - (((days % 7) + 10) % 7)) * kMicrosPerDay;
    }
    if (u == "month")
        return microsOf(c.year, c.month, 1, 0);
    if (u == "quarter")
        return microsOf(c.year, (c.month - 1) / 3 * 3 + 1, 1, 0);
    if (u == "year")
        return microsOf(c.year, 1, 1, 0);
    if (u == "decade")
        return microsOf(floorDiv(c.year, 10) * 10, 1, 1, 0);
    if (u == "century")
        return microsOf(floorDiv(c.year - 1, 100) * 100 + 1, 1, 1, 0);
    fail("unknown date_trunc unit '" + unit
         + "' (expected microseconds, milliseconds, second, minute, hour, day, week, month, "
           "quarter, year, decade or century)");
}

//! A PostgreSQL interval as written ('1 day', '2 hours 30 minutes', '1 year -2 months',
//! '01:30:00'), added `sign` times: months and microseconds apart, as PostgreSQL keeps them.
int64_t addInterval(int64_t t, const std::string &text, int sign)
{
    int64_t months = 0;
    double micros = 0;
    std::string s = asciiLower(text);
    size_t i = 0;
    bool any = false;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ')
            ++i;
        if (i >= s.size())
            break;
        size_t j = i;
        while (j < s.size() && s[j] != ' ')
            ++j;
        const std::string word = s.substr(i, j - i);
        i = j;
        int h = 0, m = 0;
        double sec = 0;
        int used = 0;
        bool negative = !word.empty() && word[0] == '-';
        const std::string unsignedWord
            = negative || (!word.empty() && word[0] == '+') ? word.substr(1) : word;
        if (std::sscanf(unsignedWord.c_str(), "%d:%d:%lf%n", &h, &m, &sec, &used) == 3
            && used == static_cast<int>(unsignedWord.size())) {
            micros += (negative ? -1 : 1) * ((h * 60.0 + m) * 60.0 + sec) * 1e6;
            any = true;
            continue;
        }
        if (std::sscanf(unsignedWord.c_str(), "%d:%d%n", &h, &m, &used) == 2
            && used == static_cast<int>(unsignedWord.size())) {
            micros += (negative ? -1 : 1) * (h * 60.0 + m) * 60.0 * 1e6;
            any = true;
            continue;
        }
        const auto n = numberIn(word);
        if (!n)
            fail("the interval '" + text
                 + "' is not one Strata reads (expected amounts and units "
                   "such as '1 day', '2 hours 30 minutes', '1 year')");
        while (i < s.size() && s[i] == ' ')
            ++i;
        j = i;
        while (j < s.size() && s[j] != ' ')
            ++j;
        std::string unit = s.substr(i, j - i);
        i = j;
        if (!unit.empty() && unit.back() == 's')
            unit.pop_back();
        const double amount = *n;
        if (unit == "year" || unit == "month" || unit == "mon" || unit == "decade"
            || unit == "century") {
            const double per = unit == "year"      ? 12
                               : unit == "decade"  ? 120
                               : unit == "century" ? 1200
                                                   : 1;
            if (amount * per != std::floor(amount * per))
                fail("the interval '" + text + "' has a fraction of a month");
            months += static_cast<int64_t>(amount * per);
        } else if (unit == "week") {
            micros += amount * 7 * 86400e6;
        } else if (unit == "day") {
            micros += amount * 86400e6;
        } else if (unit == "hour") {
            micros += amount * 3600e6;
        } else if (unit == "minute" || unit == "min") {
            micros += amount * 60e6;
        } else if (unit == "second" || unit == "sec") {
            micros += amount * 1e6;
        } else if (unit == "millisecond" || unit == "msec") {
            micros += amount * 1e3;
        } else if (unit == "microsecond" || unit == "usec") {
            micros += amount;
        } else {
            fail("the interval '" + text + "' has an unknown unit '" + unit + "'");
        }
        any = true;
    }
    if (!any)
        fail("the interval '" + text + "' is empty");
    if (std::abs(months) > 2400000 || !inRange(static_cast<double>(t) + sign * micros))
        fail("the interval '" + text
             + "' goes past the times the date functions keep (up to the end of 9999)");
    t = addMonths(t, sign * months, true);
    const int64_t moved = t + sign * static_cast<int64_t>(std::llround(micros));
    if (!inRange(static_cast<double>(moved)))
        fail("the interval '" + text
             + "' goes past the times the date functions keep (up to the end of 9999)");
    return moved;
}

//! PostgreSQL's age(a, b): the difference in years, months and days (field by field, a
//! borrowed day taking the length of the month it is borrowed from), then the time, written
//! as PostgreSQL writes an interval ("1 year 2 mons 3 days 04:05:06").
std::string age(int64_t a, int64_t b)
{
    const bool negative = a < b;
    const Civil c1 = civilOf(a), c2 = civilOf(b);
    int64_t micros = c1.microsOfDay % kMicrosPerSecond - c2.microsOfDay % kMicrosPerSecond;
    int64_t seconds
        = c1.microsOfDay / kMicrosPerSecond % 60 - c2.microsOfDay / kMicrosPerSecond % 60;
    int64_t minutes = c1.microsOfDay / (60 * kMicrosPerSecond) % 60
                      - c2.microsOfDay / (60 * kMicrosPerSecond) % 60;
    int64_t hours
        = c1.microsOfDay / (3600 * kMicrosPerSecond) - c2.microsOfDay / (3600 * kMicrosPerSecond);
    int64_t days = static_cast<int64_t>(c1.day) - static_cast<int64_t>(c2.day);
    int64_t months = static_cast<int64_t>(c1.month) - static_cast<int64_t>(c2.month);
    int64_t years = c1.year - c2.year;
    if (negative) {
        micros = -micros, seconds = -seconds, minutes = -minutes, hours = -hours;
        days = -days, months = -months, years = -years;
    }
    while (micros < 0)
        micros += kMicrosPerSecond, --seconds;
    while (seconds < 0)
        seconds += 60, --minutes;
    while (minutes < 0)
        minutes += 60, --hours;
    while (hours < 0)
        hours += 24, --days;
    while (days < 0) {
        const Civil &from = negative ? c1 : c2;
        days += daysInMonth(from.year, from.month);
        --months;
    }
    while (months < 0)
        months += 12, --years;
    const int sign = negative ? -1 : 1;
    std::string out;
    auto part = [&](int64_t n, const char *one, const char *many) {
        if (n == 0)
            return;
        out += (out.empty() ? "" : " ") + std::to_string(sign * n) + " "
               + (sign * n == 1 ? one : many);
    };
    part(years, "year", "years");
    part(months, "mon", "mons");
    part(days, "day", "days");
    if (hours || minutes || seconds || micros || out.empty()) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s%02lld:%02lld:%02lld", negative ? "-" : "",
                      static_cast<long long>(hours), static_cast<long long>(minutes),
                      static_cast<long long>(seconds));
        std::string time = buf;
        if (micros) {
            std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(micros));
            std::string fraction = buf;
            while (fraction.back() == '0')
                fraction.pop_back();
            time += fraction;
        }
        if (out.empty() && time == "-00:00:00")
            time = "00:00:00";
        out += (out.empty() ? "" : " ") + time;
    }
    return out;
}

//! The instant a DATE, a TIMESTAMP or a date's text names (PostgreSQL's functions take no
//! Julian day numbers); else the error `what`, naming the value.
int64_t dateOrTimestamp(const Value &v, ExecContext &ctx, const std::string &what)
{
    bool numeric = false;
    double number = 0;
    auto t = v.type == LogicalType::Text || v.type == LogicalType::Date
                     || v.type == LogicalType::Timestamp
                 ? instantOf(v, ctx, numeric, number)
                 : std::nullopt;
    if (!t || numeric)
        fail(what + ", not " + v.toString());
    return *t;
}

} // namespace

bool timeFunctionType(const std::string &f, size_t argCount, LogicalType &result)
{
    auto needs = [&](size_t least, size_t most) { requireArgumentCount(f, argCount, least, most); };
    if (f == "TIME" || f == "DATETIME") {
        needs(0, 99);
        result = LogicalType::Text;
    } else if (f == "JULIANDAY") {
        needs(0, 99);
        result = LogicalType::Double;
    } else if (f == "UNIXEPOCH") {
        needs(0, 99);
        result = LogicalType::Integer;
    } else if (f == "STRFTIME") {
        needs(1, 99);
        result = LogicalType::Text;
    } else if (f == "DATE_PART") {
        needs(2, 2);
        result = LogicalType::Double;
    } else if (f == "DATE_TRUNC") {
        needs(2, 2);
        result = LogicalType::Timestamp;
    } else if (f == "AGE") {
        needs(1, 2);
        result = LogicalType::Text;
    } else if (f == "ADD_INTERVAL" || f == "SUBTRACT_INTERVAL") {
        needs(2, 2);
        result = LogicalType::Timestamp; // PostgreSQL's too, for a date plus an interval
    } else {
        return false;
    }
    return true;
}

bool isWholeDatePart(const std::string &field)
{
    const std::string f = asciiLower(field);
    return f != "second" && f != "seconds" && f != "millisecond" && f != "milliseconds"
           && f != "epoch";
}

Value callTimeFunction(const std::string &f, std::vector<Value> &a, LogicalType resultType,
                       ExecContext &ctx, bool &known)
{
    known = true;
    if (f == "DATE") { // with modifiers (date(x) alone is a cast: functions.cpp)
        auto t = instantWithModifiers(a, 0, ctx);
        return t ? Value::date(floorDiv(*t, kMicrosPerDay)) : Value::null();
    }
    if (f == "TIME" || f == "DATETIME" || f == "JULIANDAY" || f == "UNIXEPOCH") {
        auto t = instantWithModifiers(a, 0, ctx);
        if (!t)
            return Value::null();
        if (f == "TIME")
            return Value::text(timeText(*t));
        if (f == "DATETIME")
            return Value::text(dateText(*t) + " " + timeText(*t));
        if (f == "JULIANDAY")
            return Value::real(julianDayOf(*t));
        return Value::integer(floorDiv(*t, kMicrosPerSecond));
    }
    if (f == "STRFTIME") {
        if (a[0].isNull())
            return Value::null();
        auto t = instantWithModifiers(a, 1, ctx);
        return t ? Value::text(strftimeText(a[0].toString(), *t)) : Value::null();
    }
    if (f == "AGE") {
        if (a[0].isNull() || (a.size() > 1 && a[1].isNull()))
            return Value::null();
        std::vector<int64_t> instants;
        for (const auto &v : a)
            instants.push_back(dateOrTimestamp(v, ctx, "age() needs dates or timestamps"));
        if (instants.size() == 1) // age(x): from x to today's midnight
            return Value::text(
                age(floorDiv(ctx.statementTime, kMicrosPerDay) * kMicrosPerDay, instants[0]));
        return Value::text(age(instants[0], instants[1]));
    }
    if (f == "DATE_PART" || f == "DATE_TRUNC" || f == "ADD_INTERVAL" || f == "SUBTRACT_INTERVAL") {
        if (a[0].isNull() || a[1].isNull())
            return Value::null();
        const bool intervalFirst = f == "ADD_INTERVAL" || f == "SUBTRACT_INTERVAL";
        const Value &when = intervalFirst ? a[0] : a[1];
        const std::optional<int64_t> t
            = dateOrTimestamp(when, ctx, asciiLower(f) + "() needs a date or timestamp");
        if (f == "DATE_PART") {
            Value v = datePart(a[0].toString(), *t);
            if (resultType == LogicalType::Integer || v.type != LogicalType::Integer)
                return v;
            return Value::real(static_cast<double>(v.i));
        }
        if (f == "DATE_TRUNC")
            return Value::timestamp(dateTrunc(a[0].toString(), *t));
        return Value::timestamp(addInterval(*t, a[1].toString(), f == "ADD_INTERVAL" ? 1 : -1));
    }
    known = false;
    return Value::null();
}

} // namespace strata::engine::exec
