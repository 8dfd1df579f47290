#include "engine/transfer/formats/xlsx/xlsx_writer.h"

#include "engine/transfer/formats/text_out.h"

#include <cctype>
#include <cmath>
#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>
#include <set>

namespace strata::transfer {

using engine::EngineError;
using engine::LogicalType;
using engine::StatusCode;

// Written by hand, through QuaZip, rather than with libxlsxwriter: libxlsxwriter packs its zip
// with libminizip's zipOpen3, and QuaZip exports a zipOpen3 of its own with another signature;
// in one process the dynamic linker binds one library's calls to the other's function (a
// crash), and RTLD_DEEPBIND, the usual way out, does not work under the sanitizers our tests
// use. SpreadsheetML with inline strings is small; each sheet is streamed into its zip entry,
// so memory stays constant however long the table.

namespace {

constexpr int64_t kRowsPerSheet = 1048576; // including the header row
constexpr size_t kMaxCellChars = 32767;    // what an Excel cell holds

std::string columnLetters(size_t index)
{
    std::string s;
    for (size_t n = index + 1; n > 0; n = (n - 1) / 26)
        s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
    return s;
}

//! Whether `s` holds Excel's escape _xHHHH_ at `i`.
bool excelEscapeAt(std::string_view s, size_t i)
{
    if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_')
        return false;
    for (size_t k = i + 2; k < i + 6; ++k)
        if (!std::isxdigit(static_cast<unsigned char>(s[k])))
            return false;
    return true;
}

//! XML text content: & < > escaped; CR as a character reference (a raw one reads as LF in every
//! XML reader); characters XML 1.0 forbids become Excel's _xHHHH_ form, and text that already
//! reads like that form has its underscore escaped (_x005F_), as Excel does, so that Excel and
//! LibreOffice give back what was written.
void appendXmlText(std::string &b, std::string_view s)
{
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '_' && excelEscapeAt(s, i)) {
            b += "_x005F_";
            continue;
        }
        switch (c) {
        case '&':
            b += "&amp;";
            break;
        case '<':
            b += "&lt;";
            break;
        case '>':
            b += "&gt;";
            break;
        case '"':
            b += "&quot;";
            break;
        case '\r':
            b += "&#13;";
            break;
        default:
            if (c < 0x20 && c != '\t' && c != '\n') {
                static const char *kHex = "0123456789ABCDEF";
                b += "_x00";
                b += kHex[c >> 4];
                b += kHex[c & 15];
                b += '_';
            } else {
                b += static_cast<char>(c);
            }
        }
    }
}

class XlsxWriter : public Writer {
public:
    explicit XlsxWriter(OutputFile &out)
        : m_out(out)
        , m_zip(QString::fromStdString(out.temporaryPath()))
    {
        out.adoptExternalContent();
        if (!m_zip.open(QuaZip::mdCreate))
            throw EngineError(StatusCode::Io, "cannot create the workbook " + out.temporaryPath());
    }

    void beginTable(const TableMeta &table) override
    {
        if (table.columns.size() > 16384)
            throw EngineError(StatusCode::Invalid, table.name + " has "
                                                       + std::to_string(table.columns.size())
                                                       + " columns; an Excel sheet holds 16,384");
        m_meta = table;
        m_types.clear();
        m_columns.clear();
        for (size_t c = 0; c < table.columns.size(); ++c) {
            m_types.push_back(table.columns[c].type);
            m_columns.push_back(columnLetters(c));
        }
        m_part = 0;
        m_tableRows = 0;
        openSheet();
    }

    void writeBatch(const engine::RowBatch &batch) override
    {
        for (size_t r = 0; r < batch.rowCount(); ++r) {
            if (m_row >= kRowsPerSheet) {
                closeSheet();
                openSheet();
            }
            ++m_row;
            ++m_tableRows;
            const std::string row = std::to_string(m_row);
            m_buffer += "<row r=\"" + row + "\">";
            for (size_t c = 0; c < batch.columnCount(); ++c)
                appendCell(batch.columns[c], r, c, row);
            m_buffer += "</row>";
            ++m_written;
            if (m_buffer.size() > (1u << 20))
                flush();
        }
    }

