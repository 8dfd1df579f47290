#pragma once

#include "engine/api/database.h"

#include <QFuture>
#include <QString>
#include <QStringList>
#include <memory>

namespace strata::ui {

//! What opening a database folder came to, worked out on a worker thread.
struct OpenedDatabase {
    QString path;
    std::shared_ptr<engine::Database> database; //!< null when not opened
    engine::Status status;                      //!< why not, when not opened
    //! Why the database is open read-only ("" when writable): the lock's holder, or the
    //! folder's permissions.
    QString readOnlyReason;
    //! The folder holds files but no Strata database: nothing was written into it. The files
    //! a user may mean to import instead.
    bool foreignFolder = false;
    QStringList importableFiles;
    bool createdDemo = false;
};

//! Opens (or creates) the database in `path` on Qt Concurrent's pool: writable, else
//! read-only when another process holds it. A folder holding other files is only written
//! into when `mayCreateInForeignFolder`. With `demoRows` > 0, a database created here gets
//! the demo tables.
QFuture<OpenedDatabase> openDatabaseInBackground(const QString &path,
                                                 bool mayCreateInForeignFolder = false,
                                                 int demoRows = 0);

} // namespace strata::ui
