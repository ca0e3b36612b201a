#include "state/practice.h"

#include <algorithm>

#include "model/cell_exercise.h"
#include "state/view_json.h"

namespace convstep::gui {

const Exercise* EnsureExercise(AppState& app, int chapter) {
  ExerciseState& state = app.teach.exercise;
  if (!state.current || state.current->chapter != chapter) NextExercise(app, chapter);
  return state.current ? &*state.current : nullptr;
}

void NextExercise(AppState& app, int chapter) {
  ExerciseState& state = app.teach.exercise;
  const uint64_t seed = state.next_seed++;
  // The sliding window's chapter alternates: click the cells on the session, or type positions.
  if (chapter == kCellsExerciseChapter && seed % 2 == 1 && app.session &&
      !app.session->output.data.empty()) {
    const TapCoord at = CurrentTap(app);
    state.current = MakeCellsExercise(*app.session, seed, at.n, at.t);
  } else {
    Result<Exercise> made = MakeExercise(chapter, seed);
    state.current = made ? std::optional<Exercise>(*made) : std::nullopt;
  }
  state.picked_cells.clear();
  state.typed.clear();
  state.verdict.reset();
  state.unreadable.reset();
  state.solution_shown = 0;
  state.reveal_seconds = 0.f;
}

namespace {

// An answer that was not understood only shows why; the first understood answer to a variant
// is scored; any understood answer starts revealing the solution. Returns whether it was
// understood.
bool RecordVerdict(ExerciseState& state, const Verdict& verdict) {
  if (!verdict.understood) {
    state.unreadable = verdict.feedback;
    return false;
  }
  state.unreadable.reset();
  if (!state.verdict) {  // only the first answer to a variant counts
    ExerciseScore& score = state.scores[state.current->chapter];
    ++score.tries;
    if (verdict.correct) ++score.right;
  }
  state.verdict = verdict;
  if (state.solution_shown == 0) {
    state.solution_shown = 1;
    state.reveal_seconds = kSolutionLineSeconds;
  }
  return true;
}

}  // namespace

Verdict SubmitAnswer(AppState& app, const std::string& typed) {
  ExerciseState& state = app.teach.exercise;
  if (!state.current) return {};
  const Verdict verdict = CheckAnswer(*state.current, typed);
  RecordVerdict(state, verdict);
  return verdict;
}

bool PickingCells(const AppState& app) {
  const ExerciseState& state = app.teach.exercise;
  return state.enabled && state.current && state.current->answer_kind == AnswerKind::kCells &&
         !state.verdict;
}

void TogglePickedCell(AppState& app, int64_t input_index) {
  std::vector<int64_t>& picked = app.teach.exercise.picked_cells;
  const auto at = std::find(picked.begin(), picked.end(), input_index);
  if (at == picked.end())
    picked.push_back(input_index);
  else
    picked.erase(at);
}

Verdict SubmitPickedCells(AppState& app) {
  ExerciseState& state = app.teach.exercise;
  if (!state.current || state.current->answer_kind != AnswerKind::kCells) return {};
  const Verdict verdict = CheckCells(*state.current, state.picked_cells);
  if (!RecordVerdict(state, verdict)) return verdict;
  app.hover.pinned = HoverTarget{HoverKind::kOutput, state.current->cells_n, state.current->cells_o,
                                 state.current->cells_t};
  return verdict;
}

void ShowWholeSolution(AppState& app) {
  ExerciseState& state = app.teach.exercise;
  if (state.current) state.solution_shown = state.current->solution.size();
}

void AdvanceSolution(AppState& app, float dt) {
  ExerciseState& state = app.teach.exercise;
  if (!state.current || state.solution_shown == 0) return;
  if (state.solution_shown >= state.current->solution.size()) return;
  state.reveal_seconds -= dt;
  if (state.reveal_seconds > 0.f) return;
  ++state.solution_shown;
  state.reveal_seconds = kSolutionLineSeconds;
}

void SetExercisesEnabled(AppState& app, bool enabled) {
  app.teach.exercise.enabled = enabled;
}

nlohmann::json ExercisesToJson(const ExerciseState& exercises) {
  nlohmann::json scores = nlohmann::json::object();
  for (const auto& [chapter, score] : exercises.scores)
    scores[std::to_string(chapter)] = {{"tries", score.tries}, {"right", score.right}};
  return {{"enabled", exercises.enabled}, {"scores", scores}};
}

Result<bool> ExercisesFromJson(const nlohmann::json& value, const std::string& where,
                               ExerciseState* exercises) {
  const Hint hint{"settings_defaults", "delete the file to start from the defaults", {}};
  if (!value.is_object())
    return MakeError(Message{"settings_exercises", "{0} must be a JSON object", {where}}, where,
                     hint);
  auto enabled = BoolAt(value, "enabled", exercises->enabled, where);
  if (!enabled) return enabled.error();
  std::map<int, ExerciseScore> scores;
  const nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json& table = value.contains("scores") ? value.at("scores") : empty;
  if (!table.is_object())
    return MakeError(
        Message{"settings_exercises", "{0} must be a JSON object", {where + ".scores"}},
        where + ".scores", hint);
  const auto bad_record = [&](const std::string& place) {
    return MakeError(Message{"settings_exercise_score",
                             "{0} must be a chapter from 1 to {1} holding {\"tries\": T, "
                             "\"right\": R} with R <= T",
                             {place, std::to_string(kExerciseChapters)}},
                     place, hint);
  };
  for (const auto& [key, record] : table.items()) {
    const std::string place = where + ".scores." + key;
    const bool digits =
        !key.empty() && key.size() <= 2 &&
        std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
    const int chapter = digits ? std::stoi(key) : 0;
    if (chapter < 1 || chapter > kExerciseChapters || !record.is_object()) return bad_record(place);
    auto tries = CountAt(record, "tries", 0, place);
    if (!tries) return tries.error();
    auto right = CountAt(record, "right", 0, place);
    if (!right) return right.error();
    if (*right > *tries || *tries > 1000000) return bad_record(place);
    scores[chapter] = {static_cast<int>(*tries), static_cast<int>(*right)};
  }
  exercises->enabled = *enabled;
  exercises->scores = std::move(scores);
  return true;
}

}  // namespace convstep::gui
