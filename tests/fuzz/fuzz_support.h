#pragma once
// Shared by the libFuzzer targets: the input as a file (the readers map files), and a sink
// that touches every cell the way an import does.
#include "engine/transfer/format.h"
#include "engine/transfer/import_source.h"

#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

namespace strata::fuzz {

//! Writes the input to a per-process file with this extension; returns its path.
inline std::string inputFile(const uint8_t *data, size_t size, const char *extension)
{
    static const std::string path = std::string(getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp")
                                    + "/strata-fuzz-" + std::to_string(getpid()) + extension;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
    return path;
}

//! Converts every cell to every type and guesses every column, as imports do.
class TouchingSink : public transfer::ImportSink {
public:
    bool beginTable(const transfer::SourceTable &table) override
    {
        m_guesses.assign(table.columns.size(), {});
        return true;
    }
    void addColumn(const std::string &) override { m_guesses.emplace_back(); }
    void row(std::span<const transfer::Cell> cells, const transfer::RowOrigin &origin) override
    {
        (void)origin.position();
        for (size_t i = 0; i < cells.size() && i < m_guesses.size(); ++i) {
            m_guesses[i].observe(cells[i]);
            for (auto type : {engine::LogicalType::Integer, engine::LogicalType::Double,
                              engine::LogicalType::Boolean, engine::LogicalType::Date,
                              engine::LogicalType::Timestamp, engine::LogicalType::Blob,
                              engine::LogicalType::Text}) {
                std::string why;
                (void)transfer::convertCell(cells[i], type, why);
            }
        }
    }
    void rejectRow(const transfer::RowOrigin &, int, const std::string &) override {}
    void endTable() override
    {
        for (const auto &g : m_guesses)
            (void)g.type();
    }

private:
    std::vector<transfer::TypeGuess> m_guesses;
};

//! Reads the input with the format's reader; errors are expected, crashes are not.
inline void readAll(const uint8_t *data, size_t size, const char *format, const char *extension,
                    bool restore = false)
{
    static bool registered = (transfer::registerBuiltinFormats(), true);
    (void)registered;
    const std::string path = inputFile(data, size, extension);
    transfer::ImportSpec spec;
    spec.csv.maxFieldBytes = 1 << 20;
    spec.restore = restore;
    try {
        auto made = transfer::FormatRegistry::instance().createReader(format, path, spec);
        if (!made)
            return;
        auto reader = std::move(made).value();
        TouchingSink sink;
        reader->read(sink);
    } catch (const engine::EngineError &) {
    }
}

} // namespace strata::fuzz
