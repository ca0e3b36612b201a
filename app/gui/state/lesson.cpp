#include "state/lesson.h"

#include <fstream>
#include <sstream>

#include "convstep/io_json.h"
#include "model/lesson_data.h"

namespace convstep::gui {
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
  show.view = chapter.focus == "conv2d"   ? MainView::kConv2d
              : chapter.focus == "matmul" ? MainView::kMatmul
              : chapter.focus == "code"   ? MainView::kCode
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

void AdvanceLesson(AppState& app, bool typing) {
  LessonState& lesson = app.teach.lesson;
  if (lesson.pause_at && OffScript(app)) lesson.pause_at.reset();
  if (lesson.pause_at && app.timeline.step >= *lesson.pause_at) {
    if (app.timeline.step > *lesson.pause_at) SeekStep(app, *lesson.pause_at);
    app.timeline.playing = false;
    lesson.pause_at.reset();
  }
  const int turns = lesson.queued_turns;
  lesson.queued_turns = 0;
  if (typing || lesson.chapters.empty()) return;  // typing, not turning
  for (int i = 0; i < turns; ++i) NextChapter(app);
  for (int i = 0; i > turns; --i) PreviousChapter(app);
}

void QueueLessonTurn(AppState& app, int turns) {
  app.teach.lesson.queued_turns += turns;
}

}  // namespace convstep::gui
