#include "app/cli/cli_support.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>
#include <vector>

namespace strata::cli {

int usageError(const QString &message)
{
    std::cerr << "strata-cli: " << message.toStdString()
              << "\nRun 'strata-cli --help' for usage.\n";
    return kExitUsage;
}

std::string withCliAdvice(const std::string &message)
{
    // The engine says what to do in words every front end shares; here, which flag does it.
    static const std::pair<const char *, const char *> kFlags[] = {
        {"name the format to read it as", " (--format ID)"},
        {"map them to the table's columns, or leave them out",
         " (--map FILE_COLUMN=TABLE_COLUMN; --map FILE_COLUMN= leaves one out)"},
        {"the database keeps its own audit trail", " (--tables audit_log restores it anyway)"},
    };
    std::string advised = message;
    for (const auto &[words, flag] : kFlags)
        if (const size_t at = advised.find(words); at != std::string::npos)
            advised.insert(at + std::string_view(words).size(), flag);
    return advised;
}

int fail(const engine::Status &status)
{
    spdlog::error("{}", status.toString());
    std::cerr << "strata-cli: error: " << withCliAdvice(status.message()) << "\n";
    return kExitError;
}

std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &args,
                                const QString &description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    if (!parser.parse(args))
        return usageError(parser.errorText());
    if (parser.isSet("help")) {
        // Qt names the program by the path it was started with; say the command instead.
        QString text = parser.helpText();
        const QString command = QCoreApplication::arguments().value(1);
        text.replace(QRegularExpression(QStringLiteral("^Usage: \\S+")),
                     QStringLiteral("Usage: strata-cli ") + command);
        std::cout << text.toStdString();
        return kExitOk;
    }
    // A command without positional arguments names what it got instead of ignoring it
    // (`sql --db d "SELECT 1"` forgot its -c).
    if (!parser.positionalArguments().isEmpty()
        && !parser.helpText().contains(QStringLiteral("\nArguments:")))
        return usageError("unexpected argument '" + parser.positionalArguments().front()
                          + "': this command takes only options (an option's value follows "
                            "it, as in -c \"SQL\"; see --help)");
    return std::nullopt;
}

namespace {

//! Never deleted (see closeDatabases); reachable, so leak checkers stay quiet.
std::vector<std::shared_ptr<engine::Database>> *openedDatabases = nullptr;

} // namespace

int closeDatabases(int code)
{
    if (!openedDatabases)
        return code;
    for (const auto &db : *openedDatabases) {
        const engine::Status closed = db->close();
        if (!closed.isOk())
            code = fail(closed);
    }
    return code;
}

engine::Result<std::shared_ptr<engine::Database>> openDatabase(const QString &dir, bool readOnly)
{
    engine::OpenOptions options;
    options.readOnly = readOnly;
    options.programName = "strata-cli";
    auto db = engine::Database::open(dir.toStdString(), options);
    if (db) {
        for (const auto &w : (*db)->warnings()) {
            spdlog::warn("{}", w);
            std::cerr << "strata-cli: warning: " << w << "\n";
        }
        if (!openedDatabases)
            openedDatabases = new std::vector<std::shared_ptr<engine::Database>>;
        openedDatabases->push_back(*db);
    }
    return db;
}

void ConsoleProgress::advance(int64_t rows, const std::string &step)
{
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last < std::chrono::milliseconds(100) && rows < m_total)
        return;
    m_last = now;
    const int width = 30;
    if (m_total <= 0) { // unknown total (an import): rows and what is being read
        std::cerr << "\r" << rows << " rows  " << step << "\x1b[K" << std::flush;
        m_drawn = true;
        return;
    }
    const double f = std::min(1.0, double(rows) / double(m_total));
    const int filled = static_cast<int>(f * width);
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] "
              << static_cast<int>(f * 100) << "% " << rows << " rows  " << step << "\x1b[K"
              << std::flush;
    m_drawn = true;
}

ConsoleProgress::~ConsoleProgress()
{
    if (m_drawn)
        std::cerr << "\r\x1b[K" << std::flush;
}

bool splitTableOption(const QString &value, std::string &table, std::string &rest)
{
    const int colon = value.indexOf(':');
    if (colon <= 0)
        return false;
    table = value.left(colon).trimmed().toStdString();
    rest = value.mid(colon + 1).toStdString();
    return true;
}

} // namespace strata::cli
