// The top-level keys of a spec document (ParseSpecJson): which keys there are, the refusal of
// an unknown one (with the nearest key for a typo), and the keys that exclude or need each other.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "convstep/io_json.h"
#include "convstep/result.h"

namespace convstep::detail {

/// Whether `key` is one that saved sessions and presets add ("title", "source", "session",
/// "view"): kept in SpecDocument::extra, not read by the spec.
bool IsSessionKey(const std::string& key);

/// The refusal of a top-level key the spec does not have, suggesting the nearest one when it is
/// within two edits (a typo) and listing the keys.
Error UnknownSpecKey(const std::string& key);

/// Checks the keys that exclude or need each other in `root` once every key of `doc` is read
/// (sentences without input_layout make the layout NLC); the first conflict as an Error.
Result<bool> CheckSpecKeysTogether(const nlohmann::json& root, SpecDocument& doc);

}  // namespace convstep::detail
