// Test helpers shared by every test program (no app code): a temporary folder, a scratch
// folder in the build tree, reading a whole file, and setting an environment variable for
// one scope.
#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace convstep::test_support {

/// A fresh folder under /tmp, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "convstep_XXXXXX").string();
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

/// A folder of its own for one test at `path` (in the build tree, so that a failed test's
/// files can be looked at), with a config/ folder for XDG_CONFIG_HOME. Emptied first; removed
/// at the end unless `keep` says so.
class Scratch {
 public:
  explicit Scratch(std::string path, bool (*keep)() = nullptr)
      : path_(std::move(path)), keep_(keep) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_ + "/config");
  }
  ~Scratch() {
    if (!keep_ || !keep_()) std::filesystem::remove_all(path_);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
  bool (*keep_)() = nullptr;
};

/// A whole file as bytes (empty when it cannot be read).
inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

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

}  // namespace convstep::test_support
