#include "platform/file_options.h"

#include "model/stage_panels.h"

namespace convstep::gui {

void AddFileOptions(CLI::App& cli, FileOptions& options) {
  cli.add_option("--export-gif", options.export_gif,
                 "Write the steps --from..--to as an animated GIF and exit (headless)");
  cli.add_option("--export-png-dir", options.export_png_dir,
                 "Write the steps --from..--to as DIR/frame_0000.png ... and exit (headless)");
  cli.add_option("--from", options.from, "First step of an export (default 0)")
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--to", options.to,
                 "End step of an export, not included, like range(from, to) (default from + 24)")
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--delay", options.delay_ms, "GIF frame delay in ms (default 500)")
      ->check(CLI::Range(10, 60000));
  cli.add_option("--region", options.region,
                 "What an export or screenshot shows: window (all of it), panels (sliding "
                 "window and dot product only), or a comma list of panels (input, permute, "
                 "kernel, sliding_window, dot_product, output) filling the whole frame")
      ->check(
          [](const std::string& text) -> std::string {
            std::vector<std::string> panels;
            if (text == "window" || text == "panels" || ParseRegionPanels(text, &panels)) return {};
            return "--region \"" + text +
                   "\" must be window, panels or a comma list of input, permute, kernel, "
                   "sliding_window, dot_product, output";
          },
          "REGION");
  cli.add_option("--save-session", options.save_session,
                 "Write the session (after --spec, --step, ...) as a session .json and exit");
  cli.add_flag("--restore-autosave", options.restore_autosave,
               "Open the newest autosave left by a run that did not exit cleanly");
  cli.add_flag("--no-settings", options.no_settings,
               "Do not read or write settings and autosaves in the config folder");
}

std::string FinishFileOptions(const CLI::App& cli, FileOptions& options) {
  // An empty name ('' from a shell variable that was not set) would silently mean "not given".
  for (const char* flag : {"--export-gif", "--export-png-dir", "--save-session", "--screenshot"}) {
    const CLI::Option* option = cli.get_option_no_throw(flag);
    if (option && option->count() > 0 && !option->results().empty() &&
        option->results().back().empty())
      return std::string(flag) + " was given an empty name: give the path of the file to write";
  }
  options.size_given = cli.count("--size") > 0;
  options.text_scale_given = cli.count("--text-scale") > 0;
  if (!options.export_gif.empty() && !options.export_png_dir.empty())
    return "--export-gif and --export-png-dir cannot be used together: run twice";
  const bool exporting = !options.export_gif.empty() || !options.export_png_dir.empty();
  if (!exporting && (cli.count("--from") || cli.count("--to") || cli.count("--delay") ||
                     (cli.count("--region") && !cli.count("--screenshot"))))
    return "--from, --to, --delay and --region go with --export-gif or --export-png-dir "
           "(--region also with --screenshot)";
  if (options.to >= 0 && options.to <= options.from)
    return "--to " + std::to_string(options.to) + " must be greater than --from " +
           std::to_string(options.from) + " (the end step is not included)";
  if (cli.count("--screenshot") && options.Headless())
    return "--screenshot cannot be combined with --export-gif, --export-png-dir or "
           "--save-session";
  return {};
}

}  // namespace convstep::gui
