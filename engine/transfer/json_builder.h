#pragma once

#include "engine/transfer/formats/json/json_writer.h"
#include "engine/transfer/formats/text_out.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace strata::transfer {

//! Builds a small JSON document (a manifest, a command's result) with the escaping of the JSON
//! writer: commas and nesting are its business, not the caller's. Pretty output puts each
//! member of an object on a line of its own, two spaces deeper each level.
//!   JsonBuilder j; j.beginObject().key("rows").value(3).endObject(); j.text() == {"rows": 3}
class JsonBuilder {
public:
    explicit JsonBuilder(bool pretty = false)
        : m_pretty(pretty)
    {
    }

    JsonBuilder &beginObject() { return open('{'); }
    JsonBuilder &endObject() { return close('}'); }
    JsonBuilder &beginArray() { return open('['); }
    JsonBuilder &endArray() { return close(']'); }
    JsonBuilder &key(std::string_view name)
    {
        separate();
        appendJsonString(m_out, name);
        m_out += ": ";
        m_afterKey = true;
        return *this;
    }
    JsonBuilder &value(std::string_view text)
    {
        separate();
        appendJsonString(m_out, text);
        return *this;
    }
    JsonBuilder &value(const char *text) { return value(std::string_view(text)); }
    JsonBuilder &value(const std::string &text) { return value(std::string_view(text)); }
    JsonBuilder &value(int64_t n)
    {
        separate();
        text::appendInt(m_out, n);
        return *this;
    }
    JsonBuilder &value(int n) { return value(static_cast<int64_t>(n)); }
    JsonBuilder &value(bool b)
    {
        separate();
        m_out += b ? "true" : "false";
        return *this;
    }
    //! A database value as the JSON export writes it (json_writer.h).
    JsonBuilder &value(const engine::Value &v)
    {
        separate();
        appendJsonValue(m_out, v);
        return *this;
    }
    JsonBuilder &number(double d) { return value(engine::Value::real(d)); }
    //! A number as written elsewhere (a double already formatted, "1.5").
    JsonBuilder &raw(std::string_view json)
    {
        separate();
        m_out += json;
        return *this;
    }
    JsonBuilder &null() { return raw("null"); }
    //! A string, or null when `text` is empty.
    JsonBuilder &valueOrNull(std::string_view text) { return text.empty() ? null() : value(text); }
    JsonBuilder &strings(const std::vector<std::string> &items)
    {
        beginArray();
        for (const auto &item : items)
            value(item);
        return endArray();
    }

    const std::string &text() const { return m_out; }

private:
    JsonBuilder &open(char bracket)
    {
        separate();
        m_out += bracket;
        m_first.push_back(true);
        m_inObject.push_back(bracket == '{');
        return *this;
    }
    JsonBuilder &close(char bracket)
    {
        const bool empty = m_first.back();
        const bool object = m_inObject.back();
        m_first.pop_back();
        m_inObject.pop_back();
        if (m_pretty && object && !empty)
            newline();
        m_out += bracket;
        return *this;
    }
    //! The comma and line break before a value or a key, as its place asks.
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (m_first.empty())
            return;
        if (!m_first.back())
            m_out += ',';
        if (m_pretty && m_inObject.back())
            newline();
        else if (!m_first.back())
            m_out += ' ';
        m_first.back() = false;
    }
    void newline()
    {
        m_out += '\n';
        m_out.append(2 * m_first.size(), ' ');
    }

    bool m_pretty;
    std::string m_out;
    std::vector<bool> m_first;    //!< per open container: nothing in it yet
    std::vector<bool> m_inObject; //!< per open container: an object (else an array)
    bool m_afterKey = false;
};

} // namespace strata::transfer
