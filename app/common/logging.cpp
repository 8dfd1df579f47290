#include "app/common/logging.h"

#include <QDir>
#include <QStandardPaths>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace strata::app {

std::string setupLogging(const std::string &program, bool quietConsole)
{
    std::vector<spdlog::sink_ptr> sinks;
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_level(quietConsole ? spdlog::level::off : spdlog::level::warn);
    console->set_pattern(program + ": %^%l%$: %v");
    sinks.push_back(console);
    std::string path;
    // One folder for the CLI and the GUI (whose organisation name would put its own files in
    // ~/.local/share/Strata/strata): ~/.local/share/strata, as the README says.
    const QString generic = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    const QString dir = generic.isEmpty() ? QString() : generic + "/strata";
    if (!dir.isEmpty() && QDir().mkpath(dir + "/logs")) {
        path = (dir + "/logs/strata.log").toStdString();
        try {
            // 5 MiB a file, three files kept.
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path, 5 << 20, 3);
            file->set_level(spdlog::level::info);
            sinks.push_back(file);
        } catch (const spdlog::spdlog_ex &) {
            path.clear(); // a read-only home still runs, without a log file
        }
    }
    auto logger = std::make_shared<spdlog::logger>(program, sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
    // The audit trail of exports and imports: its own rotating file beside the log.
    if (!path.empty()) {
        try {
            auto audit = std::make_shared<spdlog::logger>(
                "audit", std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                             (dir + "/logs/audit.log").toStdString(), 5 << 20, 5));
            audit->set_level(spdlog::level::info);
            audit->flush_on(spdlog::level::info);
            spdlog::register_logger(audit);
        } catch (const spdlog::spdlog_ex &) {
            // no audit file; the database's audit_log table still records every job
        }
    }
    return path;
}

} // namespace strata::app
