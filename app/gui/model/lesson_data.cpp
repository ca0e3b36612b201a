#include "model/lesson_data.h"

#include <fstream>
#include <sstream>

#include "convstep/io_json.h"
#include "model/lesson_stage.h"

namespace convstep::gui {
namespace {

Error ChapterError(const std::string& what) {
  return MakeError("chapters.json: " + what, "lesson",
                   "restore assets/lesson/chapters.json from the repository");
}

}  // namespace

Result<Chapter> ChapterFromJson(const nlohmann::json& object) {
  if (!object.is_object()) return ChapterError("every chapter must be an object");
  Chapter chapter;
  if (!object.contains("id") || !object["id"].is_number_integer())
    return ChapterError("a chapter has no integer \"id\"");
  chapter.id = object["id"].get<int>();
  const std::string where = "chapter " + std::to_string(chapter.id);
  auto text = [&](const char* key, std::string* out) -> bool {
    if (!object.contains(key)) return true;
    if (!object[key].is_string()) return false;
    *out = object[key].get<std::string>();
    return true;
  };
  chapter.title_key = "lesson." + std::to_string(chapter.id) + ".title";
  chapter.text_key = "lesson." + std::to_string(chapter.id) + ".text";
  std::string granularity = "tap";
  if (!text("title", &chapter.title_key) || !text("text", &chapter.text_key) ||
      !text("focus", &chapter.focus) || !text("granularity", &granularity))
    return ChapterError(where + ": title, text, focus and granularity must be strings");
  if (!ParseGranularity(granularity, &chapter.granularity))
    return ChapterError(where + ": unknown granularity \"" + granularity + "\"");
  if (!object.contains("session") || !object["session"].is_object())
    return ChapterError(where + " has no \"session\" object");
  chapter.session = object["session"];
  if (auto parsed = ParseSpecJson(chapter.session.dump()); !parsed)
    return ChapterError(where + "'s session: " + parsed.error().message);
  auto flag = [&](const char* key, bool* out) {
    if (object.contains(key) && object[key].is_boolean()) *out = object[key].get<bool>();
  };
  flag("play", &chapter.play);
  flag("play_permute", &chapter.play_permute);
  flag("show_forgot_permute", &chapter.show_forgot_permute);
  if (auto stage = StageFromJson(object); stage) {
    chapter.stage = std::move(stage).value();
  } else {
    return ChapterError(where + ": " + stage.error().message);
  }
  if (auto present = StageFromJson(object, "present"); present) {
    chapter.present = std::move(present).value();
  } else {
    return ChapterError(where + ": " + present.error().message);
  }
  if (object.contains("step") && object["step"].is_number_integer())
    chapter.step = object["step"].get<int64_t>();
  if (object.contains("play_until") && object["play_until"].is_number_integer())
    chapter.play_until = object["play_until"].get<int64_t>();
  return chapter;
}

Result<std::vector<Chapter>> LoadChapters(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return ChapterError("cannot open " + path);
  std::ostringstream text;
  text << file.rdbuf();
  const auto doc = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("chapters") || !doc["chapters"].is_array())
    return ChapterError("expected {\"chapters\": [...]}");
  std::vector<Chapter> chapters;
  for (const auto& object : doc["chapters"]) {
    auto chapter = ChapterFromJson(object);
    if (!chapter) return chapter.error();
    chapters.push_back(std::move(chapter).value());
  }
  if (chapters.empty()) return ChapterError("no chapters");
  return chapters;
}

}  // namespace convstep::gui
