// Hover mapping: an output lights its receptive field and weights, an input lights every
// output it feeds (also through ghost copies), a weight lights the input it multiplies now.
#include <gtest/gtest.h>

#include "model/hover.h"
#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

Session SeedSession(Conv1dSpec spec = SeedSpec(), int64_t length = 5) {
  Recipe recipe = testing::ArangeSeedRecipe();
  recipe.spec = spec;
  recipe.length = length;
  auto built = BuildSession(recipe);
  EXPECT_TRUE(built) << built.error().OneLine();
  return std::move(built).value();
}

TEST(Hover, OutputLightsItsReceptiveFieldAndWeights) {
  const Session session = SeedSession();
  const Geometry& g = session.geometry;
  const Highlight h = ComputeHighlight(session, {HoverKind::kOutput, 0, 1, 2}, TapCoord{});
  EXPECT_EQ(h.output.size(), 1u);
  EXPECT_TRUE(h.HasOutput(OutputIndexOf(g, 0, 1, 2)));
  EXPECT_EQ(h.input.size(), 6u);  // 3 channels x positions 2 and 3
  for (int64_t c = 0; c < 3; ++c)
    for (int64_t l : {2, 3}) EXPECT_TRUE(h.HasInput(InputIndex(g, 0, c, l))) << c << "," << l;
  EXPECT_EQ(h.weight.size(), 6u);
  for (int64_t c = 0; c < 3; ++c)
    for (int64_t k = 0; k < 2; ++k) EXPECT_TRUE(h.HasWeight(WeightIndex(g, 1, c, k)));
  EXPECT_EQ(h.padded.size(), 6u);
}

TEST(Hover, InputLightsEveryOutputItFeeds) {
  const Session session = SeedSession();
  const Geometry& g = session.geometry;
  const Highlight h = ComputeHighlight(session, {HoverKind::kInput, 0, 1, 2}, TapCoord{});
  // l = 2 is read by t = 1 (tap k = 1) and t = 2 (k = 0), for all 8 kernels.
  EXPECT_EQ(h.output.size(), 16u);
  for (int64_t o = 0; o < 8; ++o) {
    EXPECT_TRUE(h.HasOutput(OutputIndexOf(g, 0, o, 1)));
    EXPECT_TRUE(h.HasOutput(OutputIndexOf(g, 0, o, 2)));
  }
  EXPECT_FALSE(h.HasOutput(OutputIndexOf(g, 1, 0, 1)));  // another sentence
  const Highlight edge = ComputeHighlight(session, {HoverKind::kInput, 0, 0, 0}, TapCoord{});
  EXPECT_EQ(edge.output.size(), 8u);  // the first word only reaches t = 0
}

TEST(Hover, WeightLightsTheInputItMultipliesAtTheCurrentPosition) {
  const Session session = SeedSession();
  const Geometry& g = session.geometry;
  TapCoord now;
  now.n = 2;
  now.out_channel = 0;
  now.t = 1;
  const Highlight h = ComputeHighlight(session, {HoverKind::kWeight, 3, 2, 1}, now);
  EXPECT_TRUE(h.HasWeight(WeightIndex(g, 3, 2, 1)));
  EXPECT_EQ(h.input.size(), 1u);
  EXPECT_TRUE(h.HasInput(InputIndex(g, 2, 2, 2)));  // t = 1, k = 1 reads l = 2 of sentence 2
  EXPECT_TRUE(h.HasOutput(OutputIndexOf(g, 2, 3, 1)));
  EXPECT_EQ(h.n, 2);
}

