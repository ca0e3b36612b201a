// The timeline: playback, speed, granularity changes that keep the position, and stepping
// back restoring the exact earlier state.
#include <gtest/gtest.h>

#include <string>

#include "model/i18n.h"
#include "model/timeline.h"
#include "state/app_state.h"
#include "support/headless_ui.h"
#include "support/layout_check.h"
#include "ui/panels/timeline_panel.h"

namespace convstep::gui {
namespace {

// The seed layer on arange values: 6 taps per window, L_out 4, O 8, N 6.
struct SeedWalk {
  Session session;
  SeedWalk() {
    auto built = BuildSession(testing::ArangeSeedRecipe());
    EXPECT_TRUE(built) << built.error().OneLine();
    session = std::move(built).value();
  }
  Walkthrough walk() const { return MakeWalkthrough(session); }
};

TEST(Timeline, PlaybackAdvancesAtTwoStepsPerSecondTimesSpeed) {
  Timeline timeline;
  timeline.playing = true;
  EXPECT_EQ(AdvancePlayback(timeline, 100, 0.25), 0);  // half a step so far
  EXPECT_EQ(AdvancePlayback(timeline, 100, 0.25), 1);
  EXPECT_EQ(timeline.step, 1);
  timeline.speed = 4.f;
  EXPECT_EQ(AdvancePlayback(timeline, 100, 1.0), 8);
  EXPECT_EQ(timeline.step, 9);
}

TEST(Timeline, PlaybackStopsOnTheLastStep) {
  Timeline timeline;
  timeline.playing = true;
  timeline.speed = 16.f;
  AdvancePlayback(timeline, 10, 5.0);
  EXPECT_EQ(timeline.step, 9);
  EXPECT_FALSE(timeline.playing);
  EXPECT_EQ(AdvancePlayback(timeline, 10, 1.0), 0);
}

TEST(Timeline, PausedTimelineDoesNotMove) {
  Timeline timeline;
  EXPECT_EQ(AdvancePlayback(timeline, 10, 3.0), 0);
  EXPECT_EQ(timeline.step, 0);
}

TEST(Timeline, SpeedStepsInPowersOfTwoWithinQuarterToSixteen) {
  EXPECT_FLOAT_EQ(FasterSpeed(1.f), 2.f);
  EXPECT_FLOAT_EQ(FasterSpeed(8.f), 16.f);
  EXPECT_FLOAT_EQ(FasterSpeed(16.f), 16.f);
  EXPECT_FLOAT_EQ(SlowerSpeed(1.f), 0.5f);
  EXPECT_FLOAT_EQ(SlowerSpeed(0.5f), 0.25f);
  EXPECT_FLOAT_EQ(SlowerSpeed(0.25f), 0.25f);
  EXPECT_FLOAT_EQ(FasterSpeed(3.f), 4.f);
  EXPECT_FLOAT_EQ(SlowerSpeed(3.f), 2.f);
}

TEST(Timeline, ClampStep) {
  EXPECT_EQ(ClampStep(-3, 10), 0);
  EXPECT_EQ(ClampStep(12, 10), 9);
  EXPECT_EQ(ClampStep(5, 0), 0);
}

TEST(Timeline, GranularityKeepsTheOutputElement) {
  SeedWalk seed;
  const Walkthrough walk = seed.walk();
  Timeline timeline;
  timeline.step = 9;  // window 1 (y[0, 0, 1]), tap 3
  ChangeGranularity(timeline, walk, Granularity::kWindow);
  EXPECT_EQ(timeline.step, 1);
  ChangeGranularity(timeline, walk, Granularity::kRow);
  EXPECT_EQ(timeline.step, 0);
  ChangeGranularity(timeline, walk, Granularity::kBatch);
  EXPECT_EQ(timeline.step, 0);
  // Back to taps without moving: the exact tap comes back.
  ChangeGranularity(timeline, walk, Granularity::kTap);
  EXPECT_EQ(timeline.step, 9);
}

TEST(Timeline, GranularityAfterMovingLandsAtTheEndOfTheCoarseStep) {
  SeedWalk seed;
  const Walkthrough walk = seed.walk();
  Timeline timeline;
  timeline.step = 9;
  ChangeGranularity(timeline, walk, Granularity::kRow);
  timeline.step = 1;  // moved to row 1 (y[0, 1, :])
  ChangeGranularity(timeline, walk, Granularity::kTap);
  const TapCoord coord = walk.CoordOf(timeline.step, Granularity::kTap);
  EXPECT_EQ(coord.n, 0);
  EXPECT_EQ(coord.out_channel, 1);
  EXPECT_EQ(coord.t, 3);  // the row is complete: its last window
  EXPECT_EQ(coord.tap, 5);
}

TEST(Timeline, SteppingBackRestoresTheExactEarlierState) {
  SeedWalk seed;
  const Walkthrough walk = seed.walk();
  std::vector<StepState> forward;
  for (int64_t step = 0; step < 60; ++step) forward.push_back(walk.State(step, Granularity::kTap));
  for (int64_t step = 59; step >= 0; --step) {
    const StepState back = walk.State(step, Granularity::kTap);
    const StepState& then = forward[static_cast<size_t>(step)];
    ASSERT_EQ(back.taps.size(), then.taps.size());
    EXPECT_EQ(back.coord.t, then.coord.t);
    EXPECT_EQ(back.taps_done, then.taps_done);
    EXPECT_EQ(back.outputs_done, then.outputs_done);
    for (size_t i = 0; i < back.taps.size(); ++i) {
      EXPECT_EQ(back.taps[i].done, then.taps[i].done);
      EXPECT_EQ(back.taps[i].running_sum, then.taps[i].running_sum);
    }
  }
}

TEST(Timeline, AppStepsForwardAndBackThroughTheWalkthrough) {
  AppState app;
  testing::InitApp(app);
  EXPECT_EQ(StepCount(app), 6 * 8 * 4 * 6);
  StepBy(app, 7);
  const StepState seventh = *CurrentStepState(app);
  StepBy(app, 5);
  StepBy(app, -5);
  const StepState again = *CurrentStepState(app);
  EXPECT_EQ(again.step, 7);
  EXPECT_EQ(again.taps_done, seventh.taps_done);
  EXPECT_EQ(again.taps[1].running_sum, seventh.taps[1].running_sum);
  SeekStep(app, -10);
  EXPECT_EQ(app.timeline.step, 0);
  SeekStep(app, 1 << 30);
  EXPECT_EQ(app.timeline.step, StepCount(app) - 1);
}

TEST(Timeline, PlayingFromTheEndRestartsAndTheFrameSlides) {
  AppState app;
  testing::InitApp(app);
  SeekStep(app, StepCount(app) - 1);
  TogglePlay(app);
  EXPECT_TRUE(app.timeline.playing);
  EXPECT_EQ(app.timeline.step, 0);
  // At window granularity the next step moves the kernel frame from window 0 to window 1.
  SetGranularity(app, Granularity::kWindow);
  AdvanceAnimations(app, 0.49f);
  EXPECT_EQ(app.timeline.step, 0);
  AdvanceAnimations(app, 0.02f);
  EXPECT_EQ(app.timeline.step, 1);
  EXPECT_LT(app.window_tween.progress, 1.f);
  const float middle = DisplayedWindowStart(app);
  EXPECT_GE(middle, 0.f);
  EXPECT_LE(middle, 1.f);
  app.timeline.playing = false;
  AdvanceAnimations(app, 1.f);
  EXPECT_FLOAT_EQ(DisplayedWindowStart(app), 1.f);
}

TEST(Timeline, SeekOutputAndBatchItem) {
  AppState app;
  testing::InitApp(app);
  SeekOutput(app, 2, 3, 1);
  TapCoord at = CurrentTap(app);
  EXPECT_EQ(at.n, 2);
  EXPECT_EQ(at.out_channel, 3);
  EXPECT_EQ(at.t, 1);
  EXPECT_EQ(at.tap, 0);
  SeekBatchItem(app, 4);
  at = CurrentTap(app);
  EXPECT_EQ(at.n, 4);
  EXPECT_EQ(at.out_channel, 0);
  EXPECT_EQ(at.t, 0);
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

// The timeline's label names what one step covers: "product 3 of 6" at tap granularity, the
// window, the row or the batch item otherwise (a whole window is never "product 6 of 6").
TEST(Timeline, TheLabelCountsTheUnitOfTheGranularity) {
  SeedWalk seed;
  const Walkthrough walk = seed.walk();
  const Geometry& g = seed.session.geometry;
  I18n english, chinese;
  const std::string dir = std::string(CONVSTEP_SOURCE_DIR) + "/assets/i18n/";
  ASSERT_TRUE(english.LoadFile(dir + "en.json"));
  ASSERT_TRUE(chinese.LoadFile(dir + "zh.json"));
  struct Case {
    Granularity granularity;
    int64_t step;
    const char* en;
    const char* zh;
  };
  // 6 taps per window, 4 windows per row, 8 rows per batch item, 6 batch items.
  const Case cases[] = {
      {Granularity::kTap, 8, "product 3 of 6", "第 3 / 6 个乘积"},       // window 1, tap 2
      {Granularity::kWindow, 5, "window 2 of 4", "第 2 / 4 个窗口"},     // y[0, 1, 1]
      {Granularity::kRow, 9, "row 2 of 8", "第 2 / 8 行"},               // y[1, 1, :]
      {Granularity::kBatch, 2, "batch item 3 of 6", "第 3 / 6 个样本"},  // y[2, :, :]
  };
  for (const Case& c : cases) {
    const StepState step = walk.State(c.step, c.granularity);
    EXPECT_EQ(StepUnitText(english, c.granularity, g, step), c.en);
    EXPECT_EQ(StepUnitText(chinese, c.granularity, g, step), c.zh);
  }
}

// The whole timeline at window granularity: the label counts windows, not products.
TEST(Timeline, TheTimelineAtWindowGranularityCountsWindows) {
  AppState app;
  testing::InitApp(app);
  testing::HeadlessUi ui;
  SetGranularity(app, Granularity::kWindow);
  SeekStep(app, 3);  // y[0, 0, 3], the row's last window
  for (int i = 0; i < 3; ++i) ui.Frame(app);
  const std::string text = testing::DrawnText("###timeline");  // drawn text has no spaces
  EXPECT_NE(text.find("window4of4"), std::string::npos) << text;
  EXPECT_EQ(text.find("product"), std::string::npos) << text;
  SetGranularity(app, Granularity::kTap);
  for (int i = 0; i < 3; ++i) ui.Frame(app);
  EXPECT_NE(testing::DrawnText("###timeline").find("product6of6"), std::string::npos);
}

}  // namespace
}  // namespace convstep::gui
