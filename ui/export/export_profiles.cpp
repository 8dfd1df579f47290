#include "ui/export/export_profiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

namespace strata::ui {

namespace {

const QString kGroup = QStringLiteral("exportProfiles");

QString scopeName(transfer::ExportScope scope)
{
    switch (scope) {
    case transfer::ExportScope::Full:
        return QStringLiteral("full");
    case transfer::ExportScope::Tables:
        return QStringLiteral("tables");
    case transfer::ExportScope::Query:
        return QStringLiteral("query");
    }
    return {};
}

QJsonArray strings(const std::vector<std::string> &values)
{
    QJsonArray out;
    for (const auto &v : values)
        out.append(QString::fromStdString(v));
    return out;
}

std::vector<std::string> strings(const QJsonValue &value)
{
    std::vector<std::string> out;
    for (const auto &v : value.toArray())
        out.push_back(v.toString().toStdString());
    return out;
}

} // namespace

QByteArray ExportProfiles::toJson(const transfer::ExportSpec &spec)
{
    QJsonObject o;
    o["version"] = 1;
    o["scope"] = scopeName(spec.scope);
    QJsonArray tables;
    for (const auto &t : spec.tables)
        tables.append(QJsonObject{{"table", QString::fromStdString(t.table)},
                                  {"columns", strings(t.columns)},
                                  {"where", QString::fromStdString(t.where)}});
    o["tables"] = tables;
    o["query"] = QString::fromStdString(spec.query);
    QJsonArray formats;
    for (const auto &f : spec.formats) {
        QJsonObject options;
        for (const auto &[key, value] : f.options)
            options[QString::fromStdString(key)] = QString::fromStdString(value);
        formats.append(QJsonObject{{"id", QString::fromStdString(f.id)}, {"options", options}});
    }
    o["formats"] = formats;
    o["outputDir"] = QString::fromStdString(spec.outputDir);
    o["utcNames"] = spec.utcNames;
    o["sanitize"] = static_cast<int>(spec.sanitize);
    o["sensitiveColumns"] = strings(spec.sensitiveColumns);
    o["maxRows"] = static_cast<qint64>(spec.maxRows);
    o["maxBytes"] = static_cast<qint64>(spec.maxBytes);
    o["profile"] = QString::fromStdString(spec.profile);
    o["zip"] = spec.zip;
    o["latestLinks"] = spec.latestLinks;
    o["keepNewest"] = spec.keepNewest;
    o["archiveMaxAgeDays"] = spec.archiveMaxAgeDays;
    o["archiveMaxFiles"] = spec.archiveMaxFiles;
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<transfer::ExportSpec> ExportProfiles::fromJson(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject() || doc.object()["version"].toInt() != 1)
        return std::nullopt;
    const QJsonObject o = doc.object();
    transfer::ExportSpec s;
    const QString scope = o["scope"].toString();
    if (scope == scopeName(transfer::ExportScope::Full))
        s.scope = transfer::ExportScope::Full;
    else if (scope == scopeName(transfer::ExportScope::Tables))
        s.scope = transfer::ExportScope::Tables;
    else if (scope == scopeName(transfer::ExportScope::Query))
        s.scope = transfer::ExportScope::Query;
    else
        return std::nullopt;
    for (const auto &t : o["tables"].toArray()) {
        const QJsonObject table = t.toObject();
        s.tables.push_back({table["table"].toString().toStdString(), strings(table["columns"]),
                            table["where"].toString().toStdString()});
    }
    s.query = o["query"].toString().toStdString();
    for (const auto &f : o["formats"].toArray()) {
        const QJsonObject format = f.toObject();
        transfer::FormatRequest request{format["id"].toString().toStdString(), {}};
        const QJsonObject options = format["options"].toObject();
        for (auto it = options.begin(); it != options.end(); ++it)
            request.options[it.key().toStdString()] = it.value().toString().toStdString();
        s.formats.push_back(std::move(request));
    }
    if (s.formats.empty())
        return std::nullopt;
    s.outputDir = o["outputDir"].toString().toStdString();
    s.utcNames = o["utcNames"].toBool();
    const int sanitize = o["sanitize"].toInt();
    if (sanitize < 0 || sanitize > static_cast<int>(transfer::SanitizeMode::Mask))
        return std::nullopt;
    s.sanitize = static_cast<transfer::SanitizeMode>(sanitize);
    s.sensitiveColumns = strings(o["sensitiveColumns"]);
    s.maxRows = o["maxRows"].toInteger();
    s.maxBytes = o["maxBytes"].toInteger();
    s.profile = o["profile"].toString().toStdString();
    s.zip = o["zip"].toBool();
    s.latestLinks = o["latestLinks"].toBool(true);
    s.keepNewest = o["keepNewest"].toInt();
    s.archiveMaxAgeDays = o["archiveMaxAgeDays"].toInt();
    s.archiveMaxFiles = o["archiveMaxFiles"].toInt();
    return s;
}

QStringList ExportProfiles::names()
{
    QSettings settings;
    settings.beginGroup(kGroup);
    QStringList out;
    // Keys are percent-encoded names: QSettings treats '/' and '\' in keys as separators.
    for (const QString &key : settings.childKeys())
        out << QString::fromUtf8(QByteArray::fromPercentEncoding(key.toUtf8()));
    out.sort(Qt::CaseInsensitive);
    return out;
}

void ExportProfiles::save(const QString &name, const transfer::ExportSpec &spec)
{
    QSettings settings;
    settings.beginGroup(kGroup);
    settings.setValue(QString::fromLatin1(name.toUtf8().toPercentEncoding()),
                      QString::fromUtf8(toJson(spec)));
}

std::optional<transfer::ExportSpec> ExportProfiles::load(const QString &name)
{
    QSettings settings;
    settings.beginGroup(kGroup);
    const QVariant value = settings.value(QString::fromLatin1(name.toUtf8().toPercentEncoding()));
    if (!value.isValid())
        return std::nullopt;
    return fromJson(value.toString().toUtf8());
}

void ExportProfiles::remove(const QString &name)
{
    QSettings settings;
    settings.beginGroup(kGroup);
    settings.remove(QString::fromLatin1(name.toUtf8().toPercentEncoding()));
}

} // namespace strata::ui
