// Differential, model-based test of the engine against the real SQLite.
//
// A seeded generator produces units (one transaction each) of DDL and DML; each runs on
// Strata and on SQLite (STRICT tables), and both must agree on every statement's outcome and
// every query's rows. Between units Strata is checkpointed, closed and reopened, or — in a
// child process — killed with SIGKILL at a random moment; after every reopen each table must
// equal SQLite's (a unit in flight at the kill may have committed or not, nothing between).
// On a failure the actions are shrunk (delta debugging, replayed in-process) and printed as
// a script that reproduces it.
//
//   strata_differential [--seeds 1,2,3] [--units N] [--seconds S] [--kill] [--verbose]
#include "engine/api/database.h"
#include "tests/engine/differential/statement_generator.h"

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>
#include <signal.h>
#include <sqlite3.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace strata;
using namespace strata::differential;
namespace fs = std::filesystem;

namespace {

// ---- canonical text of values, results and whole databases --------------------------------

std::string hex(std::string_view bytes)
{
    static const char *kHex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
    return out;
}

std::string canonicalDouble(double d)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "d%.17g", d);
    return buf;
}

std::string canonical(const engine::Value &v)
{
    using engine::LogicalType;
    switch (v.type) {
    case LogicalType::Null:
        return "N";
    case LogicalType::Double:
        return canonicalDouble(v.d);
    case LogicalType::Text:
        return "t'" + v.s + "'";
    case LogicalType::Blob:
        return "x" + hex(v.s);
    default:
        return "i" + std::to_string(v.i);
    }
}

std::string sortedRows(std::vector<std::string> rows)
{
    std::sort(rows.begin(), rows.end());
    std::string out;
    for (const auto &r : rows)
        out += r + "\n";
    return out;
}

// ---- SQLite, the oracle --------------------------------------------------------------------

class Oracle {
public:
    Oracle()
    {
        sqlite3_open(":memory:", &m_db);
        exec("PRAGMA case_sensitive_like = ON");
    }
    ~Oracle() { sqlite3_close(m_db); }
    Oracle(const Oracle &) = delete;
    Oracle &operator=(const Oracle &) = delete;

    //! "E" for an error, else "O" and the rows sorted.
    std::string run(const std::string &sql)
    {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            return "E";
        std::vector<std::string> rows;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            std::string row;
            for (int c = 0; c < sqlite3_column_count(st); ++c)
                row += (c ? "|" : "") + value(st, c);
            rows.push_back(row);
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return "E";
        return "O" + sortedRows(rows);
    }

    Schema schema()
    {
        Schema s;
        for (const auto &name : column("SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "ORDER BY name")) {
            ModelTable t;
            t.name = name;
            sqlite3_stmt *st = nullptr;
            sqlite3_prepare_v2(m_db, ("PRAGMA table_info(" + name + ")").c_str(), -1, &st, nullptr);
            while (sqlite3_step(st) == SQLITE_ROW) {
                ModelColumn c;
                c.name = reinterpret_cast<const char *>(sqlite3_column_text(st, 1));
                const std::string type = reinterpret_cast<const char *>(sqlite3_column_text(st, 2));
                c.type = type == "INTEGER" ? ColumnType::Integer
                         : type == "REAL"  ? ColumnType::Double
                         : type == "BLOB"  ? ColumnType::Blob
                                           : ColumnType::Text;
                c.notNull = sqlite3_column_int(st, 3) != 0;
                c.inKey = sqlite3_column_int(st, 5) != 0;
                t.columns.push_back(c);
            }
            sqlite3_finalize(st);
            s.tables.push_back(t);
        }
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(m_db,
                           "SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index' AND "
                           "sql IS NOT NULL ORDER BY name",
                           -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW)
            s.indexes.push_back({reinterpret_cast<const char *>(sqlite3_column_text(st, 0)),
                                 reinterpret_cast<const char *>(sqlite3_column_text(st, 1)),
                                 {}});
        sqlite3_finalize(st);
        for (auto &i : s.indexes) {
            i.unique = column("SELECT \"unique\" FROM pragma_index_list('" + i.table
                              + "') WHERE name = '" + i.name + "'")
                           .front()
                       == "1";
            i.columns
                = column("SELECT name FROM pragma_index_info('" + i.name + "') ORDER BY seqno");
        }
        return s;
    }

    //! Every table: its columns with types, then its rows sorted.
    std::string dump()
    {
        std::string out;
        for (const auto &t : schema().tables) {
            out += "table " + t.name + "(";
            for (const auto &c : t.columns)
                out += c.name + " " + typeName(c.type, false) + ",";
            out += ")\n";
            for (const auto &i : schema().indexes) {
                if (i.table != t.name)
                    continue;
                out += std::string(i.unique ? "unique " : "") + "index " + i.name + "(";
                for (const auto &c : i.columns)
                    out += c + ",";
                out += ")\n";
            }
            out += run("SELECT * FROM " + t.name).substr(1);
        }
        return out;
    }

    bool inTransaction() const { return !sqlite3_get_autocommit(m_db); }
    void exec(const std::string &sql)
    {
        sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr);
    }

