// Numbers, the L_out formula with its numbers, and the tiling of the window.
#include <gtest/gtest.h>

#include "model/format.h"
#include "support/headless_ui.h"
#include "ui/layout.h"
#include "ui/panels/formula_panel.h"

namespace convstep::gui {
namespace {

TEST(Format, ValuesAsTorchPrintsThem) {
  NumberStyle decimals;
  EXPECT_STREQ(FormatValue(-1.5697f, decimals).c_str(), "-1.5697");
  EXPECT_STREQ(FormatValue(0.45214f, decimals).c_str(), "0.4521");
  EXPECT_STREQ(FormatValue(-0.00001f, decimals).c_str(), "0.0000");  // no "-0.0000"
  EXPECT_STREQ(FormatValue(123456.f, decimals).c_str(), "1.23e+05");
  NumberStyle integers;
  integers.integers = true;
  EXPECT_STREQ(FormatValue(-3.f, integers).c_str(), "-3");
  EXPECT_STREQ(FormatValue(89.f, integers).c_str(), "89");
}

TEST(Format, StylesAndCounts) {
  const NumberStyle ints = StyleOf(Tensor{{3}, {0.f, -2.f, 7.f}});
  EXPECT_TRUE(ints.integers);
  EXPECT_FLOAT_EQ(ints.abs_max, 7.f);
  const NumberStyle zeros = StyleOf(Tensor{{2}, {0.f, 0.f}});
  EXPECT_FLOAT_EQ(zeros.abs_max, 1.f);  // never a zero colour scale
  EXPECT_FALSE(StyleOf(Tensor{{2}, {0.5f, 1.f}}).integers);
  EXPECT_EQ(FormatCount(1152), "1,152");
  EXPECT_EQ(FormatCount(1339555840), "1,339,555,840");
  EXPECT_EQ(FormatCount(7), "7");
}

TEST(Format, LengthFormulaWithTheLiveNumbers) {
  auto seed = BuildSession(testing::ArangeSeedRecipe());
  ASSERT_TRUE(seed);
  EXPECT_EQ(LengthFormulaNumbers(seed->geometry), "⌊(5 + 2·0 − 1·(2 − 1) − 1) / 1⌋ + 1 = 4");
  Recipe same = testing::ArangeSeedRecipe();
  same.spec.kernel_size = 4;
  same.spec.padding_kind = PaddingKind::kSame;  // 3 cells: 1 left, 2 right
  auto built = BuildSession(same);
  ASSERT_TRUE(built) << built.error().OneLine();
  EXPECT_EQ(LengthFormulaNumbers(built->geometry), "⌊(5 + 1 + 2 − 1·(4 − 1) − 1) / 1⌋ + 1 = 5");
  Recipe strided = testing::ArangeSeedRecipe();
  strided.length = 9;
  strided.spec.kernel_size = 3;
  strided.spec.stride = 2;
  strided.spec.padding = 2;
  strided.spec.dilation = 2;
  built = BuildSession(strided);
  ASSERT_TRUE(built);
  EXPECT_EQ(LengthFormulaNumbers(built->geometry), "⌊(9 + 2·2 − 2·(3 − 1) − 1) / 2⌋ + 1 = 5");
}

TEST(Layout, TilesTheDisplayAtEverySize) {
  for (const ImVec2 display :
       {ImVec2(1280, 720), ImVec2(1600, 900), ImVec2(1920, 1080), ImVec2(3840, 2160)}) {
    const Layout layout = ComputeLayout(display, 22.f, 18.f, PanelVisibility{});
    const PanelRect* rects[] = {&layout.parameters,  &layout.formula,  &layout.input,
                                &layout.permute,     &layout.kernels,  &layout.window,
                                &layout.dot_product, &layout.output,   &layout.timeline,
                                &layout.side_tabs,   &layout.view_tabs};
    float area = 0.f;
    for (const PanelRect* rect : rects) {
      EXPECT_TRUE(rect->visible);
      EXPECT_GE(rect->pos.x, 0.f);
      EXPECT_LE(rect->pos.x + rect->size.x, display.x + 0.5f);
      EXPECT_LE(rect->pos.y + rect->size.y, display.y + 0.5f);
      area += rect->size.x * rect->size.y;
    }
    EXPECT_NEAR(area, display.x * (display.y - 22.f), display.x * 8.f);  // tiles, no gaps
  }
}

TEST(Layout, HiddenPanelsGiveTheirRoomToTheOthers) {
  PanelVisibility show;
  show.parameters = false;
  show.dot_product = false;
  const Layout layout = ComputeLayout(ImVec2(1600, 900), 22.f, 18.f, show);
  EXPECT_FALSE(layout.parameters.visible);
  EXPECT_FALSE(layout.dot_product.visible);
  EXPECT_FLOAT_EQ(layout.formula.pos.x, 0.f);
  EXPECT_NEAR(layout.window.size.x + layout.output.size.x, 1600.f, 2.f);
}

TEST(Layout, TextFollowsTheWindowWithinLimits) {
  AppState app;
  SetDisplaySize(app, 1600.f, 900.f);
  EXPECT_FLOAT_EQ(app.view.display_factor, 1.f);
  SetDisplaySize(app, 1280.f, 720.f);
  EXPECT_FLOAT_EQ(app.view.display_factor, 0.8125f);
  EXPECT_TRUE(app.view.fonts_dirty);
  SetDisplaySize(app, 3840.f, 2160.f);
  EXPECT_FLOAT_EQ(app.view.display_factor, 1.25f);
  SetDisplaySize(app, 640.f, 480.f);
  EXPECT_FLOAT_EQ(app.view.display_factor, 0.75f);
  app.view.content_scale = 2.f;
  EXPECT_FLOAT_EQ(AppFontPixels(app), 27.f);  // 18 * 2 * 0.75
}

}  // namespace
}  // namespace convstep::gui