    void endTable() override
    {
        closeSheet();
        if (m_part > 1) { // the reader of the workbook must know the rest is on the next sheets
            std::string sheets;
            for (size_t i = m_sheets.size() - static_cast<size_t>(m_part); i < m_sheets.size(); ++i)
                sheets += (sheets.empty() ? "" : ", ") + m_sheets[i];
            m_notes.push_back("table " + m_meta.name + " has " + std::to_string(m_tableRows)
                              + " rows, more than an Excel sheet holds ("
                              + std::to_string(kRowsPerSheet - 1)
                              + " below its header): it is split across " + std::to_string(m_part)
                              + " sheets, " + sheets);
        }
    }

    std::vector<std::string> notes() const override { return m_notes; }

    void finish() override
    {
        std::string workbook
            = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
              "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
              "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
              "<sheets>";
        std::string rels
            = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
              "<Relationships "
              "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
        std::string types
            = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
              "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              "<Default Extension=\"rels\" "
              "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
              "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
              "<Override PartName=\"/xl/workbook.xml\" "
              "ContentType=\"application/"
              "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
              "<Override PartName=\"/xl/styles.xml\" "
              "ContentType=\"application/"
              "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>";
        for (size_t i = 0; i < m_sheets.size(); ++i) {
            const std::string n = std::to_string(i + 1);
            workbook += "<sheet name=\"";
            appendXmlText(workbook, m_sheets[i]);
            workbook += "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
            rels += "<Relationship Id=\"rId" + n
                    + "\" "
                      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                      "worksheet\" Target=\"worksheets/sheet"
                    + n + ".xml\"/>";
            types += "<Override PartName=\"/xl/worksheets/sheet" + n
                     + ".xml\" "
                       "ContentType=\"application/"
                       "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
        }
        workbook += "</sheets>";
        // Autofilters need a defined name per sheet for Excel to keep them.
        if (!m_filters.empty()) {
            workbook += "<definedNames>";
            for (const auto &[sheet, ref] : m_filters) {
                workbook += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\""
                            + std::to_string(sheet) + "\" hidden=\"1\">'";
                std::string quoted;
                for (char ch : m_sheets[sheet]) {
                    if (ch == '\'')
                        quoted += '\'';
                    quoted += ch;
                }
                appendXmlText(workbook, quoted);
                workbook += "'!" + ref + "</definedName>";
            }
            workbook += "</definedNames>";
        }
        workbook += "</workbook>";
        rels += "<Relationship Id=\"rId" + std::to_string(m_sheets.size() + 1)
                + "\" "
                  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                  "styles\" Target=\"styles.xml\"/>"
                  "</Relationships>";
        types += "</Types>";
        add("[Content_Types].xml", types);
        add("_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            "<Relationship Id=\"rId1\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "officeDocument\" Target=\"xl/workbook.xml\"/>"
            "</Relationships>");
        add("xl/workbook.xml", workbook);
        add("xl/_rels/workbook.xml.rels", rels);
        // Styles: 0 normal, 1 bold (header), 2 date, 3 date-time.
        add("xl/styles.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/>"
            "<numFmt numFmtId=\"165\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm:ss.000\"/></numFmts>"
            "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
            "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
            "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
            "<borders "
            "count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
            "borderId=\"0\"/></cellStyleXfs>"
            "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" "
            "xfId=\"0\"/>"
            "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
            "applyFont=\"1\"/>"
            "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
            "applyNumberFormat=\"1\"/>"
            "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
            "applyNumberFormat=\"1\"/></cellXfs>"
            "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" "
            "builtinId=\"0\"/></cellStyles>"
            "</styleSheet>");
        m_zip.close();
        if (m_zip.getZipError() != 0)
            throw EngineError(StatusCode::Io,
                              "cannot finish the workbook " + m_out.temporaryPath());
    }

private:
    std::string sheetName() const
    {
        // Excel: at most 31 characters, none of []:*?/\ and unique in the workbook.
        std::string name;
        for (unsigned char ch : m_meta.name)
            name += (ch == '[' || ch == ']' || ch == ':' || ch == '*' || ch == '?' || ch == '/'
                     || ch == '\\' || ch < 0x20)
                        ? '_'
                        : static_cast<char>(ch);
        if (name.empty())
            name = "Sheet";
        const std::string suffix = m_part > 1 ? " (" + std::to_string(m_part) + ")" : "";
        size_t keep = std::min(name.size(), 31 - suffix.size());
        while (keep > 0 && keep < name.size()
               && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80)
            --keep; // cut at a UTF-8 boundary
        name = name.substr(0, keep) + suffix;
        for (int n = 2; std::find(m_sheets.begin(), m_sheets.end(), name) != m_sheets.end(); ++n)
            name = name.substr(0, std::min<size_t>(name.size(), 26)) + "~" + std::to_string(n);
        return name;
    }

