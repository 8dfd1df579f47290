// The import preview (a bounded prefix of a file, its first rows as text and the types they
// suggest), read through the format's reader like the import itself.
#include "engine/transfer/format.h"
#include "engine/transfer/import_inference.h"
#include "engine/transfer/import_job.h"
#include "engine/transfer/import_source.h"
#include "engine/transfer/job_support.h"

#include <optional>

namespace strata::transfer {

using engine::EngineError;
using engine::LogicalType;

namespace {

//! Keeps the first rows of each table as text and guesses types from every row it sees.
class PreviewSink : public ImportSink {
public:
    explicit PreviewSink(size_t maxRows)
        : m_maxRows(maxRows)
    {
    }

    std::vector<PreviewTable> tables;

    bool beginTable(const SourceTable &table) override
    {
        tables.emplace_back();
        tables.back().name = table.name;
        m_declared.clear();
        m_guesses.clear();
        for (const auto &c : table.columns) {
            tables.back().columns.push_back(c.name);
            m_declared.push_back(c.type);
            m_guesses.emplace_back();
        }
        return true;
    }
    void addColumn(const std::string &name) override
    {
        tables.back().columns.push_back(name);
        m_declared.push_back(std::nullopt);
        m_guesses.emplace_back();
        for (auto &row : tables.back().rows)
            row.push_back(std::nullopt);
    }
    void row(std::span<const Cell> cells, const RowOrigin &) override
    {
        for (size_t i = 0; i < cells.size() && i < m_guesses.size(); ++i)
            m_guesses[i].observe(cells[i]);
        if (tables.back().rows.size() >= m_maxRows)
            return;
        std::vector<std::optional<std::string>> row;
        for (const auto &cell : cells)
            row.push_back(cell.kind == Cell::Kind::Null ? std::nullopt
                                                        : std::optional(std::string(cell.text)));
        tables.back().rows.push_back(std::move(row));
    }
    void rejectRow(const RowOrigin &, int, const std::string &) override {}
    void endTable() override
    {
        auto &t = tables.back();
        t.types.clear();
        for (size_t i = 0; i < t.columns.size(); ++i)
            t.types.push_back(typeLabel(m_declared[i] ? *m_declared[i] : m_guesses[i].type()));
    }

private:
    size_t m_maxRows;
    std::vector<std::optional<LogicalType>> m_declared;
    std::vector<TypeGuess> m_guesses;
};

//! A progress sink that only says whether to stop.
class CancelFlag : public ProgressSink {
public:
    explicit CancelFlag(const std::atomic<bool> *canceled)
        : m_canceled(canceled)
    {
    }
    void setTotal(int64_t) override {}
    void advance(int64_t, const std::string &) override {}
    bool isCanceled() const override { return m_canceled && m_canceled->load(); }

private:
    const std::atomic<bool> *m_canceled;
};

//! The reader for `path` (the format from the spec, else detected); throws EngineError.
std::unique_ptr<Reader> openReader(const std::string &path, const ImportSpec &spec)
{
    const std::string format = check(detectImportFormat(path, spec.format));
    return check(FormatRegistry::instance().createReader(format, path, spec));
}

//! Counts each table's rows and keeps nothing else.
class SurveySink : public ImportSink {
public:
    explicit SurveySink(const std::atomic<bool> *canceled)
        : m_canceled(canceled)
    {
    }

    std::vector<SurveyedTable> tables;

    bool beginTable(const SourceTable &table) override
    {
        tables.push_back({table.name, 0});
        return true;
    }
    void addColumn(const std::string &) override {}
    void row(std::span<const Cell>, const RowOrigin &) override
    {
        if ((++tables.back().rows & 4095) == 0 && m_canceled.isCanceled())
            throw EngineError(engine::StatusCode::Canceled, "the survey was canceled");
    }
    void rejectRow(const RowOrigin &, int, const std::string &) override
    {
        ++tables.back().rows; // a row all the same: the import says what is wrong with it
    }
    void endTable() override {}

private:
    CancelFlag m_canceled;
};

} // namespace

engine::Result<std::vector<SurveyedTable>>
surveyImport(const std::string &path, const ImportSpec &spec, const std::atomic<bool> *canceled)
{
    try {
        auto reader = openReader(path, spec);
        SurveySink sink(canceled);
        reader->read(sink);
        return std::move(sink.tables);
    } catch (const EngineError &e) {
        return e.toStatus();
    }
}

engine::Result<std::vector<InferredTypes>>
inferImportTypes(const std::string &path, const ImportSpec &spec, const std::atomic<bool> *canceled)
{
    try {
        auto reader = openReader(path, spec);
        std::vector<InferredTypes> out;
        if (reader->describesTypes())
            return out;
        CancelFlag flag(canceled);
        InferenceSink inference(spec, &flag);
        reader->read(inference);
        for (const auto &[name, table] : inference.tables) {
            InferredTypes t{name, table.rows, {}};
            for (size_t i = 0; i < table.columns.size(); ++i) {
                InferredColumn c{table.columns[i], typeLabel(table.guesses[i].type())};
                if (i < table.widenings.size() && table.widenings[i]) {
                    c.widenedFrom = typeLabel(table.widenings[i]->from);
                    c.widenedAt = table.widenings[i]->at;
                    c.widenedBy = table.widenings[i]->value;
                    c.widenedValue = table.widenings[i]->raw;
                }
                t.columns.push_back(std::move(c));
            }
            out.push_back(std::move(t));
        }
        return out;
    } catch (const EngineError &e) {
        return e.toStatus();
    }
}

engine::Result<ImportPreview> previewImport(const std::string &path, const ImportSpec &spec,
                                            size_t maxRows, int64_t maxBytes)
{
    try {
        ImportPreview preview;
        preview.format = check(detectImportFormat(path, spec.format));
        ImportSpec prefix = spec;
        prefix.prefixBytes = maxBytes;
        auto reader = check(FormatRegistry::instance().createReader(preview.format, path, prefix));
        preview.detected = reader->detected();
        PreviewSink sink(maxRows);
        reader->read(sink);
        preview.tables = std::move(sink.tables);
        preview.warnings = reader->warnings();
        return preview;
    } catch (const EngineError &e) {
        return e.toStatus();
    }
}

} // namespace strata::transfer
