#pragma once

#include "engine/transfer/import_job.h"
#include "engine/transfer/import_source.h"

#include <functional>
#include <string>
#include <vector>

namespace strata::transfer {

//! What running a script's statements needs from the import job.
struct ScriptRun {
    engine::Connection &connection;
    const ImportSpec &spec;
    ImportResult &result;
    ProgressSink *progress = nullptr;
    //! Records a skipped statement (line, its text, why) in the rejects file.
    std::function<void(int64_t, const std::string &, const std::string &)> reject;
};

//! Runs a script's statements inside the import's transaction, in the import's mode (append
//! keeps tables a CREATE TABLE names, replace drops them first; merge has no meaning for
//! statements), counts the statements a reader skipped, and records each table it touched.
//! A failing statement aborts (naming its line of `origin`) or, with ErrorPolicy::Skip, goes
//! to the rejects file. Throws EngineError.
void runScript(ScriptSource &statements, const engine::Location &origin, ScriptRun &run);

} // namespace strata::transfer
