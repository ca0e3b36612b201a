// Writing files the user named (sessions, GIFs, PNGs, screenshots) without harming what is
// there: a symbolic link is written through to the file it points at, anything that is not a
// regular file (a folder, a named pipe, a device, a socket) is refused and left as it is, and
// a file is replaced only once its new bytes are completely on disk (a temporary file beside it,
// then a rename). Every write is checked; errors name the path and the system's reason.
#pragma once

#include <string>

#include "convstep/result.h"

namespace convstep::exporting {

/// Where a write to `path` really goes: symbolic links followed to the file they name (which may
/// not exist yet). Errors, each naming the path and what would be right: an empty path, a target
/// that exists and is not a regular file (`example_name` suggests a file inside a folder, such
/// as "steps.gif"), a folder that does not exist or is not a folder, a folder that cannot be
/// written to (the system's reason).
Result<std::string> ResolveWriteTarget(const std::string& path, const std::string& example_name);

/// A file written through a temporary file "<target>.tmp" beside the resolved target, moved into
/// place by Commit(). An unfinished file is removed by Abandon() or the destructor.
class AtomicFile {
 public:
  AtomicFile() = default;
  ~AtomicFile();  ///< abandons an uncommitted file
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// Resolves `path` (ResolveWriteTarget) and creates the temporary file. A file being replaced
  /// keeps its permission bits.
  Result<bool> Open(const std::string& path, const std::string& example_name);
  /// Appends bytes; false after any failed write (the first failure's reason is kept).
  bool Write(const void* data, size_t size);
  /// Flushes to disk, closes and renames over the target. Errors name the file and the reason
  /// of the first failed write, close or rename; the temporary file is then removed.
  Result<bool> Commit();
  /// Closes and removes the temporary file (nothing happens to the target).
  void Abandon();

  /// The file that Commit() replaces (the symbolic link's target, if `path` was a link).
  const std::string& target() const { return target_; }
  /// The temporary file being written.
  const std::string& temporary() const { return temporary_; }
  /// True between a successful Open() and Commit() / Abandon().
  bool is_open() const { return fd_ >= 0; }
  /// True after a write failed.
  bool write_failed() const { return write_errno_ != 0; }
  /// The failed write as an error: "cannot write <target>: <the system's reason>".
  Error WriteError() const;

 private:
  int fd_ = -1;
  int write_errno_ = 0;  ///< errno of the first failed write (0: none)
  std::string target_, temporary_;
};

/// Writes `bytes` to `path` through an AtomicFile. Errors name the file and the reason.
Result<bool> WriteFileSafely(const std::string& path, const std::string& bytes,
                             const std::string& example_name);

}  // namespace convstep::exporting
