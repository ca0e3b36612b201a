// Writing user-chosen files: links written through, non-regular files refused and kept, every
// write checked (a file size limit stands in for a full disk), errors naming path and reason.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../file_target.h"

namespace convstep::exporting {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

// A fresh folder under the test's temporary folder.
fs::path FreshDir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("convstep_target_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

bool IsLink(const fs::path& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode);
}

bool IsFifo(const fs::path& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0 && S_ISFIFO(info.st_mode);
}

TEST(FileTarget, WritesThroughALinkToItsTargetAndKeepsTheLink) {
  const fs::path dir = FreshDir("link");
  std::ofstream(dir / "target.json") << "old";
  fs::create_symlink("target.json", dir / "sl.json");
  auto written = WriteFileSafely((dir / "sl.json").string(), "new", "session.json");
  ASSERT_TRUE(written) << written.error().OneLine();
  EXPECT_TRUE(IsLink(dir / "sl.json")) << "the link must stay a link";
  EXPECT_EQ(ReadAll(dir / "target.json"), "new");
  EXPECT_FALSE(fs::exists(dir / "target.json.tmp"));
  EXPECT_FALSE(fs::exists(dir / "sl.json.tmp"));
}

TEST(FileTarget, ALinkToAFileNotYetThereCreatesIt) {
  const fs::path dir = FreshDir("dangling");
  fs::create_directories(dir / "sub");
  fs::create_symlink("sub/new.json", dir / "sl.json");
  ASSERT_TRUE(WriteFileSafely((dir / "sl.json").string(), "made", "session.json"));
  EXPECT_TRUE(IsLink(dir / "sl.json"));
  EXPECT_EQ(ReadAll(dir / "sub/new.json"), "made");
}

TEST(FileTarget, RefusesANamedPipeAndLeavesItThere) {
  const fs::path dir = FreshDir("fifo");
  const fs::path fifo = dir / "pipe.json";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  auto written = WriteFileSafely(fifo.string(), "x", "session.json");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().message,
            fifo.string() + " is a named pipe (FIFO), not a regular file; it was left as it is");
  EXPECT_EQ(written.error().hint, "choose a regular file or a new name");
  EXPECT_TRUE(IsFifo(fifo));
  EXPECT_FALSE(fs::exists(dir / "pipe.json.tmp"));
}

TEST(FileTarget, RefusesALinkToAPipeNamingBoth) {
  const fs::path dir = FreshDir("fifo_link");
  ASSERT_EQ(mkfifo((dir / "pipe").c_str(), 0644), 0);
  fs::create_symlink(dir / "pipe", dir / "sl.json");
  auto target = ResolveWriteTarget((dir / "sl.json").string(), "session.json");
  ASSERT_FALSE(target);
  EXPECT_EQ(target.error().message,
            (dir / "sl.json").string() + " (a link to " + (dir / "pipe").string() +
                ") is a named pipe (FIFO), not a regular file; it was left as it is");
  EXPECT_TRUE(IsLink(dir / "sl.json"));
  EXPECT_TRUE(IsFifo(dir / "pipe"));
}

TEST(FileTarget, RefusesAFolderSuggestingAFileInsideIt) {
  const fs::path dir = FreshDir("folder");
  const std::string folder = (dir / "d2").string();
  fs::create_directories(folder);
  auto target = ResolveWriteTarget(folder, "steps.gif");
  ASSERT_FALSE(target);
  EXPECT_EQ(target.error().OneLine(), folder + " is a directory, not a file (path): name a file " +
                                          "inside it, such as " + folder + "/steps.gif");
  EXPECT_TRUE(fs::is_directory(folder));
}

TEST(FileTarget, NamesAMissingFolderAndAnEmptyName) {
  const fs::path dir = FreshDir("missing");
  auto missing = ResolveWriteTarget((dir / "nope/x.json").string(), "session.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().OneLine(), "the folder " + (dir / "nope").string() +
                                           " does not exist (path): create it first, or "
                                           "choose another folder");
  std::ofstream(dir / "file") << "x";
  auto under_file = ResolveWriteTarget((dir / "file/x.json").string(), "session.json");
  ASSERT_FALSE(under_file);
  EXPECT_EQ(under_file.error().message, (dir / "file").string() + " is not a folder");
  auto empty = ResolveWriteTarget("", "session.json");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().OneLine(), "no file name given (path): type a file name");
}

TEST(FileTarget, NamesAFolderWithoutWritePermission) {
  if (geteuid() == 0) GTEST_SKIP() << "root may write anywhere";
  const fs::path dir = FreshDir("readonly");
  fs::create_directories(dir / "ro");
  fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  auto target = ResolveWriteTarget((dir / "ro/x.json").string(), "session.json");
  fs::permissions(dir / "ro", fs::perms::owner_all);
  ASSERT_FALSE(target);
  EXPECT_EQ(target.error().message,
            "cannot write in the folder " + (dir / "ro").string() + ": Permission denied");
}

TEST(FileTarget, KeepsTheReplacedFilesPermissions) {
  const fs::path dir = FreshDir("mode");
  const fs::path file = dir / "s.json";
  std::ofstream(file) << "old";
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  ASSERT_TRUE(WriteFileSafely(file.string(), "new", "session.json"));
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(ReadAll(file), "new");
}

// Writes past a file size limit fail with EFBIG, as writes to a full disk fail with ENOSPC.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    previous_signal_ = std::signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &previous_);
    rlimit limit = previous_;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &previous_);
    std::signal(SIGXFSZ, previous_signal_);
  }

 private:
  rlimit previous_{};
  void (*previous_signal_)(int) = SIG_DFL;
};

TEST(FileTarget, AWriteThatFailsMidwayIsReportedAndTheOldFileKept) {
  const fs::path dir = FreshDir("full");
  const fs::path file = dir / "s.json";
  std::ofstream(file) << "old";
  Result<bool> written = true;
  {
    FileSizeLimit limit(4096);
    written = WriteFileSafely(file.string(), std::string(100000, 'x'), "session.json");
  }
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().OneLine(),
            "cannot write " + file.string() + ": File too large (path): check the free disk space");
  EXPECT_EQ(ReadAll(file), "old");
  EXPECT_FALSE(fs::exists(dir / "s.json.tmp"));
}

}  // namespace
}  // namespace convstep::exporting