    void openSheet()
    {
        ++m_part;
        m_sheets.push_back(sheetName());
        m_entry = std::make_unique<QuaZipFile>(&m_zip);
        const QString path = QStringLiteral("xl/worksheets/sheet%1.xml").arg(m_sheets.size());
        // Deflate level 1: sheets are large, repetitive XML; the fastest level still shrinks
        // them several-fold, and the default level made compression most of the export's time.
        if (!m_entry->open(QIODevice::WriteOnly, QuaZipNewInfo(path), nullptr, 0, Z_DEFLATED, 1))
            throw EngineError(StatusCode::Io, "cannot add a sheet to " + m_out.temporaryPath());
        m_buffer
            = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
              "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
              "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
              "activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><cols>";
        for (size_t c = 0; c < m_types.size(); ++c) {
            const int width = m_types[c] == LogicalType::Timestamp ? 24
                              : m_types[c] == LogicalType::Date    ? 12
                                                                   : 16;
            m_buffer += "<col min=\"" + std::to_string(c + 1) + "\" max=\"" + std::to_string(c + 1)
                        + "\" width=\"" + std::to_string(width) + "\" customWidth=\"1\"/>";
        }
        m_buffer += "</cols><sheetData><row r=\"1\">";
        for (size_t c = 0; c < m_meta.columns.size(); ++c) {
            m_buffer += "<c r=\"" + m_columns[c]
                        + "1\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">";
            appendXmlText(m_buffer, m_meta.columns[c].name);
            m_buffer += "</t></is></c>";
        }
        m_buffer += "</row>";
        m_row = 1;
    }

    void closeSheet()
    {
        if (!m_entry)
            return;
        m_buffer += "</sheetData>";
        if (!m_columns.empty()) {
            const std::string ref = "$A$1:$" + m_columns.back() + "$" + std::to_string(m_row);
            m_buffer += "<autoFilter ref=\"A1:" + m_columns.back() + std::to_string(m_row) + "\"/>";
            m_filters.emplace_back(m_sheets.size() - 1, ref);
        }
        m_buffer += "</worksheet>";
        flush();
        m_entry->close();
        if (m_entry->getZipError() != 0)
            throw EngineError(StatusCode::Io, "cannot write a sheet of " + m_out.temporaryPath());
        m_entry.reset();
    }

    void flush()
    {
        if (m_entry->write(m_buffer.data(), static_cast<qint64>(m_buffer.size()))
            != static_cast<qint64>(m_buffer.size()))
            throw EngineError(StatusCode::Io, "cannot write the workbook " + m_out.temporaryPath());
        m_buffer.clear();
    }

    void add(const char *name, const std::string &content)
    {
        QuaZipFile entry(&m_zip);
        if (!entry.open(QIODevice::WriteOnly, QuaZipNewInfo(QString::fromLatin1(name)))
            || entry.write(content.data(), static_cast<qint64>(content.size()))
                   != static_cast<qint64>(content.size()))
            throw EngineError(StatusCode::Io,
                              std::string("cannot add ") + name + " to the workbook");
        entry.close();
    }

    void appendString(const std::string &ref, std::string_view s, size_t column)
    {
        if (engine::utf8Length(s) > kMaxCellChars)
            throw EngineError(
                StatusCode::Invalid,
                m_meta.name + " row " + std::to_string(m_written + 1) + ", column "
                    + m_meta.columns[column].name
                    + ": more than 32,767 characters, which is more than an Excel cell "
                      "holds (export it as CSV, or leave the column out)");
        m_buffer += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">";
        appendXmlText(m_buffer, s);
        m_buffer += "</t></is></c>";
    }

