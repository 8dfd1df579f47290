#pragma once
// The rejects file of an import (internal to engine/transfer): the rows that could not be
// imported, written under a temporary name and published only when the import commits.

#include "engine/transfer/formats/csv/csv_writer.h"
#include "engine/transfer/import_source.h"
#include "engine/transfer/import_spec.h"
#include "engine/transfer/job_support.h"
#include "engine/transfer/naming.h"
#include "engine/transfer/output_file.h"

#include <QFileInfo>
#include <memory>
#include <string>

namespace strata::transfer {

//! Rows that could not be imported, as CSV: source, line, location, column, reason, original.
class RejectsFile {
public:
    RejectsFile(const ImportSpec &spec, int64_t startTime)
        : m_spec(spec)
        , m_startTime(startTime)
    {
    }

    void add(const std::string &source, const RowOrigin &origin, const std::string &column,
             const std::string &reason)
    {
        if (!m_file)
            open();
        std::string line;
        const std::string lineNumber
            = origin.line > 0 ? std::to_string(origin.line) : std::string();
        const std::string position = origin.position();
        for (std::string_view field : {std::string_view(source), std::string_view(lineNumber),
                                       std::string_view(position), std::string_view(column),
                                       std::string_view(reason), std::string_view(origin.original)})
            appendField(line, field);
        line += "\r\n";
        m_file->write(line);
        ++m_count;
    }

    int64_t count() const { return m_count; }
    //! Renames the file into place; returns its path ("" when nothing was rejected).
    std::string commit()
    {
        if (!m_file)
            return {};
        return check(m_file->commit());
    }

private:
    //! Every field quoted, as the CSV writer quotes with quote_policy=all.
    static void appendField(std::string &line, std::string_view text)
    {
        static const CsvOptions kAllQuoted = [] {
            CsvOptions o;
            o.policy = CsvOptions::Quote::All;
            return o;
        }();
        if (!line.empty())
            line += kAllQuoted.delimiter;
        appendCsvText(line, text, kAllQuoted, false);
    }

    void open()
    {
        std::string dir, stem;
        if (!m_spec.rejectsPath.empty()) {
            const QFileInfo info(QString::fromStdString(m_spec.rejectsPath));
            dir = info.absolutePath().toStdString();
            stem = info.completeBaseName().toStdString();
        } else {
            const QFileInfo info(QString::fromStdString(m_spec.files.front()));
            dir = info.absolutePath().toStdString();
            stem = safeFileStem(info.completeBaseName().toStdString()) + "_rejects_"
                   + nameTimestamp(m_startTime, false);
        }
        m_file = check(OutputFile::create(dir, stem, "csv", nullptr));
        std::string header;
        for (const char *name : {"source", "line", "location", "column", "reason", "original"})
            appendField(header, name);
        m_file->write(header + "\r\n");
    }

    const ImportSpec &m_spec;
    int64_t m_startTime;
    std::unique_ptr<OutputFile> m_file;
    int64_t m_count = 0;
};

} // namespace strata::transfer