    std::string save()
    {
        sqlite3_int64 size = 0;
        unsigned char *bytes = sqlite3_serialize(m_db, "main", &size, 0);
        std::string out(reinterpret_cast<char *>(bytes), static_cast<size_t>(size));
        sqlite3_free(bytes);
        return out;
    }
    void restore(const std::string &image)
    {
        auto *bytes = static_cast<unsigned char *>(sqlite3_malloc64(image.size()));
        std::memcpy(bytes, image.data(), image.size());
        sqlite3_deserialize(m_db, "main", bytes, image.size(), image.size(),
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
    }

private:
    std::vector<std::string> column(const std::string &sql)
    {
        std::vector<std::string> out;
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW)
            out.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
        return out;
    }
    static std::string value(sqlite3_stmt *st, int c)
    {
        switch (sqlite3_column_type(st, c)) {
        case SQLITE_NULL:
            return "N";
        case SQLITE_INTEGER:
            return "i" + std::to_string(sqlite3_column_int64(st, c));
        case SQLITE_FLOAT:
            return canonicalDouble(sqlite3_column_double(st, c));
        case SQLITE_BLOB:
            return "x"
                   + hex({static_cast<const char *>(sqlite3_column_blob(st, c)),
                          static_cast<size_t>(sqlite3_column_bytes(st, c))});
        default:
            return "t'"
                   + std::string(reinterpret_cast<const char *>(sqlite3_column_text(st, c)),
                                 static_cast<size_t>(sqlite3_column_bytes(st, c)))
                   + "'";
        }
    }
    sqlite3 *m_db = nullptr;
};

// ---- Strata, in this process or in a child ------------------------------------------------

engine::OpenOptions openOptions(uint64_t checkpointBytes)
{
    engine::OpenOptions o;
    o.checkpointLogBytes = checkpointBytes;
    o.programName = "strata_differential";
    return o;
}

std::string runOnStrata(engine::Connection &c, const std::string &sql)
{
    auto r = c.execute(sql);
    if (!r)
        return "E";
    std::vector<std::string> rows;
    for (const auto &row : r->rows) {
        std::string line;
        for (size_t k = 0; k < row.size(); ++k)
            line += (k ? "|" : "") + canonical(row[k]);
        rows.push_back(line);
    }
    return "O" + sortedRows(rows);
}

std::string dumpStrata(engine::Connection &c)
{
    auto tables = c.tables();
    if (!tables)
        return "error: " + tables.status().toString();
    std::sort(tables->begin(), tables->end(),
              [](const auto &a, const auto &b) { return a.name < b.name; });
    std::string out;
    for (auto &t : *tables) {
        if (t.name == "audit_log")
            continue;
        out += "table " + t.name + "(";
        for (const auto &col : t.columns)
            out += col.name + " " + engine::typeName(col.type) + ",";
        out += ")\n";
        std::sort(t.indexes.begin(), t.indexes.end(),
                  [](const auto &a, const auto &b) { return a.name < b.name; });
        for (const auto &i : t.indexes) {
            out += std::string(i.unique ? "unique " : "") + "index " + i.name + "(";
            for (const auto &c : i.columns)
                out += c + ",";
            out += ")\n";
        }
        out += runOnStrata(c, "SELECT * FROM " + t.name).substr(1);
    }
    return out;
}

