#include "lesson.h"

#include <fstream>
#include <sstream>

#include <imgui.h>

#include "convstep/io_json.h"
#include "lesson_stage.h"

namespace convstep::gui {
namespace {

// GLFW key codes (the GLFW backend's io.KeysDown indices).
constexpr int kKeyPageUp = 266;
constexpr int kKeyPageDown = 267;

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

void LoadLesson(AppState& app) {
  LessonState& lesson = app.teach.lesson;
  auto chapters = LoadChapters(app.assets_dir + "/lesson/chapters.json");
  if (!chapters) {
    lesson.load_error = chapters.error().OneLine();
    lesson.chapters.clear();
    return;
  }
  lesson.chapters = std::move(chapters).value();
  lesson.load_error.clear();
}

Result<bool> OpenChapter(AppState& app, int index, bool still) {
  LessonState& lesson = app.teach.lesson;
  if (index < 0 || index >= static_cast<int>(lesson.chapters.size()))
    return MakeError("there is no chapter " + std::to_string(index + 1) + ": there are " +
                         std::to_string(lesson.chapters.size()),
                     "lesson",
                     "choose a chapter from 1 to " + std::to_string(lesson.chapters.size()));
  const Chapter& chapter = lesson.chapters[static_cast<size_t>(index)];
  auto opened = OpenSpecText(app, chapter.session.dump(), "lesson");
  if (!opened) return opened.error();
  lesson.current = index;
  lesson.pause_at.reset();
  PanelVisibility& show = app.view.show;
  show.parameters = true;
  show.side = SideTab::kLesson;
  show.view = chapter.focus == "conv2d" ? MainView::kConv2d
              : chapter.focus == "code" ? MainView::kCode
                                        : MainView::kSteps;
  SetGranularity(app, chapter.granularity);
  SeekStep(app, chapter.step);
  app.timeline.playing = false;
  if (chapter.play && chapter.play_until && still) {
    SeekStep(app, *chapter.play_until);
  } else if (chapter.play) {
    app.timeline.playing = StepCount(app) > 1;
    lesson.pause_at = chapter.play_until;
  }
  app.window_tween.progress = 1.f;
  if (chapter.play_permute && !still) {
    ReplayPermute(app);
  } else {
    app.permute = PermuteAnimation{};
  }
  app.show_forgot_permute = chapter.show_forgot_permute;
  lesson.chapter_session = app.session;
  return true;
}

void NextChapter(AppState& app) {
  const LessonState& lesson = app.teach.lesson;
  if (lesson.current + 1 < static_cast<int>(lesson.chapters.size()))
    OpenChapter(app, lesson.current + 1);
}

void PreviousChapter(AppState& app) {
  const LessonState& lesson = app.teach.lesson;
  if (lesson.current > 0) OpenChapter(app, lesson.current - 1);
}

bool OffScript(const AppState& app) {
  const LessonState& lesson = app.teach.lesson;
  return lesson.current >= 0 && lesson.chapter_session != app.session;
}

const Chapter* CurrentChapter(const AppState& app) {
  const LessonState& lesson = app.teach.lesson;
  if (lesson.current < 0 || lesson.current >= static_cast<int>(lesson.chapters.size()))
    return nullptr;
  return &lesson.chapters[static_cast<size_t>(lesson.current)];
}

void AdvanceLesson(AppState& app) {
  LessonState& lesson = app.teach.lesson;
  if (lesson.pause_at && OffScript(app)) lesson.pause_at.reset();
  if (lesson.pause_at && app.timeline.step >= *lesson.pause_at) {
    if (app.timeline.step > *lesson.pause_at) SeekStep(app, *lesson.pause_at);
    app.timeline.playing = false;
    lesson.pause_at.reset();
  }
  const int turns = lesson.queued_turns;
  lesson.queued_turns = 0;
  if (ImGui::GetIO().WantTextInput || lesson.chapters.empty()) return;  // typing, not turning
  for (int i = 0; i < turns; ++i) NextChapter(app);
  for (int i = 0; i > turns; --i) PreviousChapter(app);
}

void QueueLessonKey(AppState& app, int glfw_key) {
  if (glfw_key == kKeyPageDown) ++app.teach.lesson.queued_turns;
  if (glfw_key == kKeyPageUp) --app.teach.lesson.queued_turns;
}

const PanelRect* FocusRect(const Layout& layout, const std::string& focus) {
  if (focus == "input") return &layout.input;
  if (focus == "permute") return &layout.permute;
  if (focus == "kernel") return &layout.kernels;
  if (focus == "dot_product") return &layout.dot_product;
  if (focus == "sliding_window") return &layout.window;
  if (focus == "output") return &layout.output;
  if (focus == "formula") return &layout.formula;
  if (focus == "conv2d") return &layout.conv2d;
  if (focus == "code") return &layout.code;
  return nullptr;
}

}  // namespace convstep::gui
