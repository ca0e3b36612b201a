// The state of the teaching features: the guided lesson, the language, typed
// sentences, the PyTorch code view and the Conv1d-beside-Conv2d view. Plain data, held by
// AppState; the named functions that change it are in lesson.h, language.h, sentences_input.h.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "convstep/fit.h"
#include "convstep/walkthrough.h"
#include "model/code_view.h"
#include "model/exercises.h"
#include "model/lesson_data.h"

namespace convstep::gui {

struct Session;

/// The guided lesson's progress.
struct LessonState {
  std::vector<Chapter> chapters;
  std::string load_error;  ///< why chapters.json could not be read (empty: fine)
  int current = -1;        ///< index into `chapters` (-1: not started)
  /// The session the current chapter opened; when app.session differs, the student has left
  /// the script to experiment (the timeline moving is not leaving it).
  std::shared_ptr<const Session> chapter_session;
  std::optional<int64_t> pause_at;  ///< playback pauses on this step (the chapter's play_until)
  /// Chapters to turn (+1 PageDown, -1 PageUp), queued by the window's key callback: a
  /// presentation clicker presses and releases within one frame, too fast for ImGui 1.86.
  int queued_turns = 0;
};

/// Sentences a class can start from (English and Chinese, of unequal length).
inline constexpr const char* kExampleSentences =
    "The cat sat on the mat\nI love deep learning\nConvolution reads words\n我爱深度学习";

/// The sentence editor's text and its last result.
struct SentencesInput {
  std::string text = kExampleSentences;  ///< one sentence per line, as typed
  std::string error;                     ///< why "use these sentences" failed (empty: fine)
};

/// The code view's choices and a cache of its texts (remade when the session changes).
struct CodeView {
  PrintedTensor printed = PrintedTensor::kOutput;
  std::shared_ptr<const Session> code_for;   ///< the session `python` was made for
  std::string python;                        ///< SessionPython of that session
  std::shared_ptr<const Session> print_for;  ///< the session `print_text` was made for
  PrintedTensor print_which = PrintedTensor::kOutput;
  int64_t print_n = -1;
  std::string print_text;      ///< TorchPrint of that tensor
  float copied_seconds = 0.f;  ///< > 0: show "Copied" beside the button that was pressed
  int copied_button = 0;       ///< 1: the code's, 2: the printed tensor's
};

/// The Conv1d-beside-Conv2d view's choice of kernel height (0: the full height C).
struct Conv2dView {
  int64_t kernel_height = 0;
  bool image_view =
      false;  ///< the one-channel image of height C (second), not Conv2d(C, O, (1, k))
};

/// Which tab each tab bar showed last frame (to tell a click from a change made in code).
struct SideTabMemory {
  int side_drawn = -1;
  int view_drawn = -1;
};

/// One chapter's exercise record: answers checked, and how many were right.
struct ExerciseScore {
  int tries = 0;
  int right = 0;
};

/// Predict, then reveal: the exercise on screen, the answer being typed, its check, how much
/// of the worked solution is shown, and the scores (kept in the settings).
struct ExerciseState {
  bool enabled = true;                     ///< a teacher turns exercises off for a demonstration
  uint64_t next_seed = 1;                  ///< the next variant: every try is new
  std::optional<Exercise> current;         ///< the exercise of the current chapter (made on demand)
  std::string typed;                       ///< the answer field
  std::optional<Verdict> verdict;          ///< the last check of an answer the checker understood
  std::optional<ExerciseText> unreadable;  ///< why the last answer could not be read
  size_t solution_shown = 0;               ///< lines of the worked solution revealed so far
  float reveal_seconds = 0.f;              ///< time left before the next line appears
  std::map<int, ExerciseScore> scores;     ///< chapter -> record
  std::vector<int64_t> picked_cells;       ///< kCells: InputIndex of the cells clicked so far
};

/// Where the fit takes one tensor from.
enum class FitSource {
  kSession,  ///< the current session's (input as given, or its output)
  kPasted,   ///< print(tensor) text pasted or loaded into the window
};

/// The "Fit weights from input and output" window (state/fit_window.h).
struct FitWindowState {
  bool open = false;
  FitSource input_from = FitSource::kSession;
  FitSource output_from = FitSource::kSession;
  std::string input_text;   ///< pasted input, in the session's layout ([N, L, C] or [N, C, L])
  std::string output_text;  ///< pasted output [N, O, L_out]
  std::string file_path;    ///< a file to load into the focused text (ReadTensorFile)
  std::optional<WeightFit> result;
  std::optional<Tensor> fitted_input;             ///< the input the result was fitted to (as given)
  std::shared_ptr<const Session> result_session;  ///< the session the result belongs to
  std::optional<Error> error;                     ///< why the last run or apply failed
  bool applied = false;  ///< the last result was put into the session (Ctrl+Z undoes)
  std::string fitted;    ///< what the window's height was last fitted to (its parts shown)
};

/// Everything of the teaching features in one place.
struct TeachState {
  LessonState lesson;
  SentencesInput sentences;
  CodeView code;
  Conv2dView conv2d;
  ExerciseState exercise;
  FitWindowState fit;
  std::string language = "en";         ///< the table in use ("en" or "zh")
  std::string settings_dir;            ///< where the language choice is saved (empty: the default)
  bool cjk_font_missing = false;       ///< Chinese was asked for but no CJK font exists
  std::optional<bool> cjk_font_found;  ///< fontconfig's answer, asked once (CjkFontAvailable)
  SideTabMemory tabs;
};

}  // namespace convstep::gui
