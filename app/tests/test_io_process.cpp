// The real executable under Xvfb: headless GIF and PNG-sequence exports (frame count read back
// with giflib), bad export requests exiting 2 with nothing written, --save-session feeding
// convstep-cli, and autosave surviving a kill -9 (restored with --restore-autosave). Every run
// gets its own XDG_CONFIG_HOME, so nothing touches the user's settings.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "gif_writer.h"
#include "support/process.h"
#include "support/x_server.h"

namespace {

namespace fs = std::filesystem;
using namespace convstep::process_test;  // Shell, Quote, App, ... (process_util.h)

// A folder of its own for each test, inside the build tree.
class Scratch : public convstep::test_support::Scratch {
 public:
  explicit Scratch(const std::string& name)
      : convstep::test_support::Scratch(std::string(CONVSTEP_TEST_OUTPUT_DIR) + "/io_process_" +
                                        name + "_" + std::to_string(getpid())) {}
  // The app with this folder's XDG_CONFIG_HOME, under Xvfb.
  std::string App(const std::string& args) const {
    return "XDG_CONFIG_HOME=" + Quote(path() + "/config") + " xvfb-run -a " +
           convstep::process_test::App() + " " + args;
  }
};

TEST(IoProcess, HeadlessGifExportHasOneFrameAStep) {
  ASSERT_TRUE(HaveXvfbRun()) << kNoXvfb;
  Scratch dir("gif");
  const ProcessRun run = Shell(dir.App("--export-gif " + Quote(dir / "seed.gif") +
                                       " --from 0 --to 24 --size 800x450 --delay 250"));
  ASSERT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("24 frames"), std::string::npos) << run.output;
  auto info = convstep::exporting::ReadGifInfo(dir / "seed.gif");
  ASSERT_TRUE(info) << info.error().OneLine();
  EXPECT_EQ(info->frames, 24);
  EXPECT_EQ(info->width, 800);
  EXPECT_EQ(info->height, 450);
  EXPECT_EQ(info->delay_ms, 250);
  // Only the sliding-window and dot-product panels, at window granularity.
  const ProcessRun panels = Shell(dir.App("--export-gif " + Quote(dir / "panels.gif") +
                                          " --granularity window --from 3 --to 8 --region panels"));
  ASSERT_EQ(panels.status, 0) << panels.output;
  auto cropped = convstep::exporting::ReadGifInfo(dir / "panels.gif");
  ASSERT_TRUE(cropped);
  EXPECT_EQ(cropped->frames, 5);
  EXPECT_LT(cropped->width, 1600);
  EXPECT_LT(cropped->height, 900);
  // Headless runs leave the config folder alone.
  EXPECT_TRUE(fs::is_empty(dir / "config"));
}

TEST(IoProcess, HeadlessPngSequence) {
  ASSERT_TRUE(HaveXvfbRun()) << kNoXvfb;
  Scratch dir("png");
  const ProcessRun run = Shell(
      dir.App("--export-png-dir " + Quote(dir / "frames") + " --from 10 --to 13 --size 640x360"));
  ASSERT_EQ(run.status, 0) << run.output;
  for (const char* name : {"frame_0000.png", "frame_0001.png", "frame_0002.png"})
    EXPECT_TRUE(fs::exists(dir / ("frames/" + std::string(name)))) << name;
  EXPECT_FALSE(fs::exists(dir / "frames/frame_0003.png"));
}

TEST(IoProcess, BadExportRequestsExitTwoAndWriteNothing) {
  Scratch dir("bad");
  const ProcessRun range =
      Shell(dir.App("--export-gif " + Quote(dir / "x.gif") + " --from 1150 --to 1200"));
  EXPECT_EQ(range.status, 2) << range.output;
  EXPECT_NE(range.output.find("1152 steps"), std::string::npos) << range.output;
  const ProcessRun folder =
      Shell(dir.App("--export-gif " + Quote(dir / "missing/x.gif") + " --to 3"));
  EXPECT_EQ(folder.status, 2) << folder.output;
  EXPECT_NE(folder.output.find("does not exist"), std::string::npos) << folder.output;
  const ProcessRun order =
      Shell(dir.App("--export-gif " + Quote(dir / "x.gif") + " --from 5 --to 5"));
  EXPECT_EQ(order.status, 2) << order.output;
  const ProcessRun alone = Shell(dir.App("--from 3"));
  EXPECT_EQ(alone.status, 2) << alone.output;
  EXPECT_FALSE(fs::exists(dir / "x.gif"));
  EXPECT_FALSE(fs::exists(dir / "x.gif.tmp"));
}

