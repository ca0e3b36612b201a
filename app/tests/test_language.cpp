// Two languages: the live switch, the remembered choice in its own file, --lang and
// --lesson, the CJK font (every Chinese character in use has a glyph, the atlas stays small
// and quick to build) and the fallback to English when no CJK font exists.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "platform/options.h"
#include "state/language.h"
#include "support/files.h"
#include "support/headless_ui.h"
#include "ui/fonts.h"

namespace convstep::gui {
namespace {

using convstep::test_support::ScopedEnv;
using testing::HeadlessUi;

// --- Languages and fonts ------------------------------------------------------------------

TEST(Language, ChooseFallsBackToEnglishWithoutAFont) {
  EXPECT_EQ(ChooseLanguage("zh", true), "zh");
  EXPECT_EQ(ChooseLanguage("zh", false), "en");
  EXPECT_EQ(ChooseLanguage("en", false), "en");
  EXPECT_EQ(ChooseLanguage("fr", true), "en");
  ASSERT_NE(FindLanguage("zh"), nullptr);
  EXPECT_TRUE(FindLanguage("zh")->needs_cjk);
  EXPECT_EQ(FindLanguage("xx"), nullptr);
}

TEST(Language, SwitchesLiveAndTheFontHoldsEveryChineseCharacterInUse) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  ui.Frame(app);
  ASSERT_TRUE(SetLanguage(app, "zh"));
  EXPECT_EQ(app.i18n.language(), "zh");
  EXPECT_STREQ(Tr(app.i18n, "panel.kernels"), "卷积核组");
  EXPECT_TRUE(app.view.fonts_dirty);
  ui.Frame(app);  // rebuilds the fonts with the Chinese glyphs
  EXPECT_FALSE(app.fonts.cjk_file.empty());
  EXPECT_GT(app.fonts.cjk_glyphs, 300);
  // Every character of the table has a glyph in the UI and bold faces: no boxes, no '?'.
  std::string all;
  for (const auto& [key, text] : app.i18n.entries()) all += text;
  EXPECT_FALSE(FontLacksGlyphs(app.fonts.ui, all));
  EXPECT_FALSE(FontLacksGlyphs(app.fonts.bold, all));
  // Only the glyphs in use: the atlas stays small.
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  EXPECT_LE(static_cast<int64_t>(atlas->TexWidth) * atlas->TexHeight, 4096 * 4096);
  ASSERT_TRUE(SetLanguage(app, "en"));
  EXPECT_STREQ(Tr(app.i18n, "panel.kernels"), "Kernel bank");
  ui.Frame(app);
  // English asks only for the menu's "简体中文", the blog post's title 《Pytorch之nn.Conv1d学习个人
  // 见解》 and the few symbols (→, ×, ⌊) its text uses: tens of glyphs, not thousands.
  EXPECT_LT(app.fonts.cjk_glyphs, 50);
}

// Building the atlas with the Chinese table stays fast and small (printed for the record).
// Every preset has its title in each language: in Chinese the menu and the Presets list read
// Chinese; in English they read the preset file's own title.
TEST(Language, PresetTitlesAreTranslated) {
  AppState app;
  testing::InitApp(app);
  ASSERT_GE(app.presets.size(), 8u);
  for (const Preset& preset : app.presets)
    EXPECT_EQ(PresetTitle(app.i18n, preset), preset.title) << preset.name;
  if (!SetLanguage(app, "zh")) GTEST_SKIP() << "no CJK font: Chinese cannot be shown here";
  for (const Preset& preset : app.presets) {
    const std::string title = PresetTitle(app.i18n, preset);
    EXPECT_NE(title, preset.title) << preset.name;
    EXPECT_TRUE(app.i18n.Find("preset." + preset.name)) << preset.name << " has no zh title";
  }
}

TEST(Language, TheChineseAtlasIsSmallAndQuickToBuild) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  for (const char* language : {"en", "zh"}) {
    ASSERT_TRUE(SetLanguage(app, language));
    const auto start = std::chrono::steady_clock::now();
    LoadAppFonts(app, ImGui::GetIO().Fonts);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::cout << language << ": fonts built in " << ms << " ms, atlas " << width << "x" << height
              << ", " << app.fonts.cjk_glyphs << " CJK glyphs\n";
    EXPECT_LT(ms, 2000.0);
    EXPECT_LE(static_cast<int64_t>(width) * height, 2048 * 2048);  // 16 MB of RGBA at most
  }
}

