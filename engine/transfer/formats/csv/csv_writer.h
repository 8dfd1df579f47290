#pragma once

#include "engine/transfer/format.h"

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
    bool formulaGuard = false;  //!< prefix text starting with = + - @ TAB CR with '
    bool booleanDigits = false; //!< 1/0 instead of true/false
    bool blobHex = false;       //!< hex instead of base64

    //! Presets: rfc4180 (default), excel, tsv, postgres; then the named options on top.
    //! Throws EngineError(Invalid) for an unknown preset or a bad option value.
    static CsvOptions fromMap(const std::map<std::string, std::string> &options);
};

FormatInfo csvFormatInfo();
std::unique_ptr<Writer> createCsvWriter(OutputFile &out, const ExportContext &context,
                                        const std::map<std::string, std::string> &options);

} // namespace strata::transfer
