// `convstep --link` on the real executable: a link's screen is what --save-session writes (no
// display needed), and a bad link warns in one line and opens the seed example, as a page does.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/process.h"

namespace {

using namespace convstep::process_test;  // Shell, App, ... (process.h)

nlohmann::json SavedSession(const std::string& link, const std::string& name, ProcessRun* run) {
  const std::string path = std::string(CONVSTEP_TEST_OUTPUT_DIR) + "/" + name;
  std::filesystem::remove(path);
  *run = Shell(App() + " --no-settings --link '" + link + "' --save-session '" + path + "'");
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return nlohmann::json::parse(text.str(), nullptr, false);
}

TEST(ShareLinkProcess, LinkOpensItsScreen) {
  ProcessRun run;
  const nlohmann::json saved = SavedSession(
      "#conv=4,6,3&stride=2&pad=1&shape=2,9&values=arange&seed=5&step=7&gran=window&lang=en",
      "link_screen.json", &run);
  ASSERT_EQ(run.status, 0) << run.output;
  ASSERT_TRUE(saved.is_object()) << run.output;
  EXPECT_EQ(saved["conv"]["in_channels"], 4);
  EXPECT_EQ(saved["conv"]["out_channels"], 6);
  EXPECT_EQ(saved["conv"]["kernel_size"], 3);
  EXPECT_EQ(saved["conv"]["stride"], 2);
  EXPECT_EQ(saved["conv"]["padding"], 1);
  EXPECT_EQ(saved["input_shape"], nlohmann::json::parse("[2, 9, 4]"));
  EXPECT_EQ(saved["values"], "arange");
  EXPECT_EQ(saved["session"]["step"], 7);
  EXPECT_EQ(saved["session"]["granularity"], "window");
}

TEST(ShareLinkProcess, ABadLinkWarnsAndOpensTheSeedExample) {
  ProcessRun run;
  const nlohmann::json saved = SavedSession("#conv=3,8,2&stride=0&step=4", "link_bad.json", &run);
  ASSERT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("convstep: warning: --link: the link's layer: non-positive stride"),
            std::string::npos)
      << run.output;
  ASSERT_TRUE(saved.is_object()) << run.output;
  EXPECT_EQ(saved["conv"]["in_channels"], 3);
  EXPECT_EQ(saved["conv"]["stride"], 1);
  EXPECT_EQ(saved["conv"]["bias"], false);
  EXPECT_EQ(saved["session"]["step"], 0);
  const ProcessRun both = Shell(App() + " --link '#conv=3,8,2' --lesson 4");
  EXPECT_EQ(both.status, 2);
  EXPECT_NE(both.output.find("excludes"), std::string::npos) << both.output;
}

}  // namespace
