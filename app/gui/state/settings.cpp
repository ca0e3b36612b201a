#include "state/settings.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "convstep/io_npy.h"
#include "convstep/json_text.h"
#include "convstep/thread_pool.h"
#include "file_target.h"
#include "state/language.h"
#include "state/practice.h"
#include "state/view_json.h"

namespace convstep::gui {
namespace {

using nlohmann::json;

constexpr const char* kSettingsFile = "settings.json";

std::string SettingsPath(const AppState& app) {
  return (std::filesystem::path(app.files.settings.dir) / kSettingsFile).string();
}

}  // namespace

json SettingsToJson(const AppState& app) {
  json settings = {
      {"language", app.files.settings.language},         {"text_scale", app.view.text_scale},
      {"colormap", ColorMapName(app.view.colormap)},     {"show_numbers", app.view.show_numbers},
      {"high_contrast", app.view.high_contrast},         {"panels", PanelsToJson(app.view.show)},
      {"exercises", ExercisesToJson(app.teach.exercise)}};
  settings["threads"] = app.build.threads_setting;  // 0: all cores
  if (app.files.settings.window_width > 0 && app.files.settings.window_height > 0)
    settings["window"] = {{"width", app.files.settings.window_width},
                          {"height", app.files.settings.window_height}};
  return settings;
}

Result<bool> ApplySettingsJson(AppState& app, const json& settings) {
  if (!settings.is_object())
    return MakeError(Message{"settings_not_object",
                             "the settings must be a JSON object, but got {0}",
                             {JsonExcerpt(settings)}},
                     "settings",
                     Hint{"settings_defaults", "delete the file to start from the defaults", {}});
  const std::string where = "settings";
  auto language = StringAt(settings, "language", app.teach.language, where);
  if (!language) return language.error();
  if (!FindLanguage(*language))
    return MakeError(Message{"settings_language",
                             "settings.language \"{0}\" is not a language ConvStep has",
                             {*language}},
                     "settings.language", Hint{"settings_language", "use \"en\" or \"zh\"", {}});
  auto scale = NumberAt(settings, "text_scale", app.view.text_scale, 0.75, 3.0, where);
  if (!scale) return scale.error();
  auto map_name = StringAt(settings, "colormap", ColorMapName(app.view.colormap), where);
  if (!map_name) return map_name.error();
  ColorMap map = app.view.colormap;
  if (!ParseColorMap(*map_name, &map))
    return MakeError(Message{"colormap_value",
                             "{0} must be \"blue_orange\", \"blue_red\" or \"purple_green\", but "
                             "got \"{1}\"",
                             {"settings.colormap", *map_name}},
                     "settings.colormap", Hint{"one_of_three", "use one of those three", {}});
  auto numbers = BoolAt(settings, "show_numbers", app.view.show_numbers, where);
  if (!numbers) return numbers.error();
  auto high_contrast = BoolAt(settings, "high_contrast", app.view.high_contrast, where);
  if (!high_contrast) return high_contrast.error();
  auto threads = NumberAt(settings, "threads", app.build.threads_setting, 0, kMaxThreads, where);
  if (!threads) return threads.error();
  PanelVisibility show = app.view.show;
  if (settings.contains("panels")) {
    auto panels = PanelsFromJson(settings.at("panels"), show, "settings.panels");
    if (!panels) return panels.error();
    show = *panels;
  }
  ExerciseState exercises = app.teach.exercise;
  if (settings.contains("exercises")) {
    auto read = ExercisesFromJson(settings.at("exercises"), "settings.exercises", &exercises);
    if (!read) return read.error();
  }
  int width = app.files.settings.window_width, height = app.files.settings.window_height;
  if (settings.contains("window")) {
    const json& window = settings.at("window");
    if (!window.is_object())
      return MakeError(
          Message{"settings_window", "settings.window must be {\"width\": W, \"height\": H}", {}},
          "settings.window", Hint{"settings_window", "remove it to use 1600x900", {}});
    auto w = NumberAt(window, "width", 1600, 64, 16384, "settings.window");
    if (!w) return w.error();
    auto h = NumberAt(window, "height", 900, 64, 16384, "settings.window");
    if (!h) return h.error();
    width = static_cast<int>(*w);
    height = static_cast<int>(*h);
  }
  // All checked: apply.
  if (*language != app.teach.language) SetLanguage(app, *language);
  if (settings.contains("language")) app.files.settings.language = *language;
  SetTextScale(app, static_cast<float>(*scale));
  app.view.colormap = map;
  app.view.show_numbers = *numbers;
  if (*high_contrast != app.view.high_contrast) app.view.fonts_dirty = true;
  app.view.high_contrast = *high_contrast;
  app.view.show = show;
  app.build.threads_setting = static_cast<int>(*threads);
  app.teach.exercise.enabled = exercises.enabled;
  app.teach.exercise.scores = exercises.scores;
  app.files.settings.window_width = width;
  app.files.settings.window_height = height;
  return true;
}

void LoadSettings(AppState& app, const std::string& dir) {
  SettingsState& settings = app.files.settings;
  settings.enabled = !dir.empty();
  settings.dir = dir;
  if (dir.empty()) {
    settings.error = "no settings folder: neither XDG_CONFIG_HOME nor HOME is set";
    return;
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  settings.ini_path = (std::filesystem::path(dir) / "imgui.ini").string();
  settings.language = ReadLanguageSetting(LanguageSettingPath(dir)).value_or(app.teach.language);
  const std::string path = SettingsPath(app);
  if (!std::filesystem::exists(path, ec)) return;
  auto bytes = ReadFileBytes(path);
  if (!bytes) {
    settings.error = bytes.error().message;
    app.notice =
        TrFormat(app.i18n, "file.settings_unreadable", {LocalizedMessage(app.i18n, bytes.error())});
    return;
  }
  auto parsed = ParseJsonText(*bytes);  // nesting limited, with the real reason
  if (!parsed) {
    Error error = parsed.error();
    error.parameter = "settings";
    SetMessage(error, Message{"in_file", "{0}: {1}", {path, MessageOf(parsed.error())}});
    settings.error = error.message;
    app.notice =
        TrFormat(app.i18n, "file.settings_unreadable", {LocalizedMessage(app.i18n, error)});
    return;
  }
  json doc = std::move(parsed).value();
  // language.json (the Language menu's own file) wins over the mirror kept here.
  if (ReadLanguageSetting(LanguageSettingPath(dir))) doc.erase("language");
  auto applied = ApplySettingsJson(app, doc);
  if (!applied) {
    Error error = applied.error();
    SetMessage(error, Message{"in_file", "{0}: {1}", {path, MessageOf(error)}});
    settings.error = error.message;
    app.notice =
        TrFormat(app.i18n, "file.settings_unreadable", {LocalizedMessage(app.i18n, error)});
    return;
  }
  settings.last_written = SettingsToJson(app).dump(2);
}

bool SaveSettingsIfChanged(AppState& app) {
  SettingsState& settings = app.files.settings;
  if (!settings.enabled) return true;
  // The Language menu remembers its choice in language.json; --lang is for one run only.
  if (auto remembered = ReadLanguageSetting(LanguageSettingPath(settings.dir)))
    settings.language = *remembered;
  const std::string text = SettingsToJson(app).dump(2);
  if (text == settings.last_written) return true;
  auto written = exporting::WriteFileSafely(SettingsPath(app), text + "\n", "settings.json");
  settings.last_written = text;  // do not retry every frame
  if (!written) {
    settings.error = written.error().message;
    return false;
  }
  settings.error.clear();
  return true;
}

}  // namespace convstep::gui
