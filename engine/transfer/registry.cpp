#include "engine/common/ascii.h"
#include "engine/transfer/format.h"
#include "engine/transfer/import_source.h"

#include <QFile>
#include <algorithm>
#include <cctype>

namespace strata::transfer {

using engine::asciiLower;
using engine::EngineError;
using engine::Result;
using engine::Status;
using engine::StatusCode;

namespace {

std::string lowerExtension(const std::string &path)
{
    const size_t slash = path.find_last_of('/');
    const size_t dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return {};
    return asciiLower(path.substr(dot + 1));
}

std::string describeChoices(const FormatOption &o)
{
    std::string text;
    for (size_t i = 0; i < o.choices.size(); ++i)
        text += (i == 0 ? "" : i + 1 == o.choices.size() ? " or " : ", ") + o.choices[i];
    return text;
}

//! Why `value` is not a value of option `o`, or "".
std::string wrongValue(const FormatOption &o, const std::string &value)
{
    switch (o.kind) {
    case FormatOption::Kind::Choice:
        return std::find(o.choices.begin(), o.choices.end(), value) != o.choices.end()
                   ? ""
                   : "expected " + describeChoices(o);
    case FormatOption::Kind::Boolean:
        return value == "true" || value == "false" ? "" : "expected true or false";
    case FormatOption::Kind::Character:
        return value.size() == 1 || value == "tab" ? "" : "expected one character, or tab";
    case FormatOption::Kind::Count: {
        const bool digits = !value.empty() && value.size() < 10
                            && std::all_of(value.begin(), value.end(),
                                           [](char c) { return c >= '0' && c <= '9'; });
        return digits && std::stoll(value) >= 1 ? "" : "expected a whole number of at least 1";
    }
    case FormatOption::Kind::Text:
        return "";
    }
    return "";
}

} // namespace

std::string_view textStart(std::string_view head)
{
    if (head.substr(0, 3) == "\xEF\xBB\xBF")
        head.remove_prefix(3);
    while (!head.empty() && std::isspace(static_cast<unsigned char>(head.front())))
        head.remove_prefix(1);
    return head;
}

bool opensJson(std::string_view head)
{
    const std::string_view text = textStart(head);
    return !text.empty() && (text.front() == '{' || text.front() == '[');
}

const FormatOption *FormatInfo::option(const std::string &name) const
{
    for (const auto &o : options)
        if (o.name == name)
            return &o;
    return nullptr;
}

std::string FormatInfo::extensionWith(const std::map<std::string, std::string> &opts) const
{
    if (extensionFor)
        if (std::string ext = extensionFor(opts); !ext.empty())
            return ext;
    return extension;
}

FormatRegistry &FormatRegistry::instance()
{
    static FormatRegistry registry;
    return registry;
}

void FormatRegistry::add(FormatInfo info)
{
    for (auto &existing : m_formats) {
        if (existing.id == info.id) {
            existing = std::move(info);
            return;
        }
    }
    m_formats.push_back(std::move(info));
}

const FormatInfo *FormatRegistry::find(const std::string &id) const
{
    for (const auto &info : m_formats)
        if (info.id == id)
            return &info;
    return nullptr;
}

std::string FormatRegistry::idsWhere(bool (FormatInfo::*can)() const) const
{
    std::string ids;
    for (const auto &info : m_formats)
        if ((info.*can)())
            ids += (ids.empty() ? "" : ", ") + info.id;
    return ids;
}

std::string FormatRegistry::exportIds() const
{
    return idsWhere(&FormatInfo::canExport);
}

std::string FormatRegistry::importIds() const
{
    return idsWhere(&FormatInfo::canImport);
}

std::vector<std::string> FormatRegistry::importExtensions() const
{
    std::vector<std::string> extensions;
    for (const auto &info : m_formats)
        if (info.canImport())
            extensions.insert(extensions.end(), info.readExtensions.begin(),
                              info.readExtensions.end());
    return extensions;
}

std::string FormatRegistry::importerForExtension(const std::string &extension) const
{
    if (!extension.empty())
        for (const auto &info : m_formats)
            if (info.canImport())
                for (const auto &e : info.readExtensions)
                    if (e == extension)
                        return info.id;
    return {};
}

Status FormatRegistry::validate(const FormatRequest &request) const
{
    const FormatInfo *info = find(request.id);
    if (!info || !info->canExport())
        return Status(StatusCode::Invalid,
                      "unknown format '" + request.id + "' (known: " + exportIds() + ")");
    for (const auto &[name, value] : request.options) {
        const FormatOption *o = info->option(name);
        if (!o) {
            std::string known;
            for (const auto &k : info->options)
                known += (known.empty() ? "" : ", ") + k.name;
            return Status(
                StatusCode::Invalid,
                "format " + request.id + " has no option '" + name + "'"
                    + (known.empty() ? " (it takes none)" : " (it takes: " + known + ")"));
        }
        if (const std::string why = wrongValue(*o, value); !why.empty())
            return Status(StatusCode::Invalid, "format " + request.id + ", option " + name + ": '"
                                                   + value + "' is not a value (" + why + ")");
    }
    if (info->checkOptions) {
        try {
            info->checkOptions(request.options);
        } catch (const EngineError &e) {
            return Status(e.code(), "format " + request.id + ": " + e.what());
        }
    }
    return {};
}

engine::Result<std::string> FormatRegistry::detect(const std::string &path) const
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return Status(StatusCode::Io,
                      path + ": cannot open (" + file.errorString().toStdString() + ")");
    const QByteArray bytes = file.read(4096);
    const std::string_view head(bytes.constData(), static_cast<size_t>(bytes.size()));
    for (const auto &info : m_formats)
        if (info.canImport() && info.sniff && info.sniff(head) == Sniff::Surely)
            return info.id;
    const std::string ext = lowerExtension(path);
    if (std::string id = importerForExtension(ext); !id.empty())
        return id;
    for (const Sniff level : {Sniff::Likely, Sniff::Maybe})
        for (const auto &info : m_formats)
            if (info.canImport() && info.sniff && info.sniff(head) == level)
                return info.id;
    // Text without a telling extension is taken for CSV (whose sniffer finds the delimiter).
    if (find("csv") && (ext.empty() || ext == "txt" || ext == "dat"))
        return std::string("csv");
    return Status(StatusCode::Invalid,
                  path + ": cannot tell the format from the name or the content (Strata reads: "
                      + importIds() + "); name the format to read it as");
}

Result<std::unique_ptr<Reader>> FormatRegistry::createReader(const std::string &id,
                                                             const ReadSource &source,
                                                             const ImportSpec &spec) const
{
    const FormatInfo *info = find(id);
    if (!info || !info->reader)
        return Status(StatusCode::Invalid,
                      "Strata cannot import format '" + id + "' (it reads: " + importIds() + ")");
    try {
        return info->reader(source, spec);
    } catch (const EngineError &e) {
        return e.toStatus();
    }
}

Result<std::unique_ptr<Writer>> FormatRegistry::createWriter(const FormatRequest &request,
                                                             OutputFile &out,
                                                             const ExportContext &context) const
{
    const FormatInfo *info = find(request.id);
    if (!info || !info->writer)
        return Status(StatusCode::Invalid,
                      "unknown format '" + request.id + "' (known: " + exportIds() + ")");
    try {
        return info->writer(out, context, request.options);
    } catch (const EngineError &e) {
        return e.toStatus();
    }
}

} // namespace strata::transfer
