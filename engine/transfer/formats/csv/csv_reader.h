#pragma once

#include "engine/transfer/import_source.h"

#include <memory>

namespace strata::transfer {

class CsvRecordParser;

//! What sniffing found out about a CSV file (or was told).
struct CsvDialect {
    char delimiter = ',';
    char quote = '"';
    bool header = true;
    std::string encoding = "utf-8"; //!< "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "latin-1"
    bool formulaGuard = false;      //!< undo the excel preset's leading '
};

//! Reads RFC 4180 CSV (and TSV and the variants spreadsheets write) from a file: one table
//! named after the file (or ImportSpec::table). Quoted fields may span lines; CRLF, LF and CR
//! line ends may be mixed. The whole file is memory-mapped; fields are views into it.
class CsvReader : public Reader {
public:
    //! Opens `path` and sniffs what the options leave open. `maxBytes` > 0 reads only the start
    //! of the file (previews), ending at the last whole line.
    static std::unique_ptr<CsvReader> open(const ReadSource &source, const std::string &tableName,
                                           const CsvReadOptions &options, int64_t maxBytes = 0);
    ~CsvReader() override;

    void read(ImportSink &sink) override;
    Split readSplit(ImportSink &first, ImportSink &second) override;
    std::vector<std::string> warnings() const override { return m_warnings; }
    const CsvDialect &dialect() const { return m_dialect; }
    std::map<std::string, std::string> detected() const override;

private:
    CsvReader() = default;
    SourceTable header(CsvRecordParser &parser, bool &haveRecord);
    //! Emits records to `sink` until one starts at or after `stopAt`; true when it stopped
    //! there (the parser holds that record), false at the end of the file.
    bool emitRecords(CsvRecordParser &parser, ImportSink &sink, size_t width, size_t stopAt);
    struct Data;
    std::unique_ptr<Data> m_data;
    engine::Location m_origin;
    std::string m_table;
    CsvReadOptions m_options;
    CsvDialect m_dialect;
    std::vector<std::string> m_warnings;
    bool m_headerChecked = false; //!< header warnings given once, not on every pass
};

std::unique_ptr<Reader> createCsvReader(const ReadSource &source, const ImportSpec &spec);

} // namespace strata::transfer