    void appendCell(const engine::ColumnVector &col, size_t r, size_t c, const std::string &row)
    {
        if (col.isNull(r))
            return; // an empty cell
        const std::string ref = m_columns[c] + row;
        switch (m_types[c]) {
        case LogicalType::Boolean:
            m_buffer
                += "<c r=\"" + ref + "\" t=\"b\"><v>" + (col.intAt(r) ? "1" : "0") + "</v></c>";
            return;
        case LogicalType::Integer: {
            const int64_t v = col.intAt(r);
            m_scratch.clear();
            text::appendInt(m_scratch, v);
            if (v > (int64_t(1) << 53)
                || v < -(int64_t(1) << 53)) // a spreadsheet number would change it
                appendString(ref, m_scratch, c);
            else
                m_buffer += "<c r=\"" + ref + "\"><v>" + m_scratch + "</v></c>";
            return;
        }
        case LogicalType::Double: {
            const double d = col.doubleAt(r);
            m_scratch.clear();
            text::appendDouble(m_scratch, d);
            if (std::isfinite(d))
                m_buffer += "<c r=\"" + ref + "\"><v>" + m_scratch + "</v></c>";
            else
                appendString(ref, m_scratch, c); // "NaN", "Infinity"
            return;
        }
        case LogicalType::Date:
        case LogicalType::Timestamp: {
            const bool isDate = m_types[c] == LogicalType::Date;
            const int64_t micros = isDate ? col.intAt(r) * 86400000000LL : col.intAt(r);
            // Excel's serial day: 25569 is 1970-01-01; valid from 1900-03-01 (serial 61). The
            // whole days plus the exact fraction of the day, rounded once: the double nearest
            // the true serial, which brings back every microsecond until 2079 (later, doubles
            // get coarser than that).
            constexpr int64_t kMicrosPerDay = 86400000000LL;
            const int64_t day
                = micros >= 0 ? micros / kMicrosPerDay : -((-micros - 1) / kMicrosPerDay) - 1;
            const double serial = static_cast<double>(day + 25569)
                                  + static_cast<double>(micros - day * kMicrosPerDay)
                                        / static_cast<double>(kMicrosPerDay);
            if (serial < 61 || serial >= 2958466) { // outside Excel's calendar: ISO text
                m_scratch.clear();
                if (isDate)
                    text::appendDate(m_scratch, col.intAt(r));
                else
                    text::appendTimestamp(m_scratch, col.intAt(r));
                appendString(ref, m_scratch, c);
                return;
            }
            m_scratch.clear();
            if (isDate)
                text::appendInt(m_scratch, col.intAt(r) + 25569);
            else
                text::appendDouble(m_scratch, serial);
            if (!isDate && m_scratch.size() > 2
                && m_scratch.compare(m_scratch.size() - 2, 2, ".0") == 0)
                m_scratch.resize(m_scratch.size() - 2);
            m_buffer += "<c r=\"" + ref + "\" s=\"" + (isDate ? "2" : "3") + "\"><v>" + m_scratch
                        + "</v></c>";
            return;
        }
        case LogicalType::Blob:
            m_scratch.clear();
            text::appendBase64(m_scratch, col.bytesAt(r));
            appendString(ref, m_scratch, c);
            return;
        default:
            appendString(ref, col.bytesAt(r), c);
            return;
        }
    }

    OutputFile &m_out;
    QuaZip m_zip;
    std::unique_ptr<QuaZipFile> m_entry;
    TableMeta m_meta;
    std::vector<LogicalType> m_types;
    std::vector<std::string> m_columns; //!< "A", "B", ... per column
    std::vector<std::string> m_sheets;
    std::vector<std::pair<size_t, std::string>> m_filters; //!< (sheet index, $A$1:$H$9)
    std::string m_buffer, m_scratch;
    int64_t m_row = 0;
    int64_t m_written = 0;
    int m_part = 0;
    int64_t m_tableRows = 0;
    std::vector<std::string> m_notes;
};

} // namespace

std::unique_ptr<Writer> createXlsxWriter(OutputFile &out, const ExportContext &,
                                         const std::map<std::string, std::string> &)
{
    return std::make_unique<XlsxWriter>(out);
}

} // namespace strata::transfer
