// The strata binary as a file manager runs it: a second start hands its files to the window
// already running and quits, instead of opening a second, read-only window.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

constexpr int kPatience = 60'000; // a busy machine: what is waited for, not how long it takes

QProcessEnvironment isolated(const QTemporaryDir &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HOME", home.path());
    env.insert("XDG_CONFIG_HOME", home.filePath("config"));
    env.insert("XDG_DATA_HOME", home.filePath("data"));
    env.insert("XDG_RUNTIME_DIR", home.filePath("run"));
    env.insert("QT_QPA_PLATFORM", "offscreen");
    return env;
}

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestGuiInstance : public QObject {
    Q_OBJECT
private slots:
    void aSecondStartHandsItsFilesToTheRunningWindow()
    {
        QTemporaryDir home;
        QVERIFY(QDir().mkpath(home.filePath("run")));
        QFile::setPermissions(home.filePath("run"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QString csv = home.filePath("people.csv");
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("name,age\nAda,36\n");
        }
        QProcess window;
        window.setProcessEnvironment(isolated(home));
        window.start(QStringLiteral(STRATA_GUI), {home.filePath("db")});
        QVERIFY(window.waitForStarted(kPatience));
        const QString socket = home.filePath("run/strata.socket");
        QVERIFY2(QTest::qWaitFor([&] { return QFileInfo::exists(socket); }, kPatience),
                 window.readAllStandardError().constData());
        // The second start, as "Open with Strata" on people.csv runs it.
        QProcess second;
        second.setProcessEnvironment(isolated(home));
        second.setWorkingDirectory(home.path());
        second.start(QStringLiteral(STRATA_GUI), {QStringLiteral("people.csv")});
        QVERIFY(second.waitForFinished(kPatience));
        QCOMPARE(second.exitCode(), 0);
        QVERIFY2(second.readAllStandardOutput().contains("handed to the Strata window"),
                 second.readAllStandardError().constData());
        // The running window got it, with the path made absolute (it runs elsewhere).
        const QString log = home.filePath("data/strata/logs/strata.log");
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return contents(log).contains("another start asked to open '' and import: "
                                                       + csv.toUtf8());
                     },
                     kPatience),
                 contents(log).constData());
        QCOMPARE(window.state(), QProcess::Running); // one window, still there
        window.kill();
        QVERIFY(window.waitForFinished(kPatience));
    }
};

QTEST_GUILESS_MAIN(TestGuiInstance)
#include "tst_gui_instance.moc"
