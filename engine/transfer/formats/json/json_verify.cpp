// What `strata verify` checks in a JSON file Strata wrote: the structure of a backup, table
// or query export and its record count, or one object a line (JSON lines); streamed, so
// memory stays flat in the file's size.
#include "engine/transfer/formats/json/json_verify.h"

#include "engine/common/ascii.h"
#include "engine/transfer/verify_stream.h"

#include <cstdlib>
#include <map>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <vector>

namespace strata::transfer {

namespace {

//! What a JSON export holds, gathered by a SAX pass: the rows of "$.data", "$.table.data" or
//! each "$.tables.NAME.data", and the parts a backup must have. Numbers stay text (as the
//! reader takes them), so a NaN or a huge integer is no error here either.
class JsonShape : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, JsonShape> {
public:
    struct Table {
        bool dataIsArray = false;
        bool hasColumns = false;
    };
    bool rootIsObject = false;
    bool hasMetadata = false;
    bool hasTables = false;
    bool hasData = false; //!< "$.data" or "$.table.data" is an array
    int64_t recordCount = -1;
    int64_t rows = 0;
    std::map<std::string, Table> tables;

    bool Null() { return value(false, false); }
    bool Bool(bool) { return value(false, false); }
    bool RawNumber(const char *s, rapidjson::SizeType n, bool)
    {
        if (at({"export_metadata", "record_count"}))
            recordCount = std::strtoll(std::string(s, n).c_str(), nullptr, 10);
        return value(false, false);
    }
    bool String(const char *, rapidjson::SizeType, bool) { return value(false, false); }
    bool Key(const char *s, rapidjson::SizeType n, bool)
    {
        m_path.back() = std::string(s, n);
        return true;
    }
    bool StartObject() { return value(true, false); }
    bool StartArray() { return value(true, true); }
    bool EndObject(rapidjson::SizeType) { return end(); }
    bool EndArray(rapidjson::SizeType) { return end(); }

private:
    //! Whether the value now starting sits at `path` (keys from the root; "*" is any).
    bool at(std::initializer_list<const char *> path) const
    {
        if (m_path.size() != path.size())
            return false;
        size_t i = 0;
        for (const char *key : path) {
            if (std::string_view(key) != "*" && m_path[i] != key)
                return false;
            ++i;
        }
        return true;
    }
    bool value(bool container, bool array)
    {
        if (m_depth > 512)
            return false; // hostile nesting: refused before it can exhaust the stack
        if (!m_inArray.empty() && m_inArray.back()) {
            // An element of an array: a row when the array is one of the data arrays.
            if (m_dataDepth == m_inArray.size())
                ++rows;
        } else if (m_path.empty()) {
            rootIsObject = container && !array;
        } else if (at({"export_metadata"})) {
            hasMetadata = container && !array;
        } else if (at({"tables"})) {
            hasTables = container && !array;
        } else if (at({"tables", "*"})) {
            if (hasTables)
                tables[m_path[1]];
        } else if (hasTables && at({"tables", "*", "data"})) {
            tables[m_path[1]].dataIsArray = array;
            if (array)
                m_dataDepth = m_inArray.size() + 1;
        } else if (hasTables && at({"tables", "*", "schema", "columns"})) {
            tables[m_path[1]].hasColumns = array;
        } else if (at({"data"}) || at({"table", "data"})) {
            hasData |= array;
            if (array && !hasTables)
                m_dataDepth = m_inArray.size() + 1;
        }
        if (container) {
            ++m_depth;
            m_inArray.push_back(array);
            if (!array)
                m_path.emplace_back();
        }
        return true;
    }
    bool end()
    {
        --m_depth;
        if (m_dataDepth == m_inArray.size())
            m_dataDepth = 0;
        if (!m_inArray.back())
            m_path.pop_back();
        m_inArray.pop_back();
        return true;
    }

