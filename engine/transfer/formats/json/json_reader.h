#pragma once

#include "engine/transfer/import_source.h"

#include <memory>

namespace strata::transfer {

//! Reads JSON, streaming (RapidJSON SAX over the memory-mapped file, so a backup larger than
//! memory restores): Strata's backup layout (with or without column_defs — the original
//! engine's documented backups have none), the table and query layouts, a plain array of
//! objects, and JSON lines. Rows may be objects (by key) or arrays (by position).
class JsonReader : public Reader {
public:
    //! `lines`: the file is JSON lines whatever its content looks like (.jsonl, .ndjson).
    //! `maxBytes` > 0 reads only the start (previews); the cut is not an error.
    static std::unique_ptr<JsonReader> open(const ReadSource &source, const std::string &tableName,
                                            bool lines, int64_t maxBytes = 0);
    ~JsonReader() override;

    void read(ImportSink &sink) override;
    Split readSplit(ImportSink &first, ImportSink &second) override;
    bool describesTypes() const override { return m_describesTypes; }
    //! Accept only a backup's layout ({"tables": {name: {"schema", "data"}}}), for restores.
    void setBackupOnly(bool on) { m_backupOnly = on; }
    //! Nesting deeper than this is an error (hostile files).
    static constexpr size_t kMaxDepth = 64;

private:
    JsonReader() = default;
    //! Reads the values of `text` that start before `stopAt`; returns where it stopped.
    size_t readRange(ImportSink &sink, std::string_view text, size_t stopAt);
    struct Data;
    std::unique_ptr<Data> m_data;
    engine::Location m_origin;
    std::string m_table;
    bool m_lines = false;
    bool m_describesTypes = false;
    bool m_backupOnly = false;
    int64_t m_maxBytes = 0;
};

std::unique_ptr<Reader> createJsonReader(const ReadSource &source, const ImportSpec &spec);

} // namespace strata::transfer