TEST(Hover, ReflectGhostCopiesCountAsUsesOfTheirSource) {
  Conv1dSpec spec = SeedSpec();
  spec.kernel_size = 3;
  spec.padding = 1;
  spec.padding_mode = PaddingMode::kReflect;
  const Session session = SeedSession(spec);
  const Geometry& g = session.geometry;
  // Padded: [x1 | x0 x1 x2 x3 x4 | x3]. Input l = 1 also sits in the left ghost (position 0).
  const Highlight h = ComputeHighlight(session, {HoverKind::kInput, 0, 0, 1}, TapCoord{});
  EXPECT_TRUE(h.HasPadded(0 * g.padded_length + 0));
  EXPECT_TRUE(h.HasPadded(0 * g.padded_length + 2));
  // Hovering the ghost itself lights the same.
  const Highlight ghost = ComputeHighlight(session, {HoverKind::kPadded, 0, 0, 0}, TapCoord{});
  EXPECT_EQ(ghost.output, h.output);
  EXPECT_TRUE(ghost.HasInput(InputIndex(g, 0, 0, 1)));
}

TEST(Hover, ZeroPaddingLightsTheWindowsThatReadIt) {
  Conv1dSpec spec = SeedSpec();
  spec.padding = 1;
  const Session session = SeedSession(spec);
  const Geometry& g = session.geometry;
  const Highlight h = ComputeHighlight(session, {HoverKind::kPadded, 0, 0, 0}, TapCoord{});
  EXPECT_TRUE(h.input.empty());
  EXPECT_EQ(h.output.size(), 8u);
  EXPECT_TRUE(h.HasOutput(OutputIndexOf(g, 0, 5, 0)));
}

TEST(Hover, GroupsKeepTheHighlightInsideTheGroup) {
  Recipe recipe = testing::ArangeSeedRecipe();
  recipe.spec.in_channels = 4;
  recipe.spec.out_channels = 6;
  recipe.spec.groups = 2;
  auto built = BuildSession(recipe);
  ASSERT_TRUE(built);
  const Session& session = *built;
  const Geometry& g = session.geometry;
  // Input channel 3 is in group 1, whose kernels are out channels 3, 4, 5.
  const Highlight h = ComputeHighlight(session, {HoverKind::kInput, 0, 3, 2}, TapCoord{});
  for (int64_t o = 0; o < 3; ++o) EXPECT_FALSE(h.HasOutput(OutputIndexOf(g, 0, o, 1)));
  for (int64_t o = 3; o < 6; ++o) EXPECT_TRUE(h.HasOutput(OutputIndexOf(g, 0, o, 1)));
}

TEST(Hover, AClickPinsAndASecondClickUnpins) {
  const Session session = SeedSession();
  HoverState hover;
  const HoverTarget target{HoverKind::kOutput, 0, 2, 1};
  ReportHover(hover, target, /*clicked=*/true);
  BeginHoverFrame(hover, session, TapCoord{});
  EXPECT_EQ(hover.highlight.target, target);
  // The pointer moves elsewhere: the pin wins.
  ReportHover(hover, HoverTarget{HoverKind::kInput, 0, 0, 0}, false);
  BeginHoverFrame(hover, session, TapCoord{});
  EXPECT_EQ(hover.highlight.target, target);
  ReportHover(hover, target, true);
  BeginHoverFrame(hover, session, TapCoord{});
  EXPECT_EQ(hover.highlight.target, target);  // still hovered this frame
  BeginHoverFrame(hover, session, TapCoord{});
  EXPECT_FALSE(hover.highlight.active());
}

TEST(Hover, AStalePinIsDroppedWhenTheSessionShrinks) {
  HoverState hover;
  ReportHover(hover, HoverTarget{HoverKind::kOutput, 5, 7, 3}, true);
  Recipe recipe = testing::ArangeSeedRecipe();
  recipe.batch = 2;
  auto small = BuildSession(recipe);
  ASSERT_TRUE(small);
  BeginHoverFrame(hover, *small, TapCoord{});
  EXPECT_EQ(hover.pinned.kind, HoverKind::kNone);
  EXPECT_FALSE(hover.highlight.active());
}

}  // namespace
}  // namespace convstep::gui
