#pragma once

#include "engine/transfer/format.h"

#include <string_view>

namespace strata::transfer {

//! How a CSV file is written; built from a preset and individual options.
struct CsvOptions {
    enum class Quote { Minimal, All, NonNumeric };
    char delimiter = ',';
    char quote = '"';
    Quote policy = Quote::Minimal;
    bool header = true;
    std::string lineEnd = "\r\n";
    bool bom = false;
    std::string nullText;       //!< written for NULL (unquoted); "" by default
    bool formulaGuard = false;  //!< prefix text starting with = + - @ TAB CR with ' (looksGuarded)
    bool booleanDigits = false; //!< 1/0 instead of true/false
    bool blobHex = false;       //!< hex instead of base64

    //! Presets: rfc4180 (default), excel, tsv, postgres; then the named options on top. The
    //! values are those FormatRegistry::validate let through (each of its option's kind);
    //! what is checked here is what the kinds cannot say: a delimiter equal to the quote, a
    //! line break as either.
    static engine::Result<CsvOptions> parse(const std::map<std::string, std::string> &options);
};

//! The excel preset's formula guard: whether `s` from `from` on is zero or more apostrophes and
//! then = + - @ TAB or CR. The writer prefixes such text with one more apostrophe, the reader
//! removes one, so that "=x" and "'=x" both come back as they were.
inline bool looksGuarded(std::string_view s, size_t from)
{
    while (from < s.size() && s[from] == '\'')
        ++from;
    if (from == s.size())
        return false;
    const char c = s[from];
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

//! Appends one text field as `options` quote it (doubling quotes inside), with the formula
//! guard's apostrophe when `guard` is set and the text looks like a formula. The one CSV
//! quoting routine: the writer, the import's rejects file and the CLI's query output use it.
void appendCsvText(std::string &buf, std::string_view s, const CsvOptions &options, bool guard);
std::unique_ptr<Writer> createCsvWriter(OutputFile &out, const ExportContext &context,
                                        const std::map<std::string, std::string> &options);

} // namespace strata::transfer
