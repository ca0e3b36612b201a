#include "platform/options.h"

#include <CLI/CLI.hpp>
#include <regex>

#include "convstep/thread_pool.h"

namespace convstep::gui {

bool ParseSize(const std::string& text, int* width, int* height) {
  const std::regex pattern("^([0-9]{2,5})[xX]([0-9]{2,5})$");
  std::smatch match;
  if (!std::regex_match(text, match, pattern)) return false;
  const int w = std::stoi(match[1].str()), h = std::stoi(match[2].str());
  if (w < 64 || h < 64 || w > 16384 || h > 16384) return false;
  *width = w;
  *height = h;
  return true;
}

bool ParsePin(const std::string& text, PinOption* pin) {
  const std::regex pattern("^(output|input|weight):([0-9]{1,9}),([0-9]{1,9}),([0-9]{1,9})$");
  std::smatch match;
  if (!std::regex_match(text, match, pattern)) return false;
  pin->kind = match[1].str();
  pin->a = std::stoll(match[2].str());
  pin->b = std::stoll(match[3].str());
  pin->c = std::stoll(match[4].str());
  return true;
}

ParsedOptions ParseOptions(int argc, const char* const* argv) {
  ParsedOptions parsed;
  AppOptions& options = parsed.options;
  CLI::App cli{
      "convstep: see exactly how PyTorch's nn.Conv1d computes its output, one kernel "
      "position and one multiply at a time.",
      "convstep"};
  cli.set_version_flag("--version", std::string("convstep ") + CONVSTEP_VERSION);
  std::string size_text, granularity_text;
  int64_t step = -1;
  auto* spec = cli.add_option("--spec", options.spec_path,
                              "Open a session: a spec JSON file (the convstep-cli forward schema)")
                   ->check(CLI::ExistingFile);
  auto* step_option =
      cli.add_option("--step", step, "Start at step K (0-based, at the chosen granularity)")
          ->check(CLI::NonNegativeNumber);
  auto* granularity = cli.add_option("--granularity", granularity_text,
                                     "What one step covers: tap, window, row or batch")
                          ->check(CLI::IsMember({"tap", "window", "row", "batch"}));
  auto* screenshot = cli.add_option("--screenshot", options.screenshot_path,
                                    "Render --frames frames, write this PNG and exit");
  cli.add_option("--size", size_text, "Window (and screenshot) size WxH, default 1600x900");
  cli.add_option("--frames", options.frames, "Frames to render before the screenshot (default 30)")
      ->check(CLI::Range(1, 100000));
  auto* bench = cli.add_option("--bench-frames", options.bench_frames,
                               "Render N frames while playing, print frame-time percentiles, exit")
                    ->check(CLI::Range(1, 1000000));
  auto* bench_edits =
      cli.add_option("--bench-edits", options.bench_edits,
                     "Render N frames while scripted edits run (one every few frames), print "
                     "frame-time percentiles and the worst frame, exit")
          ->check(CLI::Range(1, 1000000));
  cli.add_option("--max-memory", options.max_memory_mib,
                 "Memory budget of a configuration's tensors in MiB (default 1024)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 24));
  cli.add_option("--threads", options.threads,
                 "Threads of a big recompute, for this run (default: the setting, else all cores)")
      ->check(CLI::Range(1, kMaxThreads));
  cli.add_flag("--startup-time", options.startup_time,
               "Print the time from start to the first frame on screen");
  cli.add_flag("--present", options.present,
               "Presentation mode: full screen, the chapter's panels and narration large "
               "(F5 toggles, B blanks, P pointer, Esc leaves)");
  cli.add_option("--text-scale", options.text_scale, "Text size, 1 = 18 px (0.75 to 3)")
      ->check(CLI::Range(0.75f, 3.f));
  cli.add_option("--pin", options.pin,
                 "Pin a highlight at start: output:n,o,t | input:n,c,l | weight:o,c,k");
  auto* lesson = cli.add_option("--lesson", options.lesson,
                                "Open chapter N of the guided lesson (1 to 10, 11 is the aside)")
                     ->check(CLI::Range(1, 99));
  auto* link = cli.add_option("--link", options.link,
                              "Open a share link's screen: its fragment, like "
                              "'#conv=3,8,2&bias=0&step=4&lang=zh' (Edit > Copy link)");
  link->excludes(spec)->excludes(step_option)->excludes(granularity)->excludes(lesson);
  cli.add_option("--lang", options.language,
                 "Language of the UI and the lesson: en or zh (default: the last one chosen)")
      ->check(CLI::IsMember({"en", "zh"}));
  cli.add_option("--open", options.open_window,
                 "Open a window at start, as its menu item does: fit, forgot-permute, values, "
                 "export or save (for --screenshot and exports)");
  AddFileOptions(cli, options.files);
  screenshot->excludes(bench);
  screenshot->excludes(bench_edits);
  bench->excludes(bench_edits);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    parsed.exit = true;
    parsed.output = cli.help();
    return parsed;
  } catch (const CLI::CallForVersion&) {
    parsed.exit = true;
    parsed.output = std::string("convstep ") + CONVSTEP_VERSION + "\n";
    return parsed;
  } catch (const CLI::ParseError& e) {
    parsed.exit = true;
    parsed.exit_code = kUsageError;
    parsed.error =
        std::string("convstep: error: ") + e.what() + "\nRun convstep --help for usage.\n";
    return parsed;
  }
  if (const std::string io_error = FinishFileOptions(cli, options.files); !io_error.empty()) {
    parsed.exit = true;
    parsed.exit_code = kUsageError;
    parsed.error = "convstep: error: " + io_error + "\nRun convstep --help for usage.\n";
    return parsed;
  }
  if (!size_text.empty() && !ParseSize(size_text, &options.width, &options.height)) {
    parsed.exit = true;
    parsed.exit_code = kUsageError;
    parsed.error =
        "convstep: error: --size must look like 1600x900 (each side 64 to 16384), got '" +
        size_text + "'\nRun convstep --help for usage.\n";
    return parsed;
  }
  PinOption pin;
  if (!options.pin.empty() && !ParsePin(options.pin, &pin)) {
    parsed.exit = true;
    parsed.exit_code = kUsageError;
    parsed.error =
        "convstep: error: --pin must look like output:0,1,2, input:0,2,3 or weight:1,0,1, got '" +
        options.pin + "'\nRun convstep --help for usage.\n";
    return parsed;
  }
  if (!granularity_text.empty()) {
    Granularity granularity = Granularity::kTap;
    ParseGranularity(granularity_text, &granularity);
    options.granularity = granularity;
  }
  if (step >= 0) options.step = step;
  return parsed;
}

}  // namespace convstep::gui
