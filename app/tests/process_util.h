// Helpers for the tests that run a real program through the shell (the app under Xvfb, the
// command line tool, Python with torch): a command's exit status and output, quoting for sh,
// the app's path, and whether xvfb-run is installed. Header-only (inline), so several test
// files of one executable can include it.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <memory>
#include <string>

namespace convstep::process_test {

/// How a shell command ended.
struct ProcessRun {
  int status = -1;     ///< the exit code; -1 when killed by a signal or not started
  std::string output;  ///< stdout and stderr, interleaved as written
};

/// Runs `command` with sh (stderr joined to stdout) and waits for it.
inline ProcessRun Shell(const std::string& command) {
  ProcessRun run;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
  if (!pipe) return run;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe.get())) run.output += buffer.data();
  const int raw = pclose(pipe.release());
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return run;
}

/// `text` as one word for sh: in single quotes (a quote inside is written '\'').
inline std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

#ifdef CONVSTEP_APP
/// The app's executable (CONVSTEP_APP, set by CMake), quoted for sh.
inline std::string App() {
  return Quote(CONVSTEP_APP);
}
#endif

/// True when xvfb-run is on the PATH (the app's window needs it here).
inline bool HaveXvfbRun() {
  return Shell("command -v xvfb-run").status == 0;
}

/// The failure message of a test that needs xvfb-run and does not find it.
inline constexpr const char* kNoXvfb =
    "xvfb-run is not installed, so the app cannot run headless. Install it with "
    "`apt-get install xvfb xauth` (tools/install-deps.sh does) and run the tests again.";

}  // namespace convstep::process_test
