#include "engine/transfer/format.h"
#include "engine/transfer/import_source.h"

namespace strata::transfer {

FormatRegistry &FormatRegistry::instance()
{
    static FormatRegistry registry;
    return registry;
}

void FormatRegistry::add(FormatInfo info, Factory writerFactory)
{
    for (auto &[existing, factory] : m_formats) {
        if (existing.id == info.id) { // registering twice replaces (tests call it repeatedly)
            existing = std::move(info);
            factory = std::move(writerFactory);
            return;
        }
    }
    m_formats.emplace_back(std::move(info), std::move(writerFactory));
}

const FormatInfo *FormatRegistry::find(const std::string &id) const
{
    for (const auto &[info, factory] : m_formats)
        if (info.id == id)
            return &info;
    return nullptr;
}

std::vector<FormatInfo> FormatRegistry::formats() const
{
    std::vector<FormatInfo> out;
    for (const auto &[info, factory] : m_formats)
        out.push_back(info);
    return out;
}

std::unique_ptr<Writer>
FormatRegistry::createWriter(const std::string &id, OutputFile &out, const ExportContext &context,
                             const std::map<std::string, std::string> &options) const
{
    for (const auto &[info, factory] : m_formats) {
        if (info.id != id)
            continue;
        for (const auto &[key, value] : options)
            if (!info.options.count(key))
                throw engine::EngineError(engine::StatusCode::Invalid,
                                          "format " + id + " has no option '" + key + "'");
        return factory(out, context, options);
    }
    std::string known;
    for (const auto &[info, factory] : m_formats)
        known += (known.empty() ? "" : ", ") + info.id;
    throw engine::EngineError(engine::StatusCode::Invalid,
                              "unknown format '" + id + "' (known: " + known + ")");
}

void FormatRegistry::addReader(const std::string &id, std::vector<std::string> extensions,
                               ReaderFactory factory)
{
    for (auto &[info, writer] : m_formats)
        if (info.id == id)
            info.capabilities |= CanImport;
    for (auto &r : m_readers) {
        if (r.id == id) {
            r.extensions = std::move(extensions);
            r.factory = std::move(factory);
            return;
        }
    }
    m_readers.push_back({id, std::move(extensions), std::move(factory)});
}

bool FormatRegistry::hasReader(const std::string &id) const
{
    for (const auto &r : m_readers)
        if (r.id == id)
            return true;
    return false;
}

std::vector<std::string> FormatRegistry::readerIds() const
{
    std::vector<std::string> ids;
    for (const auto &r : m_readers)
        ids.push_back(r.id);
    return ids;
}

std::string FormatRegistry::readerForExtension(const std::string &extension) const
{
    for (const auto &r : m_readers)
        for (const auto &e : r.extensions)
            if (e == extension)
                return r.id;
    return {};
}

std::unique_ptr<Reader> FormatRegistry::createReader(const std::string &id, const std::string &path,
                                                     const ImportSpec &spec) const
{
    for (const auto &r : m_readers)
        if (r.id == id)
            return r.factory(path, spec);
    std::string known;
    for (const auto &r : m_readers)
        known += (known.empty() ? "" : ", ") + r.id;
    throw engine::EngineError(engine::StatusCode::Invalid,
                              "Strata cannot import format '" + id + "' (it reads: " + known + ")");
}

} // namespace strata::transfer
