// Property tests of the walkthrough: its sums are the output, its maps invert each other.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <tuple>

#include "convstep/forward.h"
#include "convstep/walkthrough.h"
#include "test_util.h"

namespace convstep {
namespace {

std::vector<Conv1dSpec> Specs() {
  std::vector<Conv1dSpec> specs;
  for (PaddingMode mode : {PaddingMode::kZeros, PaddingMode::kReflect, PaddingMode::kReplicate,
                           PaddingMode::kCircular}) {
    for (int variant = 0; variant < 4; ++variant) {
      Conv1dSpec spec;
      spec.in_channels = 4;
      spec.out_channels = 6;
      spec.kernel_size = 3;
      spec.groups = variant == 1 ? 2 : 1;
      spec.stride = variant == 2 ? 2 : 1;
      spec.dilation = variant == 3 ? 2 : 1;
      spec.padding = variant == 0 ? 0 : 2;
      spec.padding_kind = variant == 3 ? PaddingKind::kSame : PaddingKind::kExplicit;
      spec.bias = variant % 2 == 0;
      spec.padding_mode = mode;
      specs.push_back(spec);
    }
  }
  return specs;
}

TEST(Walkthrough, EveryWindowsFinalSumIsTheOutput) {
  std::mt19937 rng(99);
  for (const Conv1dSpec& spec : Specs()) {
    Conv1dProblem problem = testing::RandomProblem(spec, {2, 4, 7}, rng);
    auto g = ValidateProblem(problem);
    ASSERT_TRUE(g) << SpecPython(spec) << ": " << g.error().OneLine();
    const Tensor reference = ForwardReference(problem, *g);
    Walkthrough walk(problem, *g);
    ASSERT_EQ(walk.StepCount(Granularity::kWindow), g->OutputCount());
    for (int64_t step = 0; step < walk.StepCount(Granularity::kWindow); ++step) {
      const StepState state = walk.State(step, Granularity::kWindow);
      ASSERT_TRUE(state.window_complete);
      // Bit-identical: the same float operations in the same order.
      ASSERT_EQ(state.output, reference.data[static_cast<size_t>(step)]) << SpecPython(spec);
      ASSERT_EQ(state.outputs_done, step + 1);
    }
  }
}

TEST(Walkthrough, TapStepsRunThroughEachWindowInOrder) {
  std::mt19937 rng(5);
  Conv1dProblem problem = testing::RandomProblem(SeedSpec(), {6, 3, 5}, rng);
  auto g = ValidateProblem(problem);
  ASSERT_TRUE(g);
  Walkthrough walk(problem, *g);
  EXPECT_EQ(walk.StepCount(Granularity::kTap), 6 * 8 * 4 * 6);
  EXPECT_EQ(walk.StepCount(Granularity::kRow), 48);
  EXPECT_EQ(walk.StepCount(Granularity::kBatch), 6);
  // Step 0: first multiply of y[0,0,0]: x[c=0, pos=0] * w[0,0,0].
  StepState first = walk.State(0, Granularity::kTap);
  EXPECT_EQ(first.taps_done, 1);
  EXPECT_FALSE(first.window_complete);
  EXPECT_TRUE(first.taps[0].done);
  EXPECT_FALSE(first.taps[1].done);
  EXPECT_EQ(first.taps[0].x, problem.input.at(0, 0, 0));
  EXPECT_EQ(first.taps[0].w, problem.weight.at(0, 0, 0));
  EXPECT_EQ(first.taps[1].k, 1);  // (c, k) order: k runs fastest
  EXPECT_EQ(first.taps[2].in_channel, 1);
  EXPECT_EQ(first.outputs_done, 0);
  // Step 5 completes the first window.
  StepState sixth = walk.State(5, Granularity::kTap);
  EXPECT_TRUE(sixth.window_complete);
  EXPECT_EQ(sixth.outputs_done, 1);
  // Stepping in any order gives the same state: no hidden history.
  for (int64_t step : {100, 3, 100}) {
    StepState a = walk.State(step, Granularity::kTap);
    EXPECT_EQ(
        a.taps[static_cast<size_t>(a.coord.tap)].running_sum,
        walk.State(step, Granularity::kTap).taps[static_cast<size_t>(a.coord.tap)].running_sum);
  }
  // Coarse steps end on the last tap of their unit, and StepOf inverts CoordOf.
  for (Granularity gran :
       {Granularity::kTap, Granularity::kWindow, Granularity::kRow, Granularity::kBatch}) {
    for (int64_t step = 0; step < walk.StepCount(gran); ++step)
      ASSERT_EQ(walk.StepOf(walk.CoordOf(step, gran), gran), step) << GranularityName(gran);
  }
  const TapCoord row_end = walk.CoordOf(0, Granularity::kRow);
  EXPECT_EQ(row_end.t, 3);
  EXPECT_EQ(row_end.tap, 5);
}

TEST(Walkthrough, ReverseMapsInvertTheWindowMaps) {
  std::mt19937 rng(11);
  for (const Conv1dSpec& spec : Specs()) {
    Conv1dProblem problem = testing::RandomProblem(spec, {2, 4, 7}, rng);
    auto g = ValidateProblem(problem);
    ASSERT_TRUE(g);
    Walkthrough walk(problem, *g);
    // Forward: every (n, o, t, k) tap reading a real or ghost cell of input (n, c, l).
    std::set<std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t, int64_t>> forward_pairs;
    for (int64_t n = 0; n < g->batch; ++n)
      for (int64_t o = 0; o < g->out_channels; ++o)
        for (int64_t t = 0; t < g->out_length; ++t)
          for (const FieldEntry& e : walk.ReceptiveField(o, t)) {
            if (e.cell.kind == CellKind::kZeroPad) continue;
            forward_pairs.insert({n, e.in_channel, e.cell.source, o, t, e.k});
            const FieldEntry back = walk.InputOfWeight(o, e.channel_in_group, e.k, t);
            ASSERT_EQ(back.padded_pos, e.padded_pos);
            ASSERT_EQ(back.in_channel, e.in_channel);
          }
    std::set<std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t, int64_t>> reverse_pairs;
    size_t reverse_count = 0;
    for (int64_t n = 0; n < g->batch; ++n)
      for (int64_t c = 0; c < g->in_channels; ++c)
        for (int64_t l = 0; l < g->length; ++l)
          for (const UseEntry& use : walk.UsesOfInput(n, c, l)) {
            reverse_pairs.insert({use.n, c, l, use.out_channel, use.t, use.k});
            ++reverse_count;
          }
    EXPECT_EQ(forward_pairs, reverse_pairs) << SpecPython(spec);
    // Each (output, tap) reaches exactly one input, so no use is listed twice.
    EXPECT_EQ(reverse_count, reverse_pairs.size()) << SpecPython(spec);
  }
}

TEST(Walkthrough, PaddedPositionsMapBackToTheirWindowsAndCopies) {
  std::mt19937 rng(12);
  for (const Conv1dSpec& spec : Specs()) {
    Conv1dProblem problem = testing::RandomProblem(spec, {1, 4, 7}, rng);
    auto g = ValidateProblem(problem);
    ASSERT_TRUE(g);
    Walkthrough walk(problem, *g);
    // Forward: every (o, t, k) tap reading padded position p of channel c, zeros included.
    std::set<std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t>> forward_taps;
    for (int64_t o = 0; o < g->out_channels; ++o)
      for (int64_t t = 0; t < g->out_length; ++t)
        for (const FieldEntry& e : walk.ReceptiveField(o, t))
          forward_taps.insert({e.in_channel, e.padded_pos, o, t, e.k});
    std::set<std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t>> reverse_taps;
    for (int64_t c = 0; c < g->in_channels; ++c)
      for (int64_t pos = 0; pos < g->padded_length; ++pos)
        for (const UseEntry& use : walk.UsesOfPadded(0, c, pos)) {
          EXPECT_EQ(use.padded_pos, pos);
          reverse_taps.insert({c, pos, use.out_channel, use.t, use.k});
        }
    EXPECT_EQ(forward_taps, reverse_taps) << SpecPython(spec);
    // The copies of l are exactly the padded positions whose source is l, in order.
    for (int64_t l = 0; l < g->length; ++l) {
      std::vector<int64_t> expected;
      for (int64_t pos = 0; pos < g->padded_length; ++pos) {
        const PaddedCell cell = SourceOf(*g, pos);
        if (cell.kind != CellKind::kZeroPad && cell.source == l) expected.push_back(pos);
      }
      EXPECT_EQ(walk.CopiesOf(l), expected) << SpecPython(spec) << " l=" << l;
    }
  }
}

}  // namespace
}  // namespace convstep
