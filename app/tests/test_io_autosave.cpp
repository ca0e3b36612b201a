// Never losing work: settings in $XDG_CONFIG_HOME/convstep (never the working directory),
// autosave after every edit (temporary file + rename), the restore offer after a crash, and
// a clean exit that leaves nothing behind. Each test uses its own XDG_CONFIG_HOME.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "convstep/thread_pool.h"
#include "state/autosave.h"
#include "state/background.h"
#include "state/cell_edit.h"
#include "state/language.h"
#include "state/settings.h"
#include "support/app_files.h"
#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

namespace fs = std::filesystem;
using testing::ScopedEnv;
using testing::TempDir;

// A pid that runs no process (pid_max is at most 2^22).
constexpr long kDeadPid = 4194303 + 1000;

TEST(Settings, LiveInTheXdgConfigFolderAndComeBack) {
  TempDir config;
  ScopedEnv xdg("XDG_CONFIG_HOME", config.path());
  EXPECT_EQ(ConfigDir(), config.path() + "/convstep");
  {
    ScopedEnv relative("XDG_CONFIG_HOME", "relative/dir");  // not absolute: ignored (XDG spec)
    ScopedEnv home("HOME", "/home/someone");
    EXPECT_EQ(ConfigDir(), "/home/someone/.config/convstep");
  }
  AppState app;
  testing::InitApp(app);
  LoadSettings(app, ConfigDir());
  EXPECT_EQ(app.files.settings.ini_path, config.path() + "/convstep/imgui.ini");
  SetTextScale(app, 1.5f);
  app.view.colormap = ColorMap::kBlueRed;
  app.view.show_numbers = false;
  app.view.show.permute = false;
  app.files.settings.window_width = 1280;
  app.files.settings.window_height = 720;
  SetBuildThreadsSetting(app, 3);
  ASSERT_TRUE(SaveSettingsIfChanged(app));
  ASSERT_TRUE(fs::exists(config.path() + "/convstep/settings.json"));
  EXPECT_FALSE(fs::exists(config.path() + "/convstep/settings.json.tmp"));

  AppState next;
  testing::InitApp(next);
  LoadSettings(next, ConfigDir());
  EXPECT_EQ(next.view.text_scale, 1.5f);
  EXPECT_EQ(next.view.colormap, ColorMap::kBlueRed);
  EXPECT_FALSE(next.view.show_numbers);
  EXPECT_FALSE(next.view.show.permute);
  EXPECT_EQ(next.files.settings.window_width, 1280);
  EXPECT_EQ(next.files.settings.window_height, 720);
  EXPECT_EQ(next.build.threads_setting, 3);
  EXPECT_EQ(BuildThreads(next), 3);
  EXPECT_TRUE(next.notice.empty()) << next.notice;
}

// A settings file kept elsewhere and linked in (as dotfile managers do) stays a link: the
// new settings go to the file it names.
TEST(Settings, ALinkedSettingsFileIsWrittenThroughItsLink) {
  TempDir config, kept;
  fs::create_directories(config.path() + "/convstep");
  const std::string target = kept.Write("settings.json", "{}\n");
  const std::string link = config.path() + "/convstep/settings.json";
  fs::create_symlink(target, link);
  AppState app;
  testing::InitApp(app);
  LoadSettings(app, config.path() + "/convstep");
  SetTextScale(app, 1.5f);
  ASSERT_TRUE(SaveSettingsIfChanged(app)) << app.files.settings.error;
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(nlohmann::json::parse(testing::ReadAll(target))["text_scale"], 1.5);
  EXPECT_FALSE(fs::exists(config.path() + "/convstep/settings.json.tmp"));
}

// A folder where settings.json should be is reported, not replaced.
TEST(Settings, AFolderInPlaceOfTheSettingsFileIsReported) {
  TempDir config;
  fs::create_directories(config.path() + "/convstep/settings.json");
  AppState app;
  testing::InitApp(app);
  LoadSettings(app, config.path() + "/convstep");
  SetTextScale(app, 1.5f);
  EXPECT_FALSE(SaveSettingsIfChanged(app));
  EXPECT_NE(app.files.settings.error.find("directory"), std::string::npos)
      << app.files.settings.error;
  EXPECT_TRUE(fs::is_directory(config.path() + "/convstep/settings.json"));
}