TEST(IoProcess, ASavedSessionRunsInTheCli) {
  Scratch dir("cli");
  const std::string spec = dir / "spec.json";
  std::ofstream(spec) << R"({"conv": {"in_channels": 2, "out_channels": 1, "kernel_size": 2,
    "bias": true}, "input": [[1, 2, 3], [4, 5, 6]], "weight": [[[1, 0], [0, 1]]], "bias": [0.5]})";
  const ProcessRun saved =
      Shell(App() + " --spec " + Quote(spec) + " --step 3 --save-session " + Quote(dir / "s.json"));
  ASSERT_EQ(saved.status, 0) << saved.output;
  const auto session = nlohmann::json::parse(ReadAll(dir / "s.json"));
  EXPECT_EQ(session["session"]["step"], 3);
  const ProcessRun cli = Shell(Quote(CONVSTEP_CLI) + " forward " + Quote(dir / "s.json"));
  ASSERT_EQ(cli.status, 0) << cli.output;
  // y[0, 0, t] = x[0, t] + x[1, t + 1] + 0.5
  EXPECT_EQ(nlohmann::json::parse(cli.output)["output"], nlohmann::json({{{6.5, 8.5}}}));
}

TEST(IoProcess, AnEditedSessionSurvivesKillMinusNine) {
  ASSERT_TRUE(HaveXvfbRun()) << kNoXvfb;
  Scratch dir("kill");
  const std::string spec = dir / "mine.json";
  std::ofstream(spec) << R"({"conv": {"in_channels": 3, "out_channels": 2, "kernel_size": 2},
    "input_layout": "NLC", "input": [[[1, 2, 3], [4, 5, 6], [7, 8, 9.25]]],
    "weight": [[[1, 0], [0, 1], [1, 1]], [[0.5, 0.5], [0, 0], [-1, 2]]]})";
  // The app runs interactively (a session differing from the default is autosaved); its pid
  // is written so that it, not xvfb-run, gets the kill -9.
  const std::string pid_file = dir / "app.pid";
  std::ofstream(dir / "run.sh") << App() << " --spec " << Quote(spec) << " & echo $! > "
                                << Quote(pid_file) << "; wait\n";
  const std::string command = "XDG_CONFIG_HOME=" + Quote(dir / "config") + " xvfb-run -a sh " +
                              Quote(dir / "run.sh") + " > /dev/null 2>&1 &";
  ASSERT_EQ(std::system(command.c_str()), 0);
  const std::string autosave_dir = dir / "config/convstep";
  std::string autosave;
  for (int i = 0; i < 200 && autosave.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(autosave_dir, ec))
      if (entry.path().filename().string().rfind("autosave-", 0) == 0 &&
          entry.path().extension() == ".json")
        autosave = entry.path().string();
  }
  ASSERT_FALSE(autosave.empty()) << "no autosave appeared in " << autosave_dir;
  const pid_t pid = static_cast<pid_t>(std::stol(ReadAll(pid_file)));
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  for (int i = 0; i < 50 && kill(pid, 0) == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(fs::exists(autosave)) << "kill -9 must leave the autosave behind";
  // The next start restores it (here without asking, for the test) and saves it as a session.
  const ProcessRun restored =
      Shell("XDG_CONFIG_HOME=" + Quote(dir / "config") + " " + App() +
            " --restore-autosave --save-session " + Quote(dir / "restored.json"));
  ASSERT_EQ(restored.status, 0) << restored.output;
  const auto session = nlohmann::json::parse(ReadAll(dir / "restored.json"));
  EXPECT_EQ(session["input"], nlohmann::json({{{1, 2, 3}, {4, 5, 6}, {7, 8, 9.25}}}));
  EXPECT_EQ(session["weight"][1][2], nlohmann::json({-1, 2}));
  EXPECT_FALSE(fs::exists(autosave)) << "restored: the orphan is taken over";
  // Nothing left to restore now.
  const ProcessRun again = Shell("XDG_CONFIG_HOME=" + Quote(dir / "config") + " " + App() +
                                 " --restore-autosave --save-session " + Quote(dir / "again.json"));
  EXPECT_EQ(again.status, 2) << again.output;
  EXPECT_NE(again.output.find("no autosave"), std::string::npos) << again.output;
}