    std::vector<std::string> m_path; //!< one key per open object (arrays add none)
    std::vector<bool> m_inArray;     //!< per open container: whether it is an array
    size_t m_dataDepth = 0;          //!< m_inArray.size() inside a data array, else 0
    int m_depth = 0;
};

constexpr unsigned kJsonFlags
    = rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseNanAndInfFlag;

//! Rows of JSON lines: one object a line; -1 with `problem` set when a line is not one.
int64_t countJsonLines(VerifyStream &in, std::string &problem)
{
    int64_t rows = 0, lineNumber = 0;
    std::string line;
    auto finishLine = [&] {
        ++lineNumber;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            return true;
        rapidjson::MemoryStream stream(line.data(), line.size());
        rapidjson::Reader reader;
        JsonShape shape;
        const auto result = reader.Parse<kJsonFlags>(stream, shape);
        if (result.IsError() || !shape.rootIsObject) {
            problem = "line " + std::to_string(lineNumber) + " is not a JSON object"
                      + (result.IsError()
                             ? std::string(" (") + rapidjson::GetParseError_En(result.Code()) + ")"
                             : std::string());
            return false;
        }
        line.clear();
        ++rows;
        return true;
    };
    for (std::string_view chunk = in.next(); !chunk.empty(); chunk = in.next()) {
        size_t from = 0;
        for (size_t nl; (nl = chunk.find('\n', from)) != std::string_view::npos; from = nl + 1) {
            line.append(chunk.substr(from, nl - from));
            if (!finishLine())
                return -1;
        }
        line.append(chunk.substr(from));
    }
    return finishLine() ? rows : -1;
}

//! Checks the structure of a JSON export read from `in` into `report`; `label` names it.
//! Returns the rows found, or -1 when the text is not JSON.
int64_t checkJson(VerifyStream &in, const std::string &label, std::vector<std::string> &problems)
{
    rapidjson::Reader reader;
    JsonShape shape;
    const auto result = reader.Parse<kJsonFlags>(in, shape);
    if (result.IsError()) {
        problems.push_back(label + ": invalid JSON at byte " + std::to_string(result.Offset())
                           + ": " + rapidjson::GetParseError_En(result.Code()));
        return -1;
    }
    if (!shape.rootIsObject) {
        problems.push_back(label + ": the top-level value is not an object");
        return -1;
    }
    if (shape.hasTables) {
        if (!shape.hasMetadata)
            problems.push_back(label + ": $.export_metadata is missing");
        for (const auto &[name, table] : shape.tables) {
            const std::string where = "$.tables." + name;
            if (!table.hasColumns)
                problems.push_back(label + ": " + where + ".schema.columns is missing");
            if (!table.dataIsArray)
                problems.push_back(label + ": " + where + ".data is not an array");
        }
        if (shape.recordCount >= 0 && shape.recordCount != shape.rows)
            problems.push_back(label + ": $.export_metadata.record_count is "
                               + std::to_string(shape.recordCount) + " but "
                               + std::to_string(shape.rows) + " rows are present");
    } else if (!shape.hasData) {
        problems.push_back(label + ": neither $.tables, $.table.data nor $.data");
    }
    return shape.rows;
}

bool endsWith(const std::string &name, std::string_view suffix)
{
    return name.size() >= suffix.size()
           && engine::equalsIgnoreCase(std::string_view(name).substr(name.size() - suffix.size()),
                                       suffix);
}

} // namespace

int64_t countJsonRecords(VerifyStream &in, const std::string &name,
                         const std::map<std::string, std::string> &options,
                         std::vector<std::string> &problems)
{
    auto lines = options.find("lines");
    if ((lines != options.end() && lines->second == "true") || endsWith(name, ".jsonl")
        || endsWith(name, ".ndjson")) {
        std::string problem;
        const int64_t rows = countJsonLines(in, problem);
        if (rows < 0)
            problems.push_back(name + ": " + problem);
        return rows;
    }
    return checkJson(in, name, problems);
}

} // namespace strata::transfer
