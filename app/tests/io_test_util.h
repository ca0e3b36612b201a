// Helpers for the issue-6 tests: a temporary folder per test, files written into it, and a
// snapshot of everything the screen shows, to prove that a refused file changed nothing.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "app_state.h"
#include "io/session_file.h"

namespace convstep::gui::testing {

/// A fresh folder under /tmp, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "convstep_io_XXXXXX").string();
    path_ = mkdtemp(pattern.data()) ? pattern : std::string();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  /// The path of `name` inside the folder.
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  /// Writes `bytes` to `name` and returns its path.
  std::string Write(const std::string& name, const std::string& bytes) const {
    const std::string file = *this / name;
    std::ofstream out(file, std::ios::binary);
    out << bytes;
    return file;
  }

 private:
  std::string path_;
};

/// Reads a whole file.
inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Everything the screen is made of: the session (its identity and its saved form, which holds
/// the recipe, the tensors, the timeline, the pin and the view), the draft and its error.
struct ScreenSnapshot {
  const Session* session = nullptr;
  std::string saved;
  std::string draft_layout_and_sizes;
  bool has_edit_error = false;
  size_t undo = 0;

  static ScreenSnapshot Of(const AppState& app) {
    ScreenSnapshot s;
    s.session = app.session.get();
    s.saved = SessionToJson(app, "snapshot", nullptr).dump();
    s.draft_layout_and_sizes = std::to_string(app.draft.batch) + "," +
                               std::to_string(app.draft.length) + "," +
                               std::to_string(static_cast<int>(app.draft.layout)) + "," +
                               std::to_string(app.draft.spec.in_channels);
    s.has_edit_error = app.edit_error.has_value();
    s.undo = app.io.undo.size();
    return s;
  }
  bool operator==(const ScreenSnapshot& o) const {
    return session == o.session && saved == o.saved &&
           draft_layout_and_sizes == o.draft_layout_and_sizes &&
           has_edit_error == o.has_edit_error && undo == o.undo;
  }
};

/// Sets an environment variable for the life of the object (XDG_CONFIG_HOME in tests).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old, had_ = true;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (had_)
      setenv(name_, old_.c_str(), 1);
    else
      unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};

}  // namespace convstep::gui::testing
