// The real executable writing to targets it must not harm: a folder, a named pipe, a missing
// folder, an empty name or earlier frames given to --export-gif, --export-png-dir, --screenshot
// or --save-session are refused with one line naming the path and what would be right, exit
// status 2, before any window opens (these runs have no display at all) and with the target left
// as it was; a link given to --save-session is written through to its file; a write that fails
// midway (a file size limit standing in for a full disk) is reported with the reason, exit 1.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/process.h"
#include "support/x_server.h"

namespace {

namespace fs = std::filesystem;
using namespace convstep::process_test;  // Shell, Quote, App, ...

// A folder of its own for each test, inside the build tree.
class Scratch : public convstep::test_support::Scratch {
 public:
  explicit Scratch(const std::string& name)
      : convstep::test_support::Scratch(std::string(CONVSTEP_TEST_OUTPUT_DIR) + "/targets_" + name +
                                        "_" + std::to_string(getpid())) {}
  // The app without a display (a refusal must come before any window), run in this folder.
  ProcessRun Run(const std::string& args) const {
    return Shell("cd " + Quote(path()) + " && env -u DISPLAY XDG_CONFIG_HOME=" +
                 Quote(path() + "/config") + " " + App() + " --no-settings " + args);
  }
};

bool IsFifo(const std::string& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0 && S_ISFIFO(info.st_mode);
}

TEST(WriteTargetsProcess, AnExportToAFolderIsRefusedWithoutACrash) {
  Scratch dir("gif_folder");
  fs::create_directories(dir / "d2");
  const ProcessRun gif = dir.Run("--export-gif d2 --from 0 --to 2 --size 320x200");
  EXPECT_EQ(gif.status, 2) << gif.output;
  EXPECT_EQ(gif.output,
            "convstep: error: d2 is a directory, not a file (path): name a file inside it, "
            "such as d2/steps.gif\n");
  EXPECT_FALSE(fs::exists(dir / "d2.tmp"));
  EXPECT_TRUE(fs::is_empty(dir / "d2"));
  const ProcessRun missing = dir.Run("--export-gif nope/x.gif --to 2");
  EXPECT_EQ(missing.status, 2) << missing.output;
  EXPECT_EQ(missing.output,
            "convstep: error: the folder nope does not exist (path): create it first, or "
            "choose another folder\n");
  ASSERT_EQ(mkfifo((dir / "pipe.gif").c_str(), 0644), 0);
  const ProcessRun pipe = dir.Run("--export-gif pipe.gif --to 2");
  EXPECT_EQ(pipe.status, 2) << pipe.output;
  EXPECT_EQ(pipe.output,
            "convstep: error: pipe.gif is a named pipe (FIFO), not a regular file; it was left "
            "as it is (path): choose a regular file or a new name\n");
  EXPECT_TRUE(IsFifo(dir / "pipe.gif"));
}

TEST(WriteTargetsProcess, APngSequenceNeverOverwritesEarlierFrames) {
  Scratch dir("frames");
  fs::create_directories(dir / "frames");
  std::ofstream(dir / "frames/frame_0002.png") << "earlier";
  const ProcessRun run = dir.Run("--export-png-dir frames --from 10 --to 14");
  EXPECT_EQ(run.status, 2) << run.output;
  EXPECT_EQ(run.output,
            "convstep: error: frames/frame_0002.png already exists: the export would overwrite "
            "earlier frames (path): choose an empty folder, or remove the old frame_*.png files "
            "first\n");
  EXPECT_EQ(ReadAll(dir / "frames/frame_0002.png"), "earlier");
  std::ofstream(dir / "file") << "x";
  const ProcessRun file = dir.Run("--export-png-dir file --to 2");
  EXPECT_EQ(file.status, 2) << file.output;
  EXPECT_EQ(file.output,
            "convstep: error: file is a file, not a folder (path): choose a folder for the "
            "numbered frames\n");
}

TEST(WriteTargetsProcess, AScreenshotTargetIsCheckedBeforeAWindowOpens) {
  Scratch dir("screenshot");
  fs::create_directories(dir / "d");
  const ProcessRun folder = dir.Run("--screenshot d");
  EXPECT_EQ(folder.status, 2) << folder.output;
  EXPECT_EQ(folder.output,
            "convstep: error: --screenshot: d is a directory, not a file (path): name a file "
            "inside it, such as d/screenshot.png\n");
  const ProcessRun missing = dir.Run("--screenshot nope/s.png");
  EXPECT_EQ(missing.status, 2) << missing.output;
  EXPECT_EQ(missing.output,
            "convstep: error: --screenshot: the folder nope does not exist (path): create it "
            "first, or choose another folder\n");
}

TEST(WriteTargetsProcess, EmptyNamesAreRefused) {
  Scratch dir("empty");
  for (const char* flag : {"--save-session", "--screenshot", "--export-gif", "--export-png-dir"}) {
    const ProcessRun run = dir.Run(std::string(flag) + " ''");
    EXPECT_EQ(run.status, 2) << flag << ": " << run.output;
    EXPECT_EQ(run.output, "convstep: error: " + std::string(flag) +
                              " was given an empty name: give the path of the file to write\n"
                              "Run convstep --help for usage.\n");
  }
}

TEST(WriteTargetsProcess, SaveSessionWritesThroughALinkAndRefusesWhatIsNoFile) {
  Scratch dir("session");
  const std::string spec = std::string(CONVSTEP_ASSETS_DIR) + "/presets/01_seed_example.json";
  std::ofstream(dir / "target.json") << "old";
  fs::create_symlink("target.json", dir / "sl.json");
  const ProcessRun link = dir.Run("--spec " + Quote(spec) + " --save-session sl.json");
  EXPECT_EQ(link.status, 0) << link.output;
  EXPECT_EQ(link.output, "convstep: saved the session to sl.json\n");
  EXPECT_TRUE(fs::is_symlink(dir / "sl.json"));
  EXPECT_NE(ReadAll(dir / "target.json").find("\"conv\""), std::string::npos);
  ASSERT_EQ(mkfifo((dir / "pipe.json").c_str(), 0644), 0);
  const ProcessRun pipe = dir.Run("--save-session pipe.json");
  EXPECT_EQ(pipe.status, 2) << pipe.output;
  EXPECT_EQ(pipe.output,
            "convstep: error: pipe.json is a named pipe (FIFO), not a regular file; it was left "
            "as it is (path): choose a regular file or a new name\n");
  EXPECT_TRUE(IsFifo(dir / "pipe.json"));
  fs::create_directories(dir / "d");
  const ProcessRun folder = dir.Run("--save-session d");
  EXPECT_EQ(folder.status, 2) << folder.output;
  EXPECT_EQ(folder.output,
            "convstep: error: d is a directory, not a file (path): name a file inside it, such "
            "as d/session.json\n");
}

// Every write is checked: under a file size limit (as on a full disk) an export and a screenshot
// end with the system's reason and exit status 1, leaving neither the file nor its temporary.
// The app runs on an Xvfb of the test's own (x_server.h), not under xvfb-run: xvfb-run's own
// cleanup, which once failed under a parallel test load, changes the exit status to 5.
TEST(WriteTargetsProcess, AWriteThatFailsMidwayIsReported) {
  Scratch dir("full");
  XvfbServer server(dir / "xvfb.log");
  ASSERT_FALSE(server.display().empty()) << "Xvfb did not start: " << ReadAll(dir / "xvfb.log");
  const auto limited = [&](const std::string& args) {
    return Shell("cd " + Quote(dir.path()) + " && DISPLAY=" + server.display() +
                 " XDG_CONFIG_HOME=" + Quote(dir / "config") + " sh -c " +
                 Quote("ulimit -f 16 && exec " + App() + " --no-settings " + args));
  };
  const ProcessRun gif = limited("--export-gif big.gif --from 0 --to 6 --size 640x360");
  EXPECT_EQ(gif.status, 1) << gif.output;
  EXPECT_EQ(gif.output,
            "convstep: error: cannot write big.gif: File too large (path): check the free disk "
            "space\n");
  EXPECT_FALSE(fs::exists(dir / "big.gif"));
  EXPECT_FALSE(fs::exists(dir / "big.gif.tmp"));
  const ProcessRun shot = limited("--screenshot big.png --size 640x360 --frames 2");
  EXPECT_EQ(shot.status, 1) << shot.output;
  EXPECT_EQ(shot.output,
            "convstep: error: cannot write big.png: File too large (path): check the free disk "
            "space\n");
  EXPECT_FALSE(fs::exists(dir / "big.png"));
  EXPECT_FALSE(fs::exists(dir / "big.png.tmp"));
}

}  // namespace
