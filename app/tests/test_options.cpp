// The app's command line: good flags parse, bad ones exit 2 with a clear message.
#include <gtest/gtest.h>

#include <vector>

#include "platform/options.h"

namespace convstep::gui {
namespace {

ParsedOptions Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "convstep");
  return ParseOptions(static_cast<int>(args.size()), args.data());
}

TEST(Options, DefaultsOpenTheSeedExampleInteractively) {
  const ParsedOptions parsed = Parse({});
  EXPECT_FALSE(parsed.exit);
  EXPECT_TRUE(parsed.options.spec_path.empty());
  EXPECT_FALSE(parsed.options.step);
  EXPECT_EQ(parsed.options.width, 1600);
  EXPECT_EQ(parsed.options.height, 900);
  EXPECT_EQ(parsed.options.bench_frames, 0);
}

TEST(Options, EveryFlag) {
  const ParsedOptions parsed =
      Parse({"--spec", CONVSTEP_SOURCE_DIR "/assets/presets/01_seed_example.json", "--step", "30",
             "--granularity", "window", "--screenshot", "out.png", "--size", "1280x720", "--frames",
             "12", "--text-scale", "1.5"});
  ASSERT_FALSE(parsed.exit) << parsed.error;
  const AppOptions& o = parsed.options;
  EXPECT_EQ(*o.step, 30);
  EXPECT_EQ(*o.granularity, Granularity::kWindow);
  EXPECT_EQ(o.screenshot_path, "out.png");
  EXPECT_EQ(o.width, 1280);
  EXPECT_EQ(o.height, 720);
  EXPECT_EQ(o.frames, 12);
  EXPECT_FLOAT_EQ(o.text_scale, 1.5f);
  EXPECT_EQ(Parse({"--bench-frames", "300"}).options.bench_frames, 300);
  EXPECT_EQ(Parse({"--open", "fit"}).options.open_window, "fit");
  EXPECT_EQ(Parse({"--threads", "3"}).options.threads, 3);
  EXPECT_EQ(Parse({}).options.threads, 0);  // the setting, else all cores
}

TEST(Options, HelpAndVersionExitZeroOnStdout) {
  const ParsedOptions help = Parse({"--help"});
  EXPECT_TRUE(help.exit);
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("--screenshot"), std::string::npos);
  EXPECT_NE(help.output.find("--bench-frames"), std::string::npos);
  const ParsedOptions version = Parse({"--version"});
  EXPECT_TRUE(version.exit);
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.output, std::string("convstep ") + CONVSTEP_VERSION + "\n");
}

TEST(Options, BadFlagsExitTwoWithAClearMessage) {
  const std::vector<std::vector<const char*>> bad = {
      {"--no-such-flag"},
      {"--granularity", "pixel"},
      {"--step", "-1"},
      {"--step", "many"},
      {"--size", "big"},
      {"--size", "10x10"},
      {"--frames", "0"},
      {"--spec", "/no/such/file.json"},
      {"--screenshot", "a.png", "--bench-frames", "10"},
      {"--text-scale", "9"},
      {"--threads", "0"},
      {"--threads", "257"},
      {"stray"},
  };
  for (const auto& args : bad) {
    const ParsedOptions parsed = Parse(args);
    EXPECT_TRUE(parsed.exit) << args[0];
    EXPECT_EQ(parsed.exit_code, kUsageError) << args[0];
    EXPECT_NE(parsed.error.find("convstep: error: "), std::string::npos) << parsed.error;
    EXPECT_NE(parsed.error.find("--help"), std::string::npos) << parsed.error;
  }
}

TEST(Options, Pin) {
  PinOption pin;
  EXPECT_TRUE(ParsePin("output:0,1,2", &pin));
  EXPECT_EQ(pin.kind, "output");
  EXPECT_EQ(pin.c, 2);
  EXPECT_TRUE(ParsePin("weight:7,2,1", &pin));
  EXPECT_FALSE(ParsePin("output:0,1", &pin));
  EXPECT_FALSE(ParsePin("cell:0,1,2", &pin));
  EXPECT_EQ(Parse({"--pin", "input:0,1,2"}).options.pin, "input:0,1,2");
  EXPECT_EQ(Parse({"--pin", "input:zero"}).exit_code, kUsageError);
}

TEST(Options, ParseSize) {
  int w = 0, h = 0;
  EXPECT_TRUE(ParseSize("1600x900", &w, &h));
  EXPECT_EQ(w, 1600);
  EXPECT_EQ(h, 900);
  EXPECT_TRUE(ParseSize("640X480", &w, &h));
  EXPECT_FALSE(ParseSize("1600", &w, &h));
  EXPECT_FALSE(ParseSize("x900", &w, &h));
  EXPECT_FALSE(ParseSize("1600x900x3", &w, &h));
  EXPECT_FALSE(ParseSize("20000x900", &w, &h));
}

}  // namespace
}  // namespace convstep::gui
