// The browser run: what main() keeps for the page's life, and the per-frame services of the
// page (files in and out, storage sync, frame timing, the tests' edits) in web_files.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "platform/headless_run.h"
#include "platform/options.h"
#include "platform/window.h"
#include "state/app_state.h"

namespace convstep::gui::web {

/// A file in the page's file system, as last seen (to notice new and changed files).
struct FileStamp {
  long long size = -1;
  long long modified = 0;
  bool operator==(const FileStamp& other) const {
    return size == other.size && modified == other.modified;
  }
};

/// Frame timing since the last reset (convstep_web_reset_frames).
struct FrameStats {
  double worst_ms = 0.0;         ///< the longest interval between two frames' starts
  double worst_work_ms = 0.0;    ///< the longest time one frame's work took
  double worst_ui_ms = 0.0;      ///< the longest NewFrame .. Render (layout and draw lists)
  double worst_files_ms = 0.0;   ///< the longest EndFilesFrame (autosave, settings, capture)
  double worst_render_ms = 0.0;  ///< the longest GL submission of the draw lists
  double last_start = 0.0;
  int count = 0;
  int skipped = 0;  ///< frames not drawn: the same pixels as the canvas already shows
};

/// Everything the page's run keeps.
struct WebRun {
  AppOptions options;  ///< the defaults: the page has no command line
  AppState app;
  FilesRun files;
  Platform platform;
  std::string shared_fragment;                 ///< the fragment last put in the address bar
  std::map<std::string, FileStamp> delivered;  ///< files under the home folder already seen
  bool downloads_primed = false;
  std::map<std::string, FileStamp> persisted;  ///< /persist as last synced
  double last_sync_check = 0.0;
  FrameStats stats;
  std::vector<std::pair<std::string, int64_t>> queued_edits;  ///< the tests' parameter edits
  long long frames = 0;
  bool fullscreen_requested = false;  ///< presentation mode asked the browser for full screen
  bool drawn_once = false;            ///< the canvas holds a drawn frame
  uint64_t drawn_fingerprint = 0;     ///< DrawFingerprint of the frame the canvas shows
};

/// The page's run (null before main()).
WebRun* CurrentRun();

/// Opens files the page's picker wrote to kWebUploadDir: queued like dropped files.
void TakeOpenedFiles(WebRun& run);

/// Downloads files that are new or changed under the home folder (saves, exports) once no
/// export is writing; an opened file is not sent back.
void DeliverDownloads(WebRun& run);

/// Writes /persist to IndexedDB when a file in it changed (checked a few times a second).
void SyncStorageWhenChanged(WebRun& run, double now_ms);

/// Makes the queued parameter edits (convstep_web_set_param) as the parameter panel does.
void ApplyQueuedEdits(WebRun& run);

/// Records one frame's start and end (milliseconds, emscripten_get_now()).
void RecordFrame(WebRun& run, double start_ms, double end_ms);

/// navigator.hardwareConcurrency (at least 1).
int HardwareConcurrency();

}  // namespace convstep::gui::web
