// The guided lesson: ten chapters that follow the seed document. Each chapter sets the
// session, the view, the granularity and the step, then narrates; the student can leave the
// script at any time to experiment and come back. Chapters live in assets/lesson/chapters.json;
// their titles and narration are translation keys (lesson.N.title / lesson.N.text).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "convstep/result.h"
#include "model/lesson_data.h"
#include "state/app_state.h"

namespace convstep::gui {

/// Loads <assets>/lesson/chapters.json into app.teach.lesson (a failure is kept in load_error
/// and shown on the lesson tab; the rest of the app works without the lesson).
void LoadLesson(AppState& app);

/// Opens chapter `index` (0-based): its session, the lesson tab, the view it talks about, its
/// granularity and step, and its animation (playing up to its last step, the permute, or the
/// forgot-the-permute window). `still` shows the step the chapter plays to at once, without
/// playing (screenshots).
Result<bool> OpenChapter(AppState& app, int index, bool still = false);

/// The next / previous chapter (nothing at the ends; the first chapter when none is open).
void NextChapter(AppState& app);
void PreviousChapter(AppState& app);

/// True when a chapter is open and the student has changed its session (left the script).
bool OffScript(const AppState& app);

/// The chapter open now, or nullptr.
const Chapter* CurrentChapter(const AppState& app);

/// Once a frame: pauses playback on the chapter's last step; applies the queued chapter turns
/// (presentation clickers send PageDown / PageUp) unless `typing` (a text field has the keys).
void AdvanceLesson(AppState& app, bool typing);

/// Queues chapter turns (+1 next, -1 previous), applied by the next AdvanceLesson: a
/// presentation clicker presses and releases within one frame, too fast to poll.
void QueueLessonTurn(AppState& app, int turns);

}  // namespace convstep::gui
