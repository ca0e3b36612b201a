// Settings remembered between runs: language, text size, colour map, numbers in cells, panel
// visibility and the window's size, in <config>/settings.json, where <config> is
// $XDG_CONFIG_HOME/convstep (an absolute path), else ~/.config/convstep. Dear ImGui's ini
// file lives there too (never in the working directory). The language is owned by
// language.h's language.json; settings.json mirrors it and is used when that file is absent.
// Headless runs (screenshots, exports, benchmarks) neither read nor write settings, so their
// pictures do not depend on the machine.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "convstep/result.h"
#include "platform/paths.h"
#include "state/app_state.h"

namespace convstep::gui {

/// The settings as JSON (what settings.json holds).
nlohmann::json SettingsToJson(const AppState& app);

/// Applies settings JSON: every key is checked first, then applied; on error nothing changes
/// and the error names the key. Unknown keys are ignored (a newer version may add some).
Result<bool> ApplySettingsJson(AppState& app, const nlohmann::json& settings);

/// Starts settings for an interactive run in `dir` (ConfigDir() normally): creates the folder,
/// points Dear ImGui's ini file there (app.files.settings.ini_path; the caller sets
/// io.IniFilename), reads settings.json. A broken file is reported in app.notice and left
/// alone (defaults are used; it is overwritten only after the next change).
void LoadSettings(AppState& app, const std::string& dir);

/// Writes settings.json (temporary file + rename) when it would differ from the last write.
/// Reads language.json for the remembered language. Returns false when writing failed (the
/// reason is in app.files.settings.error). Call it a few times a second, not every frame.
bool SaveSettingsIfChanged(AppState& app);

}  // namespace convstep::gui