//! Strata behind one interface, wherever it runs.
class StrataSide {
public:
    virtual ~StrataSide() = default;
    virtual std::optional<std::vector<std::string>> run(const Unit &unit) = 0;
    virtual bool checkpoint() = 0;
    //! Closes and opens again; false (and `error`) when the open fails.
    virtual bool reopen() = 0;
    virtual std::string dump() = 0;
    std::string error;
};

class InProcess : public StrataSide {
public:
    InProcess(std::string dir, uint64_t checkpointBytes)
        : m_dir(std::move(dir))
        , m_checkpointBytes(checkpointBytes)
    {
        reopen();
    }
    std::optional<std::vector<std::string>> run(const Unit &unit) override
    {
        if (!m_conn)
            return std::nullopt;
        std::vector<std::string> out;
        for (const auto &s : unit)
            out.push_back(runOnStrata(*m_conn, s.strata));
        return out;
    }
    bool checkpoint() override { return m_db && m_db->checkpoint().isOk(); }
    bool reopen() override
    {
        m_conn.reset();
        if (m_db) {
            const auto st = m_db->close();
            m_db.reset();
            if (!st) {
                error = "close failed: " + st.toString();
                return false;
            }
        }
        auto db = engine::Database::open(m_dir, openOptions(m_checkpointBytes));
        if (!db) {
            error = "reopen failed: " + db.status().toString();
            return false;
        }
        m_db = *db;
        m_conn = m_db->connect();
        return true;
    }
    std::string dump() override { return m_conn ? dumpStrata(*m_conn) : "not open"; }

private:
    std::string m_dir;
    uint64_t m_checkpointBytes;
    std::shared_ptr<engine::Database> m_db;
    std::unique_ptr<engine::Connection> m_conn;
};

// The child speaks length-prefixed messages: a command byte, a count, then strings.
bool writeAll(int fd, const std::string &data)
{
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n <= 0)
            return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

bool readExact(int fd, std::string &out, size_t n)
{
    out.resize(n);
    size_t done = 0;
    while (done < n) {
        const ssize_t r = ::read(fd, out.data() + done, n - done);
        if (r <= 0)
            return false;
        done += static_cast<size_t>(r);
    }
    return true;
}

std::string frame(const std::vector<std::string> &parts)
{
    std::string out;
    const uint32_t n = static_cast<uint32_t>(parts.size());
    out.append(reinterpret_cast<const char *>(&n), 4);
    for (const auto &p : parts) {
        const uint32_t len = static_cast<uint32_t>(p.size());
        out.append(reinterpret_cast<const char *>(&len), 4);
        out += p;
    }
    return out;
}

bool readFrame(int fd, std::vector<std::string> &parts)
{
    std::string head;
    if (!readExact(fd, head, 4))
        return false;
    uint32_t n;
    std::memcpy(&n, head.data(), 4);
    parts.assign(n, {});
    for (auto &p : parts) {
        if (!readExact(fd, head, 4))
            return false;
        uint32_t len;
        std::memcpy(&len, head.data(), 4);
        if (!readExact(fd, p, len))
            return false;
    }
    return true;
}

int workerMain(const std::string &dir, uint64_t checkpointBytes)
{
    auto db = engine::Database::open(dir, openOptions(checkpointBytes));
    if (!db) {
        writeAll(1, frame({"F", db.status().toString()}));
        return 1;
    }
    writeAll(1, frame({"R"}));
    auto conn = (*db)->connect();
    std::vector<std::string> request;
    while (readFrame(0, request) && !request.empty()) {
        std::vector<std::string> reply{"R"};
        if (request[0] == "U") {
            for (size_t k = 1; k < request.size(); ++k)
                reply.push_back(runOnStrata(*conn, request[k]));
        } else if (request[0] == "C") {
            reply.push_back((*db)->checkpoint().isOk() ? "ok" : "failed");
        } else if (request[0] == "D") {
            reply.push_back(dumpStrata(*conn));
        } else if (request[0] == "Q") {
            conn.reset();
            const auto st = (*db)->close();
            writeAll(1, frame({"R", st.isOk() ? "ok" : st.toString()}));
            return 0;
        }
        if (!writeAll(1, frame(reply)))
            return 1;
    }
    return 0;
}

