// The exercises' state changes: making a chapter's exercise, checking an answer, revealing
// the worked solution line by line, the teacher's switch and the scores kept in the settings.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "convstep/result.h"
#include "state/app_state.h"

namespace convstep::gui {

/// Seconds between two lines of the worked solution as it plays.
constexpr float kSolutionLineSeconds = 1.2f;

/// The exercise of `chapter` (1-based) on screen: made when there is none or it belongs to
/// another chapter; kept otherwise, with its answer and its check.
const Exercise* EnsureExercise(AppState& app, int chapter);

/// A new variant of `chapter`'s exercise (the next seed); the answer and check are cleared.
void NextExercise(AppState& app, int chapter);

/// Checks `typed` (or a choice's index) against the exercise on screen. An answer the checker
/// understands counts in the chapter's score and starts the worked solution; one it cannot
/// read only says what to type. Returns the verdict.
Verdict SubmitAnswer(AppState& app, const std::string& typed);

/// True while the exercise on screen is answered by clicking input cells and is not yet
/// checked: a click in the input panel picks or unpicks a cell instead of pinning it.
bool PickingCells(const AppState& app);

/// Picks input cell `input_index` (InputIndex) for the exercise, or unpicks it when picked.
void TogglePickedCell(AppState& app, int64_t input_index);

/// Checks the picked cells like SubmitAnswer, and pins the asked output so that the input
/// panel lights every cell that feeds it while the worked solution plays.
Verdict SubmitPickedCells(AppState& app);

/// Reveals the whole worked solution at once (the student gives up, or a teacher shows it).
void ShowWholeSolution(AppState& app);

/// Plays the worked solution: one more line every kSolutionLineSeconds. Call once a frame.
void AdvanceSolution(AppState& app, float dt);

/// Turns the exercises on or off (View menu; remembered in the settings).
void SetExercisesEnabled(AppState& app, bool enabled);

/// {"enabled": true, "scores": {"4": {"tries": 3, "right": 2}, ...}} for settings.json.
nlohmann::json ExercisesToJson(const ExerciseState& exercises);

/// Reads what ExercisesToJson writes into `exercises`; on error nothing changes and the
/// error names the key under `where`.
Result<bool> ExercisesFromJson(const nlohmann::json& value, const std::string& where,
                               ExerciseState* exercises);

}  // namespace convstep::gui
