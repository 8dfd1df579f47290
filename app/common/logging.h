#pragma once

#include <string>

namespace strata::app {

//! Sets up spdlog once per process: warnings and errors to standard error (unless quiet),
//! everything from info up to a rotating file in the user's data folder. Returns that path.
std::string setupLogging(const std::string &program, bool quietConsole);

} // namespace strata::app
