// The view settings as JSON, shared by saved sessions ("view") and the settings file: panel
// visibility, numbers in cells, text size, colour map, and each canvas's pan and zoom.
// Readers check every type and report the key path at fault; they change nothing on error.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "convstep/result.h"
#include "state/app_state.h"

namespace convstep::gui {

/// {"parameters": true, "input": true, ..., "side": "parameters", "view": "steps"}.
nlohmann::json PanelsToJson(const PanelVisibility& show);
/// Reads what PanelsToJson writes onto `show` (missing keys keep their value). `where` names
/// the object in errors ("view.panels").
Result<PanelVisibility> PanelsFromJson(const nlohmann::json& value, PanelVisibility show,
                                       const std::string& where);

/// {"zoom": 1, "pan": [0, 0], "follow": true} for every canvas.
nlohmann::json CanvasesToJson(const Canvases& canvases);
/// Reads what CanvasesToJson writes.
Result<Canvases> CanvasesFromJson(const nlohmann::json& value, Canvases canvases,
                                  const std::string& where);

/// A pinned highlight: {"kind": "output", "at": [n, o, t]} (null when none).
nlohmann::json PinToJson(const HoverTarget& pin);
/// Reads what PinToJson writes.
Result<HoverTarget> PinFromJson(const nlohmann::json& value, const std::string& where);

/// A boolean at `key` of `object` (absent: `fallback`); errors name where.key.
Result<bool> BoolAt(const nlohmann::json& object, const char* key, bool fallback,
                    const std::string& where);
/// A number in [lo, hi] at `key` (absent: `fallback`).
Result<double> NumberAt(const nlohmann::json& object, const char* key, double fallback, double lo,
                        double hi, const std::string& where);
/// A whole number >= 0 at `key` (absent: `fallback`).
Result<int64_t> CountAt(const nlohmann::json& object, const char* key, int64_t fallback,
                        const std::string& where);
/// A string at `key` (absent: `fallback`).
Result<std::string> StringAt(const nlohmann::json& object, const char* key,
                             const std::string& fallback, const std::string& where);

}  // namespace convstep::gui