class Child : public StrataSide {
public:
    Child(std::string dir, uint64_t checkpointBytes)
        : m_dir(std::move(dir))
        , m_checkpointBytes(checkpointBytes)
    {
        start();
    }
    ~Child() override { stop(true); }

    std::optional<std::vector<std::string>> run(const Unit &unit) override
    {
        std::vector<std::string> request{"U"};
        for (const auto &s : unit)
            request.push_back(s.strata);
        auto reply = call(request);
        if (!reply)
            return std::nullopt;
        reply->erase(reply->begin());
        return reply;
    }
    //! Sends a unit and kills the child at once: the unit may or may not commit.
    void runAndKill(const Unit &unit, int delayReads)
    {
        std::vector<std::string> request{"U"};
        for (const auto &s : unit)
            request.push_back(s.strata);
        writeAll(m_in, frame(request));
        // Sometimes wait for part of the reply first, to kill during later work.
        std::string scratch;
        if (delayReads > 0)
            readExact(m_out, scratch, 1);
        stop(true);
    }
    bool checkpoint() override
    {
        auto r = call({"C"});
        return r && r->size() == 2 && (*r)[1] == "ok";
    }
    bool reopen() override
    {
        auto r = call({"Q"});
        stop(false);
        if (!r || (*r)[1] != "ok") {
            error = "close failed: " + (r ? (*r)[1] : std::string("no reply"));
            return false;
        }
        return start();
    }
    bool restartAfterKill() { return start(); }
    std::string dump() override
    {
        auto r = call({"D"});
        return r && r->size() == 2 ? (*r)[1] : "no reply";
    }

private:
    bool start()
    {
        int toChild[2], fromChild[2];
        if (::pipe(toChild) != 0 || ::pipe(fromChild) != 0)
            return false;
        m_pid = ::fork();
        if (m_pid == 0) {
            ::dup2(toChild[0], 0);
            ::dup2(fromChild[1], 1);
            ::close(toChild[1]);
            ::close(fromChild[0]);
            const std::string bytes = std::to_string(m_checkpointBytes);
            ::execl("/proc/self/exe", "strata_differential", "--worker", m_dir.c_str(),
                    bytes.c_str(), static_cast<char *>(nullptr));
            ::_exit(127);
        }
        ::close(toChild[0]);
        ::close(fromChild[1]);
        m_in = toChild[1];
        m_out = fromChild[0];
        std::vector<std::string> hello;
        if (!readFrame(m_out, hello) || hello.empty() || hello[0] != "R") {
            error = "reopen failed: " + (hello.size() > 1 ? hello[1] : std::string("no reply"));
            stop(true);
            return false;
        }
        return true;
    }
    void stop(bool kill)
    {
        if (m_pid <= 0)
            return;
        if (kill)
            ::kill(m_pid, SIGKILL);
        ::close(m_in);
        ::close(m_out);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
    }
    std::optional<std::vector<std::string>> call(const std::vector<std::string> &request)
    {
        if (m_pid <= 0 || !writeAll(m_in, frame(request)))
            return std::nullopt;
        std::vector<std::string> reply;
        if (!readFrame(m_out, reply))
            return std::nullopt;
        return reply;
    }

    std::string m_dir;
    uint64_t m_checkpointBytes;
    pid_t m_pid = -1;
    int m_in = -1, m_out = -1;
};

// ---- the run -------------------------------------------------------------------------------

enum class ActionKind { Unit, Checkpoint, Reopen, Kill };

struct Action {
    ActionKind kind = ActionKind::Unit;
    Unit unit;         //!< Unit and Kill (the unit in flight)
    int killDelay = 0; //!< Kill: 0 at once, 1 after the first reply byte
};

struct Failure {
    size_t action = 0;
    std::string what;
};

std::string describe(const Action &a)
{
    switch (a.kind) {
    case ActionKind::Checkpoint:
        return "-- checkpoint\n";
    case ActionKind::Reopen:
        return "-- close and reopen\n";
    case ActionKind::Kill: {
        std::string s = "-- SIGKILL while running:\n";
        for (const auto &st : a.unit)
            s += "--   " + st.strata + ";\n";
        return s;
    }
    case ActionKind::Unit: {
        std::string s;
        for (const auto &st : a.unit)
            s += st.strata + ";\n";
        return s;
    }
    }
    return {};
}

