// Saved sessions: a superset of the convstep-cli spec schema, so `convstep-cli forward
// session.json` runs on a saved session. The spec part gives the layer and the numbers
// (generated values as input_shape + values + seed; any other values as tensors, large ones
// in .npy files beside the .json); "session" says where the values came from and where the
// timeline stands; "view" holds panels, numbers, text size, colour map, pan and zoom. Opening
// a saved session shows exactly the screen that was saved.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "convstep/result.h"
#include "state/app_state.h"

namespace convstep::gui {

/// Tensors larger than this (elements) are saved as .npy files beside the session file.
inline constexpr int64_t kInlineTensorElements = 65536;

/// The session document for `app`. Tensors over kInlineTensorElements are referenced as
/// {"file": "<stem>.<name>.npy"}; `sidecars` (if given) receives (file name, tensor) pairs to
/// write next to the document.
nlohmann::json SessionToJson(const AppState& app, const std::string& stem,
                             std::vector<std::pair<std::string, const Tensor*>>* sidecars);

/// Writes the session to `path` (and its .npy files), each through a temporary file and a
/// rename. Errors name the file.
Result<bool> SaveSessionFile(const AppState& app, const std::string& path);

/// Opens a session or spec JSON text; relative tensor files are found from `base_dir`,
/// `origin` names it in messages. Everything is checked before anything changes: on error the
/// AppState is exactly as it was.
Result<bool> OpenSessionText(AppState& app, const std::string& text, const std::string& base_dir,
                             const std::string& origin);

/// Opens a session or spec file (see OpenSessionText). Errors start with the path.
Result<bool> OpenSessionFile(AppState& app, const std::string& path);

/// The .npy files a session document refers to (names relative to its folder).
std::vector<std::string> SessionSidecars(const std::string& path);

}  // namespace convstep::gui
