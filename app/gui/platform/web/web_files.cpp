#include <emscripten.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "platform/web/browser.h"
#include "platform/web/web_paths.h"
#include "platform/web/web_run.h"
#include "state/export_job.h"

namespace convstep::gui::web {
namespace {

namespace fs = std::filesystem;

FileStamp StampOf(const fs::directory_entry& entry) {
  std::error_code ec;
  FileStamp stamp;
  stamp.size = static_cast<long long>(entry.file_size(ec));
  stamp.modified = static_cast<long long>(entry.last_write_time(ec).time_since_epoch().count());
  return stamp;
}

bool IsUnder(const std::string& path, const std::string& dir) {
  return path == dir || (path.rfind(dir, 0) == 0 && path.size() > dir.size() &&
                         (dir.back() == '/' || path[dir.size()] == '/'));
}

// Regular files under `dir` (recursively), skipping the folders in `skip` and their contents.
std::map<std::string, FileStamp> FilesUnder(const std::string& dir,
                                            const std::vector<std::string>& skip) {
  std::map<std::string, FileStamp> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string path = it->path().string();
    const bool skipped = std::any_of(skip.begin(), skip.end(),
                                     [&path](const std::string& s) { return IsUnder(path, s); });
    if (skipped) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) files[path] = StampOf(*it);
  }
  return files;
}

// What the page writes for the user: the whole file system but the browser's devices, the
// page's own assets and storage, and the files the user opened or dropped (GLFW writes drops
// under /.glfw_dropped_files).
std::map<std::string, FileStamp> WrittenFiles() {
  static const std::vector<std::string> kNotWritten = {"/dev",
                                                       "/proc",
                                                       "/sys",
                                                       kWebAssetsDir,
                                                       kWebPersistDir,
                                                       kWebUploadDir,
                                                       "/.glfw_dropped_files"};
  return FilesUnder("/", kNotWritten);
}

bool IsSequenceFrame(const std::string& file_name) {
  return file_name.size() == 14 && file_name.rfind("frame_", 0) == 0 &&
         file_name.compare(10, 4, ".png") == 0 &&
         std::all_of(file_name.begin() + 6, file_name.begin() + 10,
                     [](char c) { return c >= '0' && c <= '9'; });
}

// The download's name. Under the working folder: the path below it, folders joined with '_'
// (a PNG sequence's frame_0003.png in "steps" downloads as steps_frame_0003.png). Anywhere
// else (a typed absolute path such as /tmp/x.png): the file's own name, and a sequence's
// frame with its folder's name in front, as in the working folder.
std::string DownloadName(const std::string& path) {
  const fs::path file(path);
  std::string name;
  if (IsUnder(path, kWebHomeDir)) {
    name = file.lexically_relative(kWebHomeDir).string();
  } else {
    name = file.filename().string();
    const std::string folder = file.parent_path().filename().string();
    if (IsSequenceFrame(name) && !folder.empty()) name = folder + "_" + name;
  }
  std::replace(name.begin(), name.end(), '/', '_');
  return name;
}

}  // namespace

void TakeOpenedFiles(WebRun& run) {
  const auto opened = FilesUnder(kWebUploadDir, {});
  for (const auto& [path, stamp] : opened) {
    if (run.delivered.count(path) && run.delivered[path] == stamp) continue;
    run.delivered[path] = stamp;  // opened, not to be downloaded back
    run.app.files.dropped_paths.push_back(path);
  }
}

void DeliverDownloads(WebRun& run) {
  if (ExportRunning(run.app)) return;  // a GIF or a sequence is still being written
  if (run.frames % 10 != 0) return;    // six times a second is enough
  const auto now = WrittenFiles();
  if (!run.downloads_primed) {  // what was there before the page started is not new
    run.delivered = now;
    run.downloads_primed = true;
    return;
  }
  for (const auto& [path, stamp] : now) {
    auto known = run.delivered.find(path);
    if (known != run.delivered.end() && known->second == stamp) continue;
    if (path.size() > 4 && path.compare(path.size() - 4, 4, ".tmp") == 0) continue;
    run.delivered[path] = stamp;
    DownloadFile(path, DownloadName(path));
  }
}

void SyncStorageWhenChanged(WebRun& run, double now_ms) {
  if (now_ms - run.last_sync_check < 300.0) return;
  run.last_sync_check = now_ms;
  auto now = FilesUnder(kWebPersistDir, {});
  if (now == run.persisted) return;
  run.persisted = std::move(now);
  SyncPersistentStorage();
}

void ApplyQueuedEdits(WebRun& run) {
  AppState& app = run.app;
  for (const auto& [control, value] : run.queued_edits) {
    if (control == "batch") {
      SetBatch(app, value);
      continue;
    }
    if (control == "length") {
      SetLength(app, value);
      continue;
    }
    Conv1dSpec spec = app.draft.spec;
    if (control == "in_channels") spec.in_channels = value;
    if (control == "out_channels") spec.out_channels = value;
    if (control == "kernel_size") spec.kernel_size = value;
    if (control == "stride") spec.stride = value;
    if (control == "dilation") spec.dilation = value;
    if (control == "groups") spec.groups = value;
    SetSpec(app, spec, control.c_str());
  }
  run.queued_edits.clear();
}

void RecordFrame(WebRun& run, double start_ms, double end_ms) {
  FrameStats& stats = run.stats;
  if (stats.count > 0) stats.worst_ms = std::max(stats.worst_ms, start_ms - stats.last_start);
  stats.worst_work_ms = std::max(stats.worst_work_ms, end_ms - start_ms);
  stats.last_start = start_ms;
  ++stats.count;
}

// clang-format off
EM_JS(int, JsHardwareConcurrency, (), { return navigator.hardwareConcurrency || 1; });
// clang-format on

int HardwareConcurrency() {
  return JsHardwareConcurrency();
}

}  // namespace convstep::gui::web