struct RunConfig {
    uint64_t seed = 1;
    size_t units = 2000;
    double seconds = 0;
    bool kill = false;
    bool verbose = false;
    uint64_t checkpointBytes = 1 << 14;
};

//! Compares Strata with the oracle after a reopen; with `inFlight`, either side of it may hold.
std::optional<std::string> compareAfterReopen(StrataSide &strata, Oracle &oracle,
                                              const Unit *inFlight)
{
    const std::string got = strata.dump();
    const std::string before = oracle.dump();
    if (got == before)
        return std::nullopt;
    if (inFlight) {
        const std::string image = oracle.save();
        for (const auto &s : *inFlight)
            oracle.run(s.sqlite);
        if (oracle.inTransaction())
            oracle.exec("ROLLBACK");
        if (oracle.dump() == got)
            return std::nullopt; // the unit committed before the kill
        oracle.restore(image);
    }
    return "after reopening, Strata holds:\n" + got + "SQLite holds:\n" + before;
}

//! Runs `actions` (or, when `generate`, makes them up as it goes) on fresh databases.
std::optional<Failure> run(std::vector<Action> &actions, bool generate, const RunConfig &cfg,
                           const std::string &dir,
                           const std::function<void(const Action &)> &onAction = {})
{
    fs::remove_all(dir);
    fs::create_directories(dir);
    Oracle oracle;
    std::unique_ptr<StrataSide> strata;
    if (cfg.kill)
        strata = std::make_unique<Child>(dir, cfg.checkpointBytes);
    else
        strata = std::make_unique<InProcess>(dir, cfg.checkpointBytes);
    if (!strata->error.empty())
        return Failure{0, "open failed: " + strata->error};
    StatementGenerator gen(cfg.seed);
    std::mt19937_64 events(cfg.seed * 7919 + 13);
    const auto started = std::chrono::steady_clock::now();
    auto timeLeft = [&] {
        return cfg.seconds <= 0
               || std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
                      < cfg.seconds;
    };
    size_t units = 0;
    for (size_t i = 0;
         generate ? (units < cfg.units || cfg.seconds > 0) && timeLeft() : i < actions.size();
         ++i) {
        if (generate) {
            Action a;
            const int r = std::uniform_int_distribution<int>(0, 99)(events);
            if (r < 2)
                a.kind = ActionKind::Checkpoint;
            else if (r < 5)
                a.kind = ActionKind::Reopen;
            else if (r < 8 && cfg.kill)
                a.kind = ActionKind::Kill;
            if (a.kind == ActionKind::Unit || a.kind == ActionKind::Kill) {
                a.unit = gen.next(oracle.schema());
                a.killDelay = int(events() % 2);
                ++units;
            }
            actions.push_back(std::move(a));
        }
        const Action &a = actions[i];
        if (onAction)
            onAction(a);
        switch (a.kind) {
        case ActionKind::Checkpoint:
            if (!strata->checkpoint())
                return Failure{i, "checkpoint failed"};
            break;
        case ActionKind::Reopen:
        case ActionKind::Kill: {
            const Unit *inFlight = nullptr;
            if (a.kind == ActionKind::Kill) {
                if (auto *child = dynamic_cast<Child *>(strata.get())) {
                    child->runAndKill(a.unit, a.killDelay);
                    if (!child->restartAfterKill())
                        return Failure{i, child->error};
                    inFlight = &a.unit;
                } else {
                    // Replayed in-process (shrinking): the unit runs, then a reopen.
                    strata->run(a.unit);
                    for (const auto &s : a.unit)
                        oracle.run(s.sqlite);
                    if (oracle.inTransaction())
                        oracle.exec("ROLLBACK");
                    if (!strata->reopen())
                        return Failure{i, strata->error};
                }
            } else if (!strata->reopen()) {
                return Failure{i, strata->error};
            }
            if (auto diff = compareAfterReopen(*strata, oracle, inFlight))
                return Failure{i, *diff};
            break;
        }
        case ActionKind::Unit: {
            auto got = strata->run(a.unit);
            if (!got)
                return Failure{i, "Strata's process died"};
            for (size_t k = 0; k < a.unit.size(); ++k) {
                const std::string expected = oracle.run(a.unit[k].sqlite);
                if ((*got)[k] != expected) {
                    return Failure{i, "statement " + std::to_string(k + 1) + " (" + a.unit[k].strata
                                          + ")\n  Strata: " + (*got)[k].substr(0, 2000)
                                          + "\n  SQLite: " + expected.substr(0, 2000)};
                }
            }
            if (oracle.inTransaction()) {
                // A unit that left SQLite inside a transaction (its COMMIT failed): both give up.
                oracle.exec("ROLLBACK");
                strata->run({{"ROLLBACK", "ROLLBACK"}});
            }
            break;
        }
        }
        if (cfg.verbose)
            std::fputs(describe(a).c_str(), stderr);
    }
    // A final reopen: everything committed must be there.
    if (!strata->reopen())
        return Failure{actions.size(), strata->error};
    if (auto diff = compareAfterReopen(*strata, oracle, nullptr))
        return Failure{actions.size(), *diff};
    return std::nullopt;
}

