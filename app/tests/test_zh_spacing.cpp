// Chinese text puts a space between Han characters and Latin letters or digits: every entry of
// zh.json, and messages with values filled in (a share link's bad value, an overflowing quantity).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "convstep/geometry.h"
#include "model/i18n.h"
#include "state/share_link.h"
#include "support/han_latin.h"
#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

using testing::HanTouchingLatin;

// True when `text` holds a CJK ideograph (U+4E00..U+9FFF: a first byte E4..E9).
bool HasHan(const std::string& text) {
  for (unsigned char byte : text)
    if (byte >= 0xE4 && byte <= 0xE9) return true;
  return false;
}

TEST(I18n, ChineseTextPutsASpaceBetweenHanAndLatin) {
  EXPECT_EQ(HanTouchingLatin("不是steps").size(), 1u);  // the check finds what it should
  EXPECT_EQ(HanTouchingLatin("第2 行").size(), 1u);
  EXPECT_TRUE(HanTouchingLatin("不是 steps，第 2 行：'five'").empty());
  I18n chinese;
  ASSERT_TRUE(chinese.LoadFile(std::string(CONVSTEP_SOURCE_DIR) + "/assets/i18n/zh.json"));
  std::string problems;
  for (const auto& [key, text] : chinese.entries())
    for (const std::string& place : HanTouchingLatin(text)) problems += key + ": " + place + "\n";
  EXPECT_TRUE(problems.empty()) << problems;
}

// A value filled into a Chinese sentence keeps the space too: a share link's bad view names the
// choices after 不是 ("不是以下之一：steps, code, ...", not "不是steps"), and a quantity written
// in Latin is set apart from the Han after it.
TEST(I18n, ValuesFilledIntoChineseSentencesKeepTheSpace) {
  AppState app;
  testing::InitApp(app);
  I18n chinese;
  ASSERT_TRUE(chinese.LoadFile(std::string(CONVSTEP_SOURCE_DIR) + "/assets/i18n/zh.json"));
  for (const char* fragment :
       {"conv=3,8,2&view=notes", "conv=3,8,2&seed=x", "conv=3,8,2&gran=day"}) {
    const Result<bool> applied = ApplyShareFragment(app, fragment);
    ASSERT_FALSE(applied) << fragment;
    const std::string message = LocalizedMessage(chinese, applied.error());
    EXPECT_TRUE(HasHan(message)) << message;
    EXPECT_EQ(HanTouchingLatin(message), std::vector<std::string>()) << message;
    EXPECT_NE(message.find("不是"), std::string::npos) << message;
  }
  // A quantity named in Latin inside a Chinese sentence: "... + 1 超出", not "+ 1超出".
  Conv1dSpec spec;
  spec.in_channels = 3;
  spec.out_channels = 8;
  spec.kernel_size = 2;
  spec.padding = INT64_MAX / 2;
  const auto overflow = Validate(spec, {6, 3, 5});
  ASSERT_FALSE(overflow);
  EXPECT_EQ(overflow.error().message_key, "param_overflow") << overflow.error().message;
  const std::string overflow_text = LocalizedMessage(chinese, overflow.error());
  EXPECT_EQ(HanTouchingLatin(overflow_text), std::vector<std::string>()) << overflow_text;
  const Result<bool> view = ApplyShareFragment(app, "conv=3,8,2&view=notes");
  EXPECT_NE(LocalizedMessage(chinese, view.error()).find("view=notes 不是以下之一：steps"),
            std::string::npos)
      << LocalizedMessage(chinese, view.error());
}

}  // namespace
}  // namespace convstep::gui
