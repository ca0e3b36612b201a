#include "model/cell_exercise.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "model/input_positions.h"

namespace convstep::gui {
namespace {

std::string S(int64_t value) {
  return std::to_string(value);
}

ExerciseText Text(std::string key, std::vector<std::string> args = {}) {
  return ExerciseText{std::move(key), std::move(args)};
}

// SplitMix64: the same seed gives the same output to ask about.
uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

std::vector<int64_t> FeedingCells(const Session& session, int64_t n, int64_t o, int64_t t) {
  const Geometry& g = session.geometry;
  std::vector<int64_t> cells;
  const int64_t first_channel = g.GroupOfOut(o) * g.in_per_group;
  for (int64_t k = 0; k < g.kernel_size; ++k) {
    const PaddedCell cell = SourceOf(g, g.TapPosition(t, k));
    if (cell.kind == CellKind::kZeroPad) continue;
    for (int64_t c = first_channel; c < first_channel + g.in_per_group; ++c)
      cells.push_back(InputIndex(g, n, c, cell.source));
  }
  std::sort(cells.begin(), cells.end());
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
  return cells;
}

Exercise MakeCellsExercise(const Session& session, uint64_t seed, int64_t n, int64_t avoid_t) {
  const Geometry& g = session.geometry;
  Exercise e;
  e.chapter = kCellsExerciseChapter;
  e.seed = seed;
  e.answer_kind = AnswerKind::kCells;
  const uint64_t r = Mix(seed);
  e.cells_n = std::clamp<int64_t>(n, 0, std::max<int64_t>(0, g.batch - 1));
  e.cells_o =
      static_cast<int64_t>((r >> 16) % static_cast<uint64_t>(std::max<int64_t>(1, g.out_channels)));
  const int64_t outs = std::max<int64_t>(1, g.out_length);
  e.cells_t = static_cast<int64_t>((r >> 32) % static_cast<uint64_t>(outs));
  if (e.cells_t == avoid_t && outs > 1) e.cells_t = (e.cells_t + 1) % outs;
  const std::string batch_item = S(e.cells_n), o = S(e.cells_o), t = S(e.cells_t);
  e.expected = FeedingCells(session, e.cells_n, e.cells_o, e.cells_t);
  e.question = Text("exercise.cells.question", {batch_item, o, t});
  const int64_t first_channel = g.GroupOfOut(e.cells_o) * g.in_per_group;
  e.solution = {
      Text("exercise.cells.solution.window", {t, S(g.stride), S(g.WindowStart(e.cells_t))}),
      Text("exercise.cells.solution.taps",
           {S(g.kernel_size), WindowPositionFormula(g), WindowInputPositions(g, e.cells_t, "pad")}),
      Text("exercise.cells.solution.channels",
           {o, S(first_channel), S(first_channel + g.in_per_group - 1)}),
      Text("exercise.cells.solution.count",
           {S(static_cast<int64_t>(e.expected.size())), batch_item, o, t})};
  return e;
}

Verdict CheckCells(const Exercise& exercise, std::vector<int64_t> picked) {
  std::sort(picked.begin(), picked.end());
  picked.erase(std::unique(picked.begin(), picked.end()), picked.end());
  if (picked.empty()) return {false, false, Text("exercise.feedback.click_cells")};
  std::vector<int64_t> hits;
  std::set_intersection(picked.begin(), picked.end(), exercise.expected.begin(),
                        exercise.expected.end(), std::back_inserter(hits));
  const bool right = picked == exercise.expected;
  const int64_t found = static_cast<int64_t>(hits.size());
  return {true, right,
          right ? Text("exercise.feedback.cells_right", {S(found)})
                : Text("exercise.feedback.cells_wrong",
                       {S(found), S(static_cast<int64_t>(picked.size())),
                        S(static_cast<int64_t>(exercise.expected.size()) - found)})};
}

}  // namespace convstep::gui
