// Languages: the live switch between the English and Simplified Chinese tables
// (assets/i18n/en.json, zh.json), the CJK font Chinese needs, and remembering the choice in a
// small file of its own ($XDG_CONFIG_HOME/convstep/language.json).
#pragma once

#include <optional>
#include <string>

#include <imgui.h>

#include "platform/font_lookup.h"
#include "state/view_state.h"

namespace convstep::gui {

struct AppState;

/// A language the app has a table for.
struct LanguageInfo {
  const char* code;         ///< "en", "zh": the table assets/i18n/<code>.json
  const char* native_name;  ///< how the language names itself in the menu
  bool needs_cjk;           ///< its text needs a CJK font
};

/// English and 简体中文, in menu order.
inline constexpr LanguageInfo kLanguages[] = {{"en", "English", false}, {"zh", "简体中文", true}};

/// The entry of `code`, or nullptr for an unknown code.
const LanguageInfo* FindLanguage(const std::string& code);

/// The language to show: `requested` when it is known and, if it needs one, a CJK font
/// exists; else English.
std::string ChooseLanguage(const std::string& requested, bool cjk_font_available);

/// Switches every UI string and the lesson to `code` ("en" or "zh") at once: loads its table
/// and schedules a font rebuild with exactly the characters now in use. Chinese without a CJK
/// font stays in English with a notice (never boxes). Returns true when `code` is in use.
bool SetLanguage(AppState& app, const std::string& code);

/// SetLanguage, then remembers the choice for the next start (the Language menu).
bool PickLanguage(AppState& app, const std::string& code);

/// The file that remembers the language: <dir>/language.json, where dir is `dir_override`,
/// else $XDG_CONFIG_HOME/convstep, else ~/.config/convstep. Empty when none can be found.
std::string LanguageSettingPath(const std::string& dir_override = {});

/// The remembered language, when the file exists and names a known language.
std::optional<std::string> ReadLanguageSetting(const std::string& path);

/// Writes {"language": code} to `path` (creating its folder, replacing the file atomically).
bool WriteLanguageSetting(const std::string& path, const std::string& code,
                          std::string* error = nullptr);

/// Every character the fonts must hold beyond their Latin set: the current table, the other
/// languages' names, the typed sentences and the session's tokens.
std::string TextNeedingGlyphs(const AppState& app);

/// True when a CJK font is installed (fontconfig is asked once, then the answer is kept).
bool CjkFontAvailable(AppState& app);

}  // namespace convstep::gui
