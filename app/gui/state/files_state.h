// The state of bringing numbers in and taking pictures and sessions out: the import
// window (files, drops, pasted print(tensor) text), the cell editor, undo, saving, exports,
// settings and autosave. Plain data held by AppState (app.files); the functions that change it
// live in io/*.h and the windows that show it in panels/import_panel.h, values_panel.h,
// export_panel.h and restore_panel.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "convstep/tensor.h"
#include "convstep/walkthrough.h"

namespace convstep::gui {

struct Session;
struct ExportJob;  // io/export_job.h

/// What a loaded or pasted tensor is used as.
enum class ImportTarget {
  kInputNLC,  ///< the input as [N, L, C] (2-d: [L, C], rows are positions); permuted first
  kInputNCL,  ///< the input as [N, C, L] (2-d: [C, L], rows are channels)
  kWeight,    ///< the layer's weight [out, in/groups, k]
  kBias,      ///< the layer's bias [out]
};

/// One reading of a tensor, and whether the current layer accepts it.
struct ImportOption {
  ImportTarget target = ImportTarget::kInputNLC;
  Shape shape;         ///< the shape it takes ([1, L, C] for 2-d input read as NLC, ...)
  bool fits = false;   ///< the session builds with it
  std::string reason;  ///< why it does not fit (empty when it fits), in English
  Error error;         ///< the same error, to show in the UI's language (LocalizedError)
};

/// A tensor read from a file or pasted, waiting to be told what it is.
struct PendingImport {
  Tensor tensor;
  std::string origin;  ///< the file name, or kPastedOrigin
  std::vector<ImportOption> options;
  int chosen = -1;  ///< index into `options` (-1: none chosen yet)
};

/// The import window: File → Open's path field, Edit → Paste's text, and the question
/// "what is this tensor?" for files and pastes that fit more than one way (or none).
struct ImportWindow {
  bool open = false;
  bool paste_mode = false;   ///< shows the text area for print(tensor) text
  bool focus_field = false;  ///< put the keyboard in the path / text field next frame
  std::string path;          ///< File → Open's path field
  std::string text;          ///< pasted text
  std::string parsed_text;   ///< the text `pending` was parsed from
  std::optional<PendingImport> pending;
  std::string error;   ///< why the file or text could not be read, or the import failed
  std::string fitted;  ///< the error and readings the window's height was last fitted to
};

/// Which tensor a cell belongs to.
enum class EditedTensor { kInput, kWeight, kBias };

/// A cell of the input (n, row, col in the layout as given), weight (o, c_local, k) or bias (o).
struct CellRef {
  EditedTensor tensor = EditedTensor::kInput;
  int64_t a = 0, b = 0, c = 0;
  bool operator==(const CellRef& o) const {
    return tensor == o.tensor && a == o.a && b == o.b && c == o.c;
  }
};

/// The small editor that a double-click on a cell opens beside it.
struct CellEditor {
  bool open = false;
  CellRef cell;
  ImVec2 anchor{0, 0};     ///< where it opens (the pointer at the double-click)
  float original = 0.f;    ///< the value before editing (Revert)
  bool focus_text = true;  ///< the text field takes the keyboard when it opens
  int frames_open = 0;
};

/// A value being dragged or typed in a large session: shown in its box at once, built when the
/// gesture ends (in the background), and shown until the new session arrives.
struct LiveEdit {
  bool active = false;     ///< the gesture goes on
  bool submitted = false;  ///< ended; its build is pending
  CellRef cell;
  float value = 0.f;
  std::shared_ptr<const Session> base;  ///< the session on screen when it was submitted
};

/// The "Edit values" window: every cell of the input (one batch item), weight and bias.
struct ValuesWindow {
  bool open = false;
  int tab = 0;  ///< 0 input, 1 weight, 2 bias (the tab to select next frame, -1: none)
  bool select_tab = false;
  int64_t batch_item = -1;   ///< the input's batch item shown (-1: follow the timeline)
  int64_t first_column = 0;  ///< the first column shown of a wide tensor (pages of columns)
};

/// File → Save session.
struct SaveDialog {
  bool open = false;
  std::string path = "convstep_session.json";
  std::string error;
  std::string fitted;  ///< the error the window's height was last fitted to
};

/// What an export writes.
enum class ExportKind { kPng, kGif, kPngSequence };
/// What part of the window it shows.
enum class ExportRegion {
  kWindow,         ///< the whole window
  kSlidingPanels,  ///< the sliding-window and dot-product panels only
  kChosenPanels,   ///< ExportRequest::panels alone, filling the frame (a slide, as --region)
};

/// One export, as the export window or the command line asks for it.
struct ExportRequest {
  ExportKind kind = ExportKind::kGif;
  std::string path = "convstep.gif";  ///< the file, or the folder of a PNG sequence
  int64_t from = 0;                   ///< first step
  int64_t to = 24;                    ///< end step, not included (like range(from, to))
  Granularity granularity = Granularity::kTap;
  int delay_ms = 500;  ///< GIF frame delay
  ExportRegion region = ExportRegion::kWindow;
  bool window_size = true;  ///< render at the window's size (else width x height)
  int width = 1280, height = 720;
  /// kChosenPanels: the step-by-step panels ("kernel", "output", ...: stage_panels.h), side by
  /// side over the whole frame with presentation mode's text.
  std::vector<std::string> panels = {"sliding_window", "dot_product"};
};

/// The export window (the request being edited) and the job that runs.
struct ExportState {
  bool open = false;
  ExportRequest request;
  std::string error;               ///< why the request cannot start, or why the last export failed
  std::string error_shown;         ///< `error` in the UI's language (what the export window shows)
  std::string message;             ///< what the last export wrote
  std::shared_ptr<ExportJob> job;  ///< the running export (null: none)
  ImVec2 progress_min{0, 0}, progress_max{0, 0};  ///< the progress window, last frame
};

/// Settings remembered between runs in the XDG config folder (see state/settings.h).
struct SettingsState {
  bool enabled = false;      ///< read and write them (not in headless runs)
  std::string dir;           ///< $XDG_CONFIG_HOME/convstep or ~/.config/convstep
  std::string ini_path;      ///< Dear ImGui's ini file there (io.IniFilename points here)
  std::string last_written;  ///< the JSON last written (write only on change)
  std::string error;         ///< why they could not be read or written
  int window_width = 0, window_height = 0;  ///< the window's size, recorded each frame
  /// The remembered language (language.json's, else settings.json's): what the next start
  /// shows. Not the one in use, which --lang may set for one run only.
  std::string language = "en";
  double last_check = -1e9;  ///< when settings were last compared with the file (seconds)
};

/// Autosave of the session being edited, and the offer to restore one after a crash.
struct AutosaveState {
  bool enabled = false;  ///< write autosaves (interactive runs only)
  std::string path;      ///< this run's file: <dir>/autosave-<pid>.json
  /// The session the file holds (held, so that its address is not reused by a new one).
  std::shared_ptr<const Session> saved_session;
  int64_t saved_step = -1;
  /// Nothing is written until the session differs from this one (the one at start).
  std::shared_ptr<const Session> initial_session;
  bool has_file = false;       ///< this run has written its file
  double last_write = -1e9;    ///< seconds (the caller's clock)
  double write_seconds = 0.0;  ///< how long the last write took
  std::string error;           ///< why the last write failed
  /// Autosaves left by runs that did not exit cleanly, newest first: offered at start.
  std::vector<std::string> orphans;
  bool offer_open = false;
};

/// Everything of the files feature in one place.
struct FilesState {
  ImportWindow import;
  CellEditor cell_editor;
  LiveEdit live;
  ValuesWindow values;
  SaveDialog save;
  ExportState exporting;
  SettingsState settings;
  AutosaveState autosave;
  /// Sessions before each value edit, import or open, newest last (Edit → Undo).
  std::vector<std::shared_ptr<const Session>> undo;
  std::vector<std::string> dropped_paths;  ///< files dropped on the window, not yet handled
  std::string current_file;  ///< the session file last opened or saved (Save's default path)
};

/// ConvStep's own windows (dialogs, editors, progress) have names containing this; exports
/// leave them out of the picture.
inline constexpr const char* kFileWindowPrefix = "###io_";

/// The origin of values pasted as print(tensor) text.
inline constexpr const char* kPastedOrigin = "<pasted>";
/// The origin of values that started generated (randn, arange, ...) and were edited.
inline constexpr const char* kGeneratedOrigin = "";
/// The origin of the seed document's input after an edit.
inline constexpr const char* kSeedDocumentOrigin = "<seed document>";
/// The origin of typed sentences' vectors after an edit.
inline constexpr const char* kSentencesOrigin = "<sentences>";

/// Most sessions kept for undo.
inline constexpr size_t kMaxUndo = 64;

}  // namespace convstep::gui
