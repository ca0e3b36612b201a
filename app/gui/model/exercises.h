// Predict, then reveal: one exercise per lesson chapter, drawn from a seed with small whole
// numbers so that a student can work it out by hand. The app shows the question, takes a
// typed answer or a choice, checks it, and then reveals the worked solution step by step.
// Every text is a translation key ("exercise.*" in assets/i18n) with its arguments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "convstep/result.h"
#include "convstep/spec.h"
#include "convstep/tensor.h"

namespace convstep::gui {

/// A translatable text: the table's entry for `key` with {0}, {1}, ... replaced by `args`.
struct ExerciseText {
  std::string key;
  std::vector<std::string> args;
};

/// What the student gives: a shape or index ("6, 8, 4"), one number, a list of positions
/// ("2, 3"), one of the choices (its index), or input cells clicked in the input panel.
enum class AnswerKind { kShape, kNumber, kPositions, kChoice, kCells };

/// One exercise, ready to show and to check.
struct Exercise {
  int chapter = 1;    ///< the lesson chapter it belongs to, 1..kExerciseChapters
  uint64_t seed = 0;  ///< the variant: the same chapter and seed give the same exercise
  ExerciseText question;
  AnswerKind answer_kind = AnswerKind::kNumber;
  std::vector<int64_t> expected;       ///< the shape, index or positions (kShape, kPositions)
  double expected_number = 0.0;        ///< kNumber (a whole number: the inputs are small)
  std::vector<ExerciseText> choices;   ///< kChoice
  int64_t expected_choice = 0;         ///< kChoice: index into choices
  std::vector<ExerciseText> solution;  ///< the worked solution, one step per line
  /// kCells: the output y[n, o, t] asked about (in the session the exercise was made for);
  /// `expected` holds the InputIndex of every input cell that feeds it, sorted.
  int64_t cells_n = 0, cells_o = 0, cells_t = 0;
};

/// The number of chapters with an exercise (every chapter of the lesson).
constexpr int kExerciseChapters = 10;

/// The exercise of `chapter` (1..kExerciseChapters) for variant `seed`. Errors: a chapter
/// out of range.
Result<Exercise> MakeExercise(int chapter, uint64_t seed);

/// How a typed answer compares with the expected one.
struct Verdict {
  bool understood = false;  ///< the text could be read as this kind of answer
  bool correct = false;
  ExerciseText feedback;  ///< what to tell the student ("exercise.feedback.*")
};

/// Checks a typed answer: integers separated by commas or spaces, with or without brackets
/// (shapes, indices, positions, in any order for positions), one number, or a choice's index
/// (0-based) for AnswerKind::kChoice. Never throws; unreadable text is not understood.
Verdict CheckAnswer(const Exercise& exercise, const std::string& typed);

}  // namespace convstep::gui