TEST(Settings, BuildThreadsComeFromTheFlagTheSettingOrAllCores) {
  AppState app;
  testing::InitApp(app);
  EXPECT_EQ(BuildThreads(app), HardwareThreads());  // nothing set: all cores
  SetBuildThreadsSetting(app, 2);
  EXPECT_EQ(BuildThreads(app), 2);
  app.build.threads_override = 5;  // --threads 5, for this run
  EXPECT_EQ(BuildThreads(app), 5);
  SetBuildThreadsSetting(app, 1);  // a choice in the menu replaces the flag
  EXPECT_EQ(BuildThreads(app), 1);
  EXPECT_EQ(app.build.threads_override, 0);
  auto bad = ApplySettingsJson(app, nlohmann::json{{"threads", -2}});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().OneLine().find("threads"), std::string::npos) << bad.error().OneLine();
  EXPECT_EQ(app.build.threads_setting, 1);  // unchanged
  ASSERT_TRUE(ApplySettingsJson(app, nlohmann::json{{"threads", 0}}));
  EXPECT_EQ(BuildThreads(app), HardwareThreads());
}

TEST(Settings, TheLanguageRememberedIsTheMenusChoiceNotAOneRunLang) {
  TempDir config;
  const std::string dir = config.path() + "/convstep";
  AppState app;
  testing::InitApp(app);
  app.teach.settings_dir = dir;
  LoadSettings(app, dir);
  ASSERT_TRUE(SaveSettingsIfChanged(app));
  if (!SetLanguage(app, "zh")) GTEST_SKIP() << "no CJK font: Chinese cannot be shown here";
  // Like --lang zh: this run is in Chinese, the next start is not.
  ASSERT_TRUE(SaveSettingsIfChanged(app));
  auto saved = nlohmann::json::parse(testing::ReadAll(dir + "/settings.json"));
  EXPECT_EQ(saved["language"], "en");
  // The Language menu remembers (language.json), and settings.json follows.
  ASSERT_TRUE(PickLanguage(app, "en"));
  ASSERT_TRUE(PickLanguage(app, "zh"));
  ASSERT_TRUE(SaveSettingsIfChanged(app));
  saved = nlohmann::json::parse(testing::ReadAll(dir + "/settings.json"));
  EXPECT_EQ(saved["language"], "zh");
}

TEST(Settings, ABrokenSettingsFileIsReportedAndTheDefaultsKept) {
  TempDir config;
  fs::create_directories(config.path() + "/convstep");
  for (const char* broken :
       {"{\"text_scale\": ", "{\"text_scale\": 12}", "{\"colormap\": \"rainbow\"}", "[1, 2]",
        "{\"panels\": {\"input\": \"yes\"}}"}) {
    SCOPED_TRACE(broken);
    config.Write("convstep/settings.json", broken);
    AppState app;
    testing::InitApp(app);
    LoadSettings(app, config.path() + "/convstep");
    EXPECT_EQ(app.view.text_scale, 1.f);
    EXPECT_EQ(app.view.colormap, ColorMap::kBlueOrange);
    EXPECT_TRUE(app.view.show.input);
    EXPECT_NE(app.notice.find("settings.json"), std::string::npos) << app.notice;
    EXPECT_EQ(testing::ReadAll(config / "convstep/settings.json"), broken) << "overwritten";
  }
}

TEST(Autosave, NothingIsWrittenUntilTheSessionChanges) {
  TempDir config;
  AppState app;
  testing::InitApp(app);
  StartAutosave(app, config.path(), true);
  EXPECT_FALSE(app.files.autosave.offer_open);
  EXPECT_FALSE(AutosaveTick(app, 10.0));
  SeekStep(app, 3);  // moving along the timeline is not an edit
  EXPECT_FALSE(AutosaveTick(app, 20.0));
  EXPECT_FALSE(fs::exists(app.files.autosave.path));
}

