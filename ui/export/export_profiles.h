#pragma once

#include "engine/transfer/export_spec.h"

#include <QStringList>
#include <optional>

namespace strata::ui {

//! Named export specs ("Save as profile"), kept in the user's settings so that an export
//! configured once runs again with one click. The spec is stored as JSON without its name
//! time: every run names its files by its own time.
class ExportProfiles {
public:
    static QStringList names();
    static void save(const QString &name, const transfer::ExportSpec &spec);
    static std::optional<transfer::ExportSpec> load(const QString &name);
    static void remove(const QString &name);

    static QByteArray toJson(const transfer::ExportSpec &spec);
    //! nullopt when the text is not a spec this version can read.
    static std::optional<transfer::ExportSpec> fromJson(const QByteArray &json);
};

} // namespace strata::ui
