#pragma once

#include "engine/sql/ast.h"

#include <string_view>
#include <vector>

namespace strata::engine::sql {

//! Parses a script of one or more `;`-separated statements. Throws EngineError(Syntax) with
//! "line L, column C" and what was expected and found.
std::vector<Statement> parseScript(std::string_view sql);

//! "line 3, column 14" for a byte offset in `text`.
std::string describePosition(std::string_view text, uint32_t offset);

} // namespace strata::engine::sql