TEST(Language, WithoutACjkFontChineseFallsBackToEnglishWithANotice) {
  ScopedEnv no_font("CONVSTEP_CJK_FONT", "none");
  EXPECT_FALSE(FindCjkFont(false).found());
  AppState app;
  testing::InitApp(app);
  EXPECT_FALSE(SetLanguage(app, "zh"));
  EXPECT_EQ(app.teach.language, "en");
  EXPECT_EQ(app.i18n.language(), "en");
  EXPECT_TRUE(app.teach.cjk_font_missing);
  EXPECT_NE(app.notice.find("CJK font"), std::string::npos) << app.notice;
  HeadlessUi ui;
  ui.Frame(app);
  EXPECT_TRUE(app.fonts.cjk_file.empty());
  EXPECT_FALSE(FontLacksGlyphs(app.fonts.ui, Tr(app.i18n, "notice.no_cjk_font")));
}

TEST(Language, TheChoiceIsRememberedInItsOwnFile) {
  const test_support::TempDir temp;
  const std::string dir = temp.path();
  const std::string path = LanguageSettingPath(dir);
  EXPECT_EQ(path, dir + "/language.json");
  EXPECT_FALSE(ReadLanguageSetting(path));
  ASSERT_TRUE(WriteLanguageSetting(path, "zh"));
  EXPECT_EQ(ReadLanguageSetting(path).value_or(""), "zh");
  {
    std::ofstream broken(path);
    broken << "{\"language\": \"klingon\"}";
  }
  EXPECT_FALSE(ReadLanguageSetting(path));
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", dir.c_str());
    EXPECT_EQ(LanguageSettingPath(), dir + "/convstep/language.json");
    AppState app;
    testing::InitApp(app);
    ASSERT_TRUE(PickLanguage(app, "zh"));
    EXPECT_EQ(ReadLanguageSetting(LanguageSettingPath()).value_or(""), "zh");
  }
  std::filesystem::remove_all(dir);
}

// A folder that cannot be written: the language still changes for this run, and the notice
// says, in the new language, that the choice was not saved.
TEST(Language, AChoiceThatCannotBeSavedIsSaidInTheNewLanguage) {
  const test_support::TempDir temp;
  const std::string dir = temp.path();
  { std::ofstream blocker(dir + "/convstep"); }  // a file where the folder should be
  ScopedEnv xdg("XDG_CONFIG_HOME", dir.c_str());
  AppState app;
  testing::InitApp(app);
  if (!CjkFontAvailable(app)) GTEST_SKIP() << "no CJK font installed";
  ASSERT_TRUE(PickLanguage(app, "zh"));
  EXPECT_EQ(app.teach.language, "zh");
  EXPECT_NE(app.notice.find("无法保存语言选择"), std::string::npos) << app.notice;
  EXPECT_NE(app.notice.find(dir), std::string::npos) << app.notice;
  std::filesystem::remove_all(dir);
}

TEST(Language, OptionsLessonAndLang) {
  const char* good[] = {"convstep", "--lesson", "4", "--lang", "zh"};
  const ParsedOptions parsed = ParseOptions(5, good);
  ASSERT_FALSE(parsed.exit) << parsed.error;
  EXPECT_EQ(parsed.options.lesson, 4);
  EXPECT_EQ(parsed.options.language, "zh");
  const char* bad_lang[] = {"convstep", "--lang", "fr"};
  EXPECT_EQ(ParseOptions(3, bad_lang).exit_code, kUsageError);
  const char* bad_lesson[] = {"convstep", "--lesson", "0"};
  EXPECT_EQ(ParseOptions(3, bad_lesson).exit_code, kUsageError);
}

}  // namespace
}  // namespace convstep::gui
