#pragma once
// What the strata-cli commands share: exit codes, messages, option parsing, progress.

#include "engine/api/database.h"
#include "engine/transfer/progress.h"

#include <QCommandLineParser>
#include <QString>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace strata::cli {

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

//! Prints "strata-cli: MESSAGE" and a pointer to --help; returns kExitUsage.
int usageError(const QString &message);
//! Logs and prints the error; returns kExitError.
int fail(const engine::Status &status);
//! `message` with the flags that do what the engine advises in words ("--format ID").
std::string withCliAdvice(const std::string &message);
//! Parses a command's options; returns an exit code when the command should stop here.
std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &args,
                                const QString &description);
//! Opens a database that stays open until closeDatabases() at the end of main().
engine::Result<std::shared_ptr<engine::Database>> openDatabase(const QString &dir, bool readOnly);
//! Closes every database openDatabase() opened (checkpoint, log sync, unlock) without freeing
//! their rows: the process exits next, and freeing millions of row versions one by one took
//! longer than the exit itself. Returns `code`, or kExitError when a close failed.
int closeDatabases(int code);
//! "T:VALUE" options (--where users:age > 30): the table before the first ':'.
bool splitTableOption(const QString &value, std::string &table, std::string &rest);

//! A progress bar on standard error, redrawn at most ten times a second.
class ConsoleProgress : public transfer::ProgressSink {
public:
    void setTotal(int64_t rows) override { m_total = rows; }
    void advance(int64_t rows, const std::string &step) override;
    bool isCanceled() const override { return false; }
    ~ConsoleProgress() override;

private:
    int64_t m_total = 0;
    std::chrono::steady_clock::time_point m_last{};
    bool m_drawn = false;
};

int exportCommand(const QStringList &args);
int formatsCommand(const QStringList &args);
int importCommand(const QStringList &args);
int restoreCommand(const QStringList &args);

} // namespace strata::cli