std::vector<std::string> encode(const Action &a)
{
    std::vector<std::string> parts{"A", std::to_string(int(a.kind)), std::to_string(a.killDelay)};
    for (const auto &st : a.unit) {
        parts.push_back(st.strata);
        parts.push_back(st.sqlite);
    }
    return parts;
}

Action decode(const std::vector<std::string> &parts)
{
    Action a;
    a.kind = static_cast<ActionKind>(std::stoi(parts[1]));
    a.killDelay = std::stoi(parts[2]);
    for (size_t k = 3; k + 1 < parts.size(); k += 2)
        a.unit.push_back({parts[k], parts[k + 1]});
    return a;
}

//! run() in a child process, so that a crash of the engine is a failure like any other: the
//! child sends each action before running it, then the outcome.
std::optional<Failure> runForked(std::vector<Action> &actions, bool generate, const RunConfig &cfg,
                                 const std::string &dir)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return Failure{0, "pipe failed"};
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        std::vector<Action> mine = actions;
        const auto failure = run(mine, generate, cfg, dir, [&](const Action &a) {
            if (generate)
                writeAll(fds[1], frame(encode(a)));
        });
        writeAll(fds[1], failure ? frame({"F", std::to_string(failure->action), failure->what})
                                 : frame({"E"}));
        ::_exit(0);
    }
    ::close(fds[1]);
    std::optional<Failure> result;
    bool ended = false;
    std::vector<std::string> parts;
    while (!ended && readFrame(fds[0], parts) && !parts.empty()) {
        if (parts[0] == "A") {
            actions.push_back(decode(parts));
        } else {
            ended = true;
            if (parts[0] == "F")
                result = Failure{std::stoull(parts[1]), parts[2]};
        }
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!ended) {
        const size_t at = generate ? (actions.empty() ? 0 : actions.size() - 1) : actions.size();
        result = Failure{at, WIFSIGNALED(status)
                                 ? "the process died of signal " + std::to_string(WTERMSIG(status))
                                 : "the process exited early with "
                                       + std::to_string(WEXITSTATUS(status))};
    }
    return result;
}

//! Delta debugging over the actions: the smallest list that still fails (in-process).
//! What kind of failure this is, so shrinking keeps to the same one: the statement that
//! disagreed, or the first words of the message ("reopen failed", "after reopening, …").
std::string signature(const std::string &what)
{
    if (what.rfind("statement ", 0) == 0)
        return what.substr(what.find(' ', 10), what.find('\n') - what.find(' ', 10));
    return what.substr(0, what.find_first_of(":\n"));
}

