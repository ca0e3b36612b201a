#include "state/language.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "convstep/json_text.h"
#include "file_target.h"
#include "platform/paths.h"
#include "state/app_state.h"

namespace convstep::gui {

const LanguageInfo* FindLanguage(const std::string& code) {
  for (const LanguageInfo& language : kLanguages)
    if (code == language.code) return &language;
  return nullptr;
}

std::string ChooseLanguage(const std::string& requested, bool cjk_font_available) {
  const LanguageInfo* language = FindLanguage(requested);
  if (!language || (language->needs_cjk && !cjk_font_available)) return "en";
  return language->code;
}

bool CjkFontAvailable(AppState& app) {
  if (!app.teach.cjk_font_found) app.teach.cjk_font_found = FindCjkFont(false).found();
  return *app.teach.cjk_font_found;
}

bool SetLanguage(AppState& app, const std::string& code) {
  const LanguageInfo* wanted = FindLanguage(code);
  const bool cjk = !wanted || !wanted->needs_cjk || CjkFontAvailable(app);
  const std::string chosen = ChooseLanguage(code, cjk);
  app.teach.cjk_font_missing = wanted && wanted->needs_cjk && !cjk;
  I18n table;
  std::string error;
  if (!table.LoadFile(app.assets_dir + "/i18n/" + chosen + ".json", &error)) {
    app.notice = "Translations not loaded (" + error + ")";
    return false;
  }
  app.i18n = std::move(table);
  app.teach.language = chosen;
  app.view.fonts_dirty = true;
  if (app.teach.cjk_font_missing) app.notice = Tr(app.i18n, "notice.no_cjk_font");
  return chosen == code;
}

bool PickLanguage(AppState& app, const std::string& code) {
  const bool ok = SetLanguage(app, code);
  if (ok) {
    std::string error;
    const std::string path = LanguageSettingPath(app.teach.settings_dir);
    if (!path.empty() && !WriteLanguageSetting(path, code, &error))
      app.notice = TrFormat(app.i18n, "notice.language_not_saved", {error});
  }
  return ok;
}

std::string LanguageSettingPath(const std::string& dir_override) {
  std::filesystem::path dir;
  if (!dir_override.empty()) {
    dir = dir_override;
  } else {
    dir = ConfigDir();
    if (dir.empty()) return {};
  }
  return (dir / "language.json").string();
}

std::optional<std::string> ReadLanguageSetting(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  const auto parsed = ParseJsonText(text.str());  // nesting limited
  const nlohmann::json doc = parsed ? *parsed : nlohmann::json();
  if (!doc.is_object() || !doc.contains("language") || !doc["language"].is_string())
    return std::nullopt;
  const std::string code = doc["language"].get<std::string>();
  if (!FindLanguage(code)) return std::nullopt;
  return code;
}

bool WriteLanguageSetting(const std::string& path, const std::string& code, std::string* error) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  const std::string text = nlohmann::json{{"language", code}}.dump(2) + "\n";
  auto written = exporting::WriteFileSafely(path, text, "language.json");
  if (!written) {
    if (error) *error = "cannot save the language choice: " + written.error().message;
    return false;
  }
  return true;
}

std::string TextNeedingGlyphs(const AppState& app) {
  std::string text;
  for (const LanguageInfo& language : kLanguages) text += language.native_name;
  // Every table counts: the English lesson quotes the blog post's Chinese title too.
  for (const auto& [key, value] : app.i18n.entries()) text += value;
  text += app.teach.sentences.text;
  if (app.session)
    for (const std::string& sentence : app.session->recipe.sentences) text += sentence;
  return text;
}

}  // namespace convstep::gui
