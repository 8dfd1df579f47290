#pragma once

#include <QDir>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <unistd.h>

namespace strata::test {

//! A private PostgreSQL server for one test: initdb into a temporary folder, listening on a
//! unix socket only, stopped (and deleted) when this object goes. As root it runs everything
//! as the "postgres" user through runuser, since PostgreSQL refuses to run as root.
class PostgresServer {
public:
    PostgresServer()
    {
        m_bin = findBinDir();
        if (m_bin.isEmpty()) {
            m_error = "PostgreSQL is not installed (installer/setup-deps.sh installs it)";
            return;
        }
        m_dir = QDir::tempPath() + "/strata-pg-" + QString::number(::getpid()) + "-"
                + QString::number(reinterpret_cast<quintptr>(this), 16);
        QDir().mkpath(m_dir);
        if (::geteuid() == 0 && !run("chown", {"postgres:postgres", m_dir}, false)) {
            m_error = "cannot hand " + m_dir + " to the postgres user";
            return;
        }
        if (!run(m_bin + "/initdb", {"-D", m_dir + "/data", "-A", "trust", "-U", "postgres",
                                     "--no-sync", "-E", "UTF8", "--locale=C"})) {
            m_error = "initdb failed: " + m_output;
            return;
        }
        if (!run(m_bin + "/pg_ctl",
                 {"-D", m_dir + "/data", "-w", "-l", m_dir + "/server.log", "-o",
                  "-c listen_addresses='' -k " + m_dir + " -c fsync=off", "start"})) {
            m_error = "the server did not start: " + m_output;
            return;
        }
        m_running = true;
    }
    ~PostgresServer()
    {
        if (m_running)
            run(m_bin + "/pg_ctl", {"-D", m_dir + "/data", "-w", "-m", "immediate", "stop"});
        if (!m_dir.isEmpty())
            QDir(m_dir).removeRecursively();
    }

    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }
    QString socketDir() const { return m_dir; }
    //! A path the postgres user can read (scripts are copied here before psql reads them).
    QString shared(const QString &name) const { return m_dir + "/" + name; }

    //! Runs psql with these arguments; false (and output()) when it fails.
    bool psql(const QStringList &args)
    {
        return run(m_bin + "/psql", QStringList{"-h", m_dir, "-U", "postgres", "-d", "postgres",
                                                "-X", "-q", "-v", "ON_ERROR_STOP=1"}
                                        + args);
    }
    const QString &output() const { return m_output; }
    //! Runs pg_dump on the postgres database with these arguments; false (and output()) when
    //! it fails. Write the dump with -f into a shared() path.
    bool pgDump(const QStringList &args)
    {
        return run(m_bin + "/pg_dump",
                   QStringList{"-h", m_dir, "-U", "postgres", "-d", "postgres"} + args);
    }

private:
    static QString findBinDir()
    {
        const auto versions
            = QDir("/usr/lib/postgresql")
                  .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed);
        for (const auto &v : versions)
            if (QFile::exists("/usr/lib/postgresql/" + v + "/bin/initdb"))
                return "/usr/lib/postgresql/" + v + "/bin";
        return {};
    }
    bool run(const QString &program, const QStringList &args, bool asPostgres = true)
    {
        QProcess p;
        if (asPostgres && ::geteuid() == 0) {
            p.setProgram("runuser");
            p.setArguments(QStringList{"-u", "postgres", "--", program} + args);
        } else {
            p.setProgram(program);
            p.setArguments(args);
        }
        p.setWorkingDirectory(QDir::tempPath());
        p.start();
        if (!p.waitForFinished(-1))
            return false;
        m_output = QString::fromUtf8(p.readAllStandardOutput())
                   + QString::fromUtf8(p.readAllStandardError());
        return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    QString m_bin, m_dir, m_error, m_output;
    bool m_running = false;
};

} // namespace strata::test
