// "Which input cells feed y[n, o, t]?" answered by clicking: an exercise on the session on
// screen (not drawn numbers), whose answer is a set of input cells. The worked solution walks
// from t to the window's start, the taps' input positions (padding is no input cell), and the
// kernel's channels.
#pragma once

#include <cstdint>
#include <vector>

#include "model/exercises.h"
#include "model/session.h"

namespace convstep::gui {

/// The lesson chapter whose exercise alternates between typed positions and clicked cells
/// (the sliding window's chapter).
constexpr int kCellsExerciseChapter = 5;

/// The input cells (InputIndex, sorted, each once) whose values y[n, o, t] reads: every
/// channel of o's group at every real position a tap reads (a reflect / replicate / circular
/// copy counts as the cell it copies; a zero of padding is no cell).
std::vector<int64_t> FeedingCells(const Session& session, int64_t n, int64_t o, int64_t t);

/// The exercise for `seed` on `session`: an output (n, o, t) of batch item `n` (the one on
/// screen) with o and t drawn from the seed, t different from `avoid_t` when there is a
/// choice (the window on screen would give it away). Requires a session with an output.
Exercise MakeCellsExercise(const Session& session, uint64_t seed, int64_t n, int64_t avoid_t);

/// Checks the clicked cells (InputIndex, any order, repeats ignored) against the exercise.
Verdict CheckCells(const Exercise& exercise, std::vector<int64_t> picked);

}  // namespace convstep::gui
