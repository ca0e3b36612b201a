// Helpers for the tests that run a real program (the app under Xvfb, the command line tool,
// Python with torch): a shell command's exit status and output, quoting for sh, the app's
// path, whether xvfb-run is installed; a program started in the background and waited for
// with a time limit (an Xvfb server of the test's own is in x_server.h). Header-only (inline), so
// several test files of one executable can include it.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/files.h"

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

/// A program started in the background (not through a shell, so pid() is the program's own)
/// with extra environment variables and its stdout and stderr in files. Killed (SIGKILL) and
/// reaped when it goes out of scope (and killed when the test process dies), so a failing test
/// leaves no process behind.
class Spawned {
 public:
  /// Starts argv[0] (looked up on the PATH) with `env` ("NAME=value") added; stdout goes to
  /// `out_path`, stderr to `err_path`. pid() is -1 when it could not start.
  Spawned(const std::vector<std::string>& argv, const std::vector<std::string>& env,
          const std::string& out_path, const std::string& err_path) {
    pid_ = fork();
    if (pid_ != 0) return;
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // gone with the test, even when the test is killed
    for (const std::string& pair : env) putenv(const_cast<char*>(pair.c_str()));
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(127);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  Spawned(const Spawned&) = delete;
  Spawned& operator=(const Spawned&) = delete;
  ~Spawned() {
    if (running()) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  /// The process id (-1 when fork failed).
  pid_t pid() const { return pid_; }
  /// True until Wait has seen it end.
  bool running() const { return pid_ > 0 && !status_; }

  /// Waits up to `seconds` for it to end. Its wait status (test with WIFEXITED, WEXITSTATUS,
  /// WIFSIGNALED), or nullopt when it still runs.
  std::optional<int> Wait(double seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (running()) {
      int status = 0;
      const pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_ || done < 0) {
        status_ = done == pid_ ? status : -1;
        break;
      }
      if (std::chrono::steady_clock::now() >= deadline) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return status_;
  }

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
};

using test_support::ReadAll;

/// Waits up to `seconds` for `path` to exist while `app` runs; false when it did not appear.
inline bool WaitForFile(const std::string& path, Spawned& app, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline && app.running()) {
    if (std::filesystem::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    app.Wait(0);
  }
  return std::filesystem::exists(path);
}

/// How a wait status reads in a failure message: "exit 3", "signal 11", "still running".
inline std::string DescribeStatus(const std::optional<int>& status) {
  if (!status) return "still running";
  if (WIFEXITED(*status)) return "exit " + std::to_string(WEXITSTATUS(*status));
  if (WIFSIGNALED(*status)) return "signal " + std::to_string(WTERMSIG(*status));
  return "wait status " + std::to_string(*status);
}

}  // namespace convstep::process_test
