#include "state/autosave.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include "state/background.h"
#include "state/session_file.h"

namespace convstep::gui {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPrefix = "autosave-";

#ifdef __EMSCRIPTEN__
// The browser: a page has no process id of its own (getpid() is always the same), so each page
// load draws an id, and an autosave with another id is a closed tab's work (or another open
// tab's: the browser cannot tell, so it is offered too).
long RunId() {
  static const long id = 100000 + static_cast<long>(std::random_device{}() % 900000);
  return id;
}
bool ProcessAlive(long /*pid*/) {
  return false;
}
#else
long RunId() {
  return static_cast<long>(getpid());
}

// True when process `pid` runs and is a ConvStep (a reused pid of another program is not).
bool ProcessAlive(long pid) {
  if (pid <= 0) return false;
  if (kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) return false;
  // A killed process stays a zombie until it is reaped: it is gone all the same.
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (stat && std::getline(stat, line)) {
    const size_t paren = line.rfind(')');
    if (paren != std::string::npos && paren + 2 < line.size() &&
        (line[paren + 2] == 'Z' || line[paren + 2] == 'X'))
      return false;
  }
  std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  if (comm && std::getline(comm, name)) return name.rfind("convstep", 0) == 0;
  return true;  // no /proc: trust kill()
}
#endif

void RemoveWithSidecars(const std::string& path) {
  std::error_code ec;
  const fs::path folder = fs::path(path).parent_path();
  for (const std::string& sidecar : SessionSidecars(path)) fs::remove(folder / sidecar, ec);
  fs::remove(path, ec);
}

}  // namespace

long AutosavePid(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  const std::string prefix = kPrefix;
  if (name.rfind(prefix, 0) != 0 || fs::path(name).extension() != ".json") return -1;
  const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - 5);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stol(digits);
}

std::vector<std::string> FindOrphanAutosaves(const std::string& dir) {
  std::vector<std::pair<fs::file_time_type, std::string>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string path = entry.path().string();
    const long pid = AutosavePid(path);
    if (pid < 0 || pid == RunId() || ProcessAlive(pid)) continue;
    found.emplace_back(entry.last_write_time(ec), path);
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> paths;
  for (auto& item : found) paths.push_back(std::move(item.second));
  return paths;
}

void StartAutosave(AppState& app, const std::string& dir, bool offer) {
  AutosaveState& autosave = app.files.autosave;
  autosave.enabled = !dir.empty();
  if (dir.empty()) return;
  std::error_code ec;
  fs::create_directories(dir, ec);
  autosave.path = (fs::path(dir) / (kPrefix + std::to_string(RunId()) + ".json")).string();
  autosave.initial_session = app.session;
  autosave.saved_session = app.session;
  autosave.saved_step = app.timeline.step;
  autosave.orphans = FindOrphanAutosaves(dir);
  autosave.offer_open = offer && !autosave.orphans.empty();
}

namespace {

bool WriteAutosave(AppState& app, double now) {
  AutosaveState& autosave = app.files.autosave;
  const auto start = std::chrono::steady_clock::now();
  auto written = SaveSessionFile(app, autosave.path);
  autosave.write_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  autosave.last_write = now;
  autosave.saved_session = app.session;
  autosave.saved_step = app.timeline.step;
  if (!written) {
    autosave.error = written.error().OneLine();
    return false;
  }
  autosave.error.clear();
  autosave.has_file = true;
  return true;
}

bool Unsaved(const AppState& app) {
  const AutosaveState& autosave = app.files.autosave;
  if (!autosave.enabled || autosave.path.empty()) return false;
  // Nothing to keep until the session differs from the one the run started with.
  if (app.session == autosave.initial_session && !autosave.has_file) return false;
  return app.session != autosave.saved_session || app.timeline.step != autosave.saved_step;
}

}  // namespace

bool AutosaveTick(AppState& app, double now) {
  if (!Unsaved(app)) return false;
  const AutosaveState& autosave = app.files.autosave;
  // Slow writes (a large session) are spaced out so that editing stays smooth.
  const double interval = std::max(kAutosaveInterval, autosave.write_seconds * 10.0);
  const bool only_step = app.session == autosave.saved_session;
  if (now - autosave.last_write < (only_step ? std::max(interval, 2.0) : interval)) return false;
  return WriteAutosave(app, now);
}

Result<std::string> SaveAutosaveBeforeExit(AppState& app, double now) {
  const AutosaveState& autosave = app.files.autosave;
  if (!autosave.enabled || autosave.path.empty())
    return MakeError("autosave is off for this run", "file",
                     "autosave runs for a window opened without --no-settings");
  FinishBuild(app);
  if (!WriteAutosave(app, now)) return MakeError(autosave.error, "file", "");
  return autosave.path;
}

void FinishAutosave(AppState& app) {
  AutosaveState& autosave = app.files.autosave;
  if (!autosave.enabled || autosave.path.empty()) return;
  RemoveWithSidecars(autosave.path);
  autosave.enabled = false;
  autosave.has_file = false;
}

Result<bool> RestoreAutosave(AppState& app, const std::string& path) {
  auto opened = OpenSessionFile(app, path);
  if (!opened) return opened.error();
  app.files.current_file.clear();  // an autosave is not the user's file: Save asks for a name
  RemoveWithSidecars(path);
  auto& orphans = app.files.autosave.orphans;
  orphans.erase(std::remove(orphans.begin(), orphans.end(), path), orphans.end());
  app.files.autosave.saved_session.reset();  // write this run's copy at the next tick
  return true;
}

void DiscardAutosave(AppState& app, const std::string& path) {
  std::error_code ec;
  const fs::path folder = fs::path(path).parent_path();
  const fs::path declined = folder / "autosave-declined.json";
  RemoveWithSidecars(declined.string());
  // Its .npy files (if any) keep their names: the declined copy still refers to them.
  fs::rename(path, declined, ec);
  auto& orphans = app.files.autosave.orphans;
  orphans.erase(std::remove(orphans.begin(), orphans.end(), path), orphans.end());
}

}  // namespace convstep::gui