TEST(Autosave, EveryEditIsSavedAndRestoredAfterACrash) {
  TempDir config;
  Tensor edited_input, edited_weight;
  std::string orphan;
  {
    AppState app;
    testing::InitApp(app);
    StartAutosave(app, config.path(), true);
    EXPECT_EQ(app.files.autosave.path, config / ("autosave-" + std::to_string(getpid()) + ".json"));
    ASSERT_TRUE(SetCellValue(app, CellRef{EditedTensor::kInput, 1, 2, 0}, 9.f));
    EXPECT_TRUE(AutosaveTick(app, 100.0));
    ASSERT_TRUE(fs::exists(app.files.autosave.path));
    // A second edit right away waits for the interval, then goes out.
    ASSERT_TRUE(SetCellValue(app, CellRef{EditedTensor::kWeight, 4, 1, 1}, -2.f));
    EXPECT_FALSE(AutosaveTick(app, 100.0 + kAutosaveInterval / 2));
    EXPECT_TRUE(AutosaveTick(app, 100.0 + kAutosaveInterval * 2));
    EXPECT_FALSE(fs::exists(app.files.autosave.path + ".tmp"));
    edited_input = app.session->input_given;
    edited_weight = app.session->problem.weight;
    // The crash: the file stays behind, under the name of a process that no longer runs.
    orphan = config / ("autosave-" + std::to_string(kDeadPid) + ".json");
    fs::rename(app.files.autosave.path, orphan);
  }
  AppState next;
  testing::InitApp(next);
  StartAutosave(next, config.path(), true);
  ASSERT_EQ(next.files.autosave.orphans, std::vector<std::string>{orphan});
  EXPECT_TRUE(next.files.autosave.offer_open);
  ASSERT_TRUE(RestoreAutosave(next, orphan));
  EXPECT_EQ(next.session->input_given.data, edited_input.data);
  EXPECT_EQ(next.session->problem.weight.data, edited_weight.data);
  EXPECT_TRUE(next.session->recipe.edited);
  EXPECT_FALSE(fs::exists(orphan));         // restored: it is this run's session now
  EXPECT_TRUE(AutosaveTick(next, 1000.0));  // and this run saves it under its own name
  EXPECT_TRUE(fs::exists(next.files.autosave.path));
  FinishAutosave(next);  // a clean exit leaves nothing
  EXPECT_FALSE(fs::exists(next.files.autosave.path));
  EXPECT_TRUE(FindOrphanAutosaves(config.path()).empty());
}

TEST(Autosave, ARunningInstancesFileIsNotAnOrphanAndDeclinedOnesAreKept) {
  TempDir config;
  // This process is alive: its own name is never offered to itself or others.
  config.Write("autosave-" + std::to_string(getpid()) + ".json", "{}");
  config.Write("autosave-" + std::to_string(kDeadPid) + ".json", "{\"conv\": {}}");
  config.Write("autosave-notapid.json", "{}");
  config.Write("settings.json", "{}");
  const auto orphans = FindOrphanAutosaves(config.path());
  ASSERT_EQ(orphans.size(), 1u);
  EXPECT_EQ(AutosavePid(orphans[0]), kDeadPid);
  AppState app;
  testing::InitApp(app);
  StartAutosave(app, config.path(), true);
  DiscardAutosave(app, orphans[0]);
  EXPECT_FALSE(fs::exists(orphans[0]));
  EXPECT_TRUE(fs::exists(config / "autosave-declined.json"));
  EXPECT_TRUE(app.files.autosave.orphans.empty());
}

TEST(Autosave, ABrokenAutosaveIsReportedAndKept) {
  TempDir config;
  const std::string orphan =
      config.Write("autosave-" + std::to_string(kDeadPid) + ".json", "{\"conv\": {\"in_ch");
  AppState app;
  testing::InitApp(app);
  StartAutosave(app, config.path(), true);
  const testing::ScreenSnapshot before = testing::ScreenSnapshot::Of(app);
  auto restored = RestoreAutosave(app, orphan);
  ASSERT_FALSE(restored);
  EXPECT_NE(restored.error().message.find("malformed JSON"), std::string::npos);
  EXPECT_TRUE(before == testing::ScreenSnapshot::Of(app));
  EXPECT_TRUE(fs::exists(orphan));
}

}  // namespace
}  // namespace convstep::gui
