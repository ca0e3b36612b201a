#include "file_target.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace convstep::exporting {
namespace {

// Links followed before giving up (the kernel's own limit for a path is 40).
constexpr int kMaxLinks = 40;

std::string Reason(int error_number) {
  return std::strerror(error_number);
}

// The folder part of a path ("." for a bare name, "/" for a file in the root).
std::string FolderOf(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// "path" for a plain name; "link (a link to target)" when the user's path was a link.
std::string Shown(const std::string& path, const std::string& target) {
  return path == target ? path : path + " (a link to " + target + ")";
}

// What a file that is not a regular file is, in words.
Message KindOf(mode_t mode) {
  if (S_ISFIFO(mode)) return Message{"kind_fifo", "a named pipe (FIFO)", {}};
  if (S_ISCHR(mode)) return Message{"kind_char_device", "a character device", {}};
  if (S_ISBLK(mode)) return Message{"kind_block_device", "a block device", {}};
  if (S_ISSOCK(mode)) return Message{"kind_socket", "a socket", {}};
  return Message{"kind_special", "a special file", {}};
}

Error SystemError(const std::string& path, int error_number) {
  const bool full = error_number == ENOSPC || error_number == EDQUOT || error_number == EFBIG;
  return MakeError(
      Message{"write_failed", "cannot write {0}: {1}", {path, Reason(error_number)}}, "path",
      full ? Hint{"check_disk_space", "check the free disk space", {}}
           : Hint{"check_folder_writable", "check the folder exists and is writable", {}});
}

// Follows symbolic links from `path` to the name that is not a link (it may not exist).
Result<std::string> FollowLinks(const std::string& path) {
  std::string current = path;
  for (int links = 0; links <= kMaxLinks; ++links) {
    struct stat info {};
    if (lstat(current.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return current;
    std::string link(static_cast<size_t>(info.st_size > 0 ? info.st_size : 255) + 1, '\0');
    const ssize_t length = readlink(current.c_str(), link.data(), link.size());
    if (length < 0) return SystemError(path, errno);
    link.resize(static_cast<size_t>(length));
    current = link.empty() || link[0] == '/' ? link : FolderOf(current) + "/" + link;
  }
  return SystemError(path, ELOOP);
}

// The folder a new or replaced file goes into must exist, be a folder and be writable.
Result<bool> CheckFolder(const std::string& shown, const std::string& target) {
  const std::string folder = FolderOf(target);
  struct stat info {};
  if (stat(folder.c_str(), &info) != 0) {
    if (errno == ENOENT)
      return MakeError(Message{"no_folder", "the folder {0} does not exist", {folder}}, "path",
                       Hint{"create_folder", "create it first, or choose another folder", {}});
    return SystemError(shown, errno);
  }
  if (!S_ISDIR(info.st_mode))
    return MakeError(Message{"not_a_folder", "{0} is not a folder", {folder}}, "path",
                     Hint{"check_path_folder", "check the path (and its folder)", {}});
  if (access(folder.c_str(), W_OK | X_OK) != 0)
    return MakeError(
        Message{
            "folder_not_writable", "cannot write in the folder {0}: {1}", {folder, Reason(errno)}},
        "path", Hint{"choose_writable_folder", "choose a folder you can write to", {}});
  return true;
}

}  // namespace

Result<std::string> ResolveWriteTarget(const std::string& path, const std::string& example_name) {
  if (path.empty())
    return MakeError(Message{"no_file_name", "no file name given", {}}, "path",
                     Hint{"type_file_name", "type a file name", {}});
  auto followed = FollowLinks(path);
  if (!followed) return followed.error();
  const std::string& target = *followed;
  const std::string shown = Shown(path, target);
  struct stat info {};
  if (stat(target.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      const std::string inside = path + (path.back() == '/' ? "" : "/") + example_name;
      return MakeError(Message{"is_directory", "{0} is a directory, not a file", {shown}}, "path",
                       Hint{"name_file_inside", "name a file inside it, such as {0}", {inside}});
    }
    if (!S_ISREG(info.st_mode))
      return MakeError(Message{"not_regular_file",
                               "{0} is {1}, not a regular file; it was left as it is",
                               {shown, KindOf(info.st_mode)}},
                       "path",
                       Hint{"choose_regular_file", "choose a regular file or a new name", {}});
  } else if (errno != ENOENT && errno != ENOTDIR) {  // ENOTDIR: CheckFolder says which
    return SystemError(shown, errno);
  }
  if (auto folder = CheckFolder(shown, target); !folder) return folder.error();
  return target;
}

AtomicFile::~AtomicFile() {
  Abandon();
}

Result<bool> AtomicFile::Open(const std::string& path, const std::string& example_name) {
  Abandon();
  auto target = ResolveWriteTarget(path, example_name);
  if (!target) return target.error();
  struct stat existing {};
  const bool replacing = stat(target->c_str(), &existing) == 0;
  const std::string temporary = *target + ".tmp";
  // No link is followed and no pipe waited on: only a regular file is written.
  const int fd = open(temporary.c_str(),
                      O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
  if (fd < 0) return SystemError(temporary, errno);
  struct stat opened {};
  if (fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode)) {
    close(fd);
    return MakeError(Message{"not_regular_file",
                             "{0} is {1}, not a regular file; it was left as it is",
                             {temporary, KindOf(opened.st_mode)}},
                     "path",
                     Hint{"choose_regular_file", "choose a regular file or a new name", {}});
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  if (replacing) fchmod(fd, existing.st_mode & 07777);
  fd_ = fd;
  write_errno_ = 0;
  target_ = *target;
  temporary_ = temporary;
  return true;
}

bool AtomicFile::Write(const void* data, size_t size) {
  if (fd_ < 0 || write_errno_ != 0) return false;
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t written = write(fd_, bytes, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      write_errno_ = written < 0 ? errno : EIO;
      return false;
    }
    bytes += written;
    size -= static_cast<size_t>(written);
  }
  return true;
}

Result<bool> AtomicFile::Commit() {
  if (fd_ < 0)
    return MakeError(Message{"file_not_open", "the file is not open", {}}, "path",
                     Hint{"file_not_open", "start the export first", {}});
  int failure = write_errno_;
  if (failure == 0 && fsync(fd_) != 0) failure = errno;
  if (close(fd_) != 0 && failure == 0) failure = errno;
  fd_ = -1;
  if (failure != 0) {
    std::remove(temporary_.c_str());
    return SystemError(target_, failure);
  }
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
    const int error_number = errno;
    std::remove(temporary_.c_str());
    return MakeError(
        Message{"replace_failed", "cannot replace {0}: {1}", {target_, Reason(error_number)}},
        "path", Hint{"check_folder_is_writable", "check the folder is writable", {}});
  }
  return true;
}

Error AtomicFile::WriteError() const {
  return SystemError(target_, write_errno_ != 0 ? write_errno_ : EIO);
}

void AtomicFile::Abandon() {
  if (fd_ < 0) return;
  close(fd_);
  fd_ = -1;
  std::remove(temporary_.c_str());
}

Result<bool> WriteFileSafely(const std::string& path, const std::string& bytes,
                             const std::string& example_name) {
  AtomicFile file;
  if (auto opened = file.Open(path, example_name); !opened) return opened.error();
  file.Write(bytes.data(), bytes.size());
  return file.Commit();
}

}  // namespace convstep::exporting