std::vector<Action> shrink(std::vector<Action> actions, const RunConfig &cfg,
                           const std::string &dir, const std::string &wanted)
{
    RunConfig replay = cfg;
    replay.kill = false;
    // Background checkpoints and garbage collection follow the clock: a candidate gets two tries.
    auto fails = [&](const std::vector<Action> &candidate) {
        for (int attempt = 0; attempt < 2; ++attempt) {
            std::vector<Action> copy = candidate;
            const auto f = runForked(copy, false, replay, dir);
            if (f && signature(f->what) == wanted)
                return true;
        }
        return false;
    };
    if (!fails(actions))
        return actions;
    size_t chunk = actions.size() / 2;
    while (chunk >= 1) {
        bool removed = false;
        for (size_t start = 0; start < actions.size();) {
            std::vector<Action> candidate(actions.begin(), actions.begin() + long(start));
            candidate.insert(candidate.end(),
                             actions.begin() + long(std::min(actions.size(), start + chunk)),
                             actions.end());
            if (!candidate.empty() && fails(candidate)) {
                actions = std::move(candidate);
                removed = true;
            } else {
                start += chunk;
            }
        }
        if (!removed)
            chunk /= 2;
    }
    // Then single statements inside units.
    for (size_t i = 0; i < actions.size(); ++i) {
        for (size_t k = 0; k < actions[i].unit.size() && actions[i].unit.size() > 1;) {
            std::vector<Action> candidate = actions;
            candidate[i].unit.erase(candidate[i].unit.begin() + long(k));
            if (fails(candidate))
                actions = std::move(candidate);
            else
                ++k;
        }
    }
    return actions;
}

std::vector<uint64_t> parseSeeds(const std::string &s)
{
    std::vector<uint64_t> out;
    std::stringstream in(s);
    std::string part;
    while (std::getline(in, part, ','))
        out.push_back(std::stoull(part));
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 4 && std::string(argv[1]) == "--worker")
        return workerMain(argv[2], std::stoull(argv[3]));
    std::vector<uint64_t> seeds{1, 2, 3};
    RunConfig base;
    std::string root
        = fs::temp_directory_path() / ("strata_differential_" + std::to_string(getpid()));
    bool killToo = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--seeds")
            seeds = parseSeeds(value());
        else if (a == "--units")
            base.units = std::stoull(value());
        else if (a == "--seconds")
            base.seconds = std::stod(value());
        else if (a == "--kill")
            base.kill = true;
        else if (a == "--both")
            killToo = true;
        else if (a == "--verbose")
            base.verbose = true;
        else if (a == "--dir")
            root = value();
        else {
            std::fprintf(stderr,
                         "usage: %s [--seeds 1,2,3] [--units N] [--seconds S] [--kill|--both] "
                         "[--verbose] [--dir D]\n",
                         argv[0]);
            return 2;
        }
    }
    int passed = 0, failed = 0;
    size_t statements = 0;
    std::vector<bool> modes{base.kill};
    if (killToo)
        modes = {false, true};
    for (bool kill : modes) {
        for (uint64_t seed : seeds) {
            RunConfig cfg = base;
            cfg.kill = kill;
            cfg.seed = seed;
            // Checkpoints from every few statements to rarely: both paths get exercised.
            cfg.checkpointBytes = uint64_t(1) << (12 + seed % 8);
            std::vector<Action> actions;
            const std::string dir = root + "/db";
            const auto failure = runForked(actions, true, cfg, dir);
            size_t count = 0;
            for (const auto &a : actions)
                count += a.unit.size();
            statements += count;
            std::printf("seed %" PRIu64 " (%s, checkpoint every %" PRIu64 " bytes): %zu actions, "
                        "%zu statements: %s\n",
                        seed, kill ? "SIGKILL" : "reopen", cfg.checkpointBytes, actions.size(),
                        count, failure ? "FAILED" : "ok");
            std::fflush(stdout);
            if (!failure) {
                ++passed;
                continue;
            }
            ++failed;
            std::printf("  at action %zu: %s\n", failure->action, failure->what.c_str());
            actions.resize(std::min(actions.size(), failure->action + 1));
            const auto small = shrink(actions, cfg, root + "/shrink", signature(failure->what));
            std::printf("  a script that reproduces it (%zu of %zu actions):\n", small.size(),
                        actions.size());
            for (const auto &a : small)
                std::printf("%s", describe(a).c_str());
            std::vector<Action> again = small;
            RunConfig replay = cfg;
            replay.kill = false;
            if (auto f = runForked(again, false, replay, root + "/shrink"))
                std::printf("  which fails with: %s\n", f->what.c_str());
            std::fflush(stdout);
        }
    }
    fs::remove_all(root);
    std::printf("%zu statements\n%d passed, %d failed\n", statements, passed, failed);
    return failed ? 1 : 0;
}
