#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strata::engine {

//! Microseconds since 1970-01-01T00:00:00Z.
int64_t nowMicros();

//! Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day);
void civilFromDays(int64_t days, int64_t &year, unsigned &month, unsigned &day);

//! "YYYY-MM-DD"
std::string formatDate(int64_t days);
//! "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" (fraction only when non-zero)
std::string formatTimestamp(int64_t micros);
//! Writes formatTimestamp into out (at least 32 bytes); returns the length.
size_t formatTimestampTo(char *out, int64_t micros);
size_t formatDateTo(char *out, int64_t days);

//! Accepts "YYYY-MM-DD".
std::optional<int64_t> parseDate(std::string_view text);
//! Accepts "YYYY-MM-DD", "YYYY-MM-DD[T ]HH:MM[:SS[.f{1,9}]]" with optional "Z" or "+HH:MM";
//! a value without a zone is taken as UTC.
std::optional<int64_t> parseTimestamp(std::string_view text);

} // namespace strata::engine