// Ctrl+C (SIGINT) or kill (SIGTERM) in the middle of a headless export: the job is cancelled,
// the temporary GIF or the frames already written are removed, and the exit status is 130.
TEST(IoProcess, AnInterruptedExportLeavesNothingBehind) {
  Scratch dir("interrupt");
  XvfbServer server(dir / "xvfb.log");
  ASSERT_FALSE(server.display().empty()) << "Xvfb did not start (is it installed?)";
  struct Case {
    const char* flag;
    std::string target;   // the path given to the flag
    std::string appears;  // a file whose appearance shows the export is under way
    int signal_number;
  };
  const Case cases[] = {
      {"--export-gif", dir / "long.gif", dir / "long.gif.tmp", SIGINT},
      {"--export-png-dir", dir / "frames", dir / "frames/frame_0002.png", SIGTERM},
  };
  fs::create_directories(dir / "frames");
  for (const Case& c : cases) {
    // The seed example has 1,152 steps: exporting them all takes far longer than the wait.
    Spawned app(
        {CONVSTEP_APP, c.flag, c.target, "--from", "0", "--to", "1152", "--size", "640x360"},
        {"DISPLAY=" + server.display(), "XDG_CONFIG_HOME=" + (dir / "config")}, dir / "out.txt",
        dir / "err.txt");
    ASSERT_GT(app.pid(), 0);
    ASSERT_TRUE(WaitForFile(c.appears, app, 60))
        << c.flag << ": the export never started" << ReadAll(dir / "err.txt");
    kill(app.pid(), c.signal_number);
    const std::optional<int> status = app.Wait(60);
    const std::string err = ReadAll(dir / "err.txt");
    ASSERT_TRUE(status && WIFEXITED(*status)) << c.flag << ": " << DescribeStatus(status) << err;
    EXPECT_EQ(WEXITSTATUS(*status), 130) << err;
    EXPECT_NE(err.find("export interrupted"), std::string::npos) << err;
    EXPECT_FALSE(fs::exists(dir / "long.gif"));
    EXPECT_FALSE(fs::exists(dir / "long.gif.tmp"));
    EXPECT_TRUE(fs::is_empty(dir / "frames")) << c.flag << ": frames left behind";
  }
}

// The X server of a headless export dies mid-way: the export stops, removes its temporary GIF
// and exits with the lost-display status (3) and one line, not Xlib's exit(1).
TEST(IoProcess, AnExportWhoseDisplayDiesLeavesNothingBehind) {
  Scratch dir("display_lost");
  XvfbServer server(dir / "xvfb.log");
  ASSERT_FALSE(server.display().empty()) << "Xvfb did not start (is it installed?)";
  Spawned app({CONVSTEP_APP, "--export-gif", dir / "long.gif", "--from", "0", "--to", "1152",
               "--size", "640x360"},
              {"DISPLAY=" + server.display(), "XDG_CONFIG_HOME=" + (dir / "config")},
              dir / "out.txt", dir / "err.txt");
  ASSERT_GT(app.pid(), 0);
  ASSERT_TRUE(WaitForFile(dir / "long.gif.tmp", app, 60))
      << "the export never started" << ReadAll(dir / "err.txt");
  server.Kill9();
  const std::optional<int> status = app.Wait(60);
  const std::string err = ReadAll(dir / "err.txt");
  ASSERT_TRUE(status && WIFEXITED(*status)) << DescribeStatus(status) << err;
  EXPECT_EQ(WEXITSTATUS(*status), 3) << err;
  EXPECT_NE(err.find("the export was stopped and its unfinished files removed"), std::string::npos)
      << err;
  EXPECT_FALSE(fs::exists(dir / "long.gif.tmp"));
  EXPECT_FALSE(fs::exists(dir / "long.gif"));
}

}  // namespace
