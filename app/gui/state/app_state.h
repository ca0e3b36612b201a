// AppState: all mutable state of the app, owned by main(). Panels read it and change it only
// through the named functions below, which keep derived state (session, timeline position,
// tweens, hover) in step.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "convstep/result.h"
#include "convstep/walkthrough.h"
#include "model/hover.h"
#include "model/i18n.h"
#include "model/session.h"
#include "model/timeline.h"
#include "state/background.h"
#include "state/files_state.h"
#include "state/presentation_state.h"
#include "state/teach_state.h"
#include "state/view_state.h"

namespace convstep::gui {

/// Duration of the permute animation, in seconds.
inline constexpr float kPermuteSeconds = 2.6f;

/// A preset session from assets/presets/*.json.
struct Preset {
  std::string title;  ///< its "title" key, or the file name
  std::string path;
  std::string name;  ///< the file name without ".json", as "05_groups"
};

/// A preset's title in the UI's language: the table's "preset.<name>", else its own title.
std::string PresetTitle(const I18n& i18n, const Preset& preset);

/// An edit the app refused: PyTorch's error and the control it is shown beside.
struct EditError {
  Error error;
  std::string control;  ///< "stride", "batch", "values", ... (see ControlForError)
  std::string edited;   ///< the control the user changed (may differ from `control`)
};

/// The kernel frame's slide between window positions.
struct WindowTween {
  float from = 0.f;       ///< window start (padded position) where the slide began
  float to = 0.f;         ///< window start of the current step
  float progress = 1.f;   ///< 0 .. 1
  float seconds = 0.25f;  ///< length of this slide
};

/// The permute animation's clock.
struct PermuteAnimation {
  float progress = 1.f;  ///< 0: cells in [l, c] places .. 1: in [c, l] places
  bool playing = false;
};

/// The pan / zoom state of each panel that can outgrow its tile.
struct Canvases {
  CanvasView input, permute, kernels, window, output;
};

/// Small per-panel memory that is not part of the picture.
struct PanelMemory {
  int64_t dot_product_scrolled_tap = -1;  ///< the tap row the dot product last scrolled to
  int64_t dot_product_scrolled_window = -1;
  bool legend_in_strip = true;  ///< the strip had room for the colour legend last frame
};

/// Presentation settings.
struct ViewSettings {
  float text_scale = 1.f;      ///< the user's text size (1 = kBaseFontPixels)
  float content_scale = 1.f;   ///< the monitor's content scale (from GLFW)
  float display_factor = 1.f;  ///< text follows the window: 1 at 1600x900 (see SetDisplaySize)
  bool fonts_dirty = true;     ///< the font atlas must be rebuilt before the next frame
  bool show_numbers = true;    ///< numbers in cells (when they fit)
  bool high_contrast = false;  ///< the high-contrast theme for projectors (View menu)
  ColorMap colormap = ColorMap::kBlueOrange;  ///< the value colours (View → Colour map)
  PanelVisibility show;
};

/// The whole app's state.
struct AppState {
  std::string assets_dir;
  I18n i18n;
  std::vector<Preset> presets;
  Recipe draft;  ///< what the controls show (may be invalid)
  /// The last valid session: what is drawn. Immutable and shared, so a frame that began with
  /// it can finish drawing it even when an edit replaces it midway.
  std::shared_ptr<const Session> session;
  std::optional<EditError> edit_error;  ///< why `draft` is not drawn
  std::string notice;                   ///< a one-line status message (empty: none)
  Timeline timeline;
  WindowTween window_tween;
  PermuteAnimation permute;
  HoverState hover;
  ViewSettings view;
  Canvases canvases;
  PanelMemory memory;
  FontSet fonts;
  TeachState teach;  ///< lesson, language, sentences, code and Conv2d views (teach_state.h)
  FilesState files;  ///< import, cell edits, undo, save, export, settings, autosave (files_state.h)
  BackgroundBuild build;  ///< large edits built off the UI thread; the memory budget (background.h)
  PresentationState present;         ///< presentation mode (presentation.h)
  bool show_forgot_permute = false;  ///< the "forgot the permute" window is open
  bool show_about = false;
  bool quit_requested = false;
};

// --- Showing a session ---------------------------------------------------------------------

/// What a new session keeps of the view of the old one.
enum class Keep {
  kPosition,  ///< the timeline's (n, o, t, tap) and highlights, where they still exist (edits)
  kNothing,   ///< step 0, no highlight, panels panned back (a file, a preset, a chapter)
};

/// The only way a new session reaches the screen: cancels a build still running, makes
/// `session` the session and its recipe the draft, clears the edit error, places the timeline
/// and the highlights as `keep` says, and settles the kernel frame's slide.
void ShowSession(AppState& app, std::shared_ptr<const Session> session, Keep keep);
/// ShowSession for a session just built.
void ShowSession(AppState& app, Session session, Keep keep);

// --- Start-up -----------------------------------------------------------------------------

/// Loads the English table and the presets from `assets_dir` and opens the default session
/// (the seed example, randn seed 0; arange with a notice if randn is unavailable).
/// Returns false only when no session at all could be built.
bool InitAppState(AppState& app, const std::string& assets_dir, std::string* error);

/// Opens a spec JSON text (the convstep-cli schema) as the session. On error nothing changes.
Result<bool> OpenSpecText(AppState& app, const std::string& text, const std::string& origin);
/// Opens a spec JSON file. Errors name the file.
Result<bool> OpenSpecFile(AppState& app, const std::string& path);
/// Opens preset `index` of app.presets.
Result<bool> OpenPreset(AppState& app, size_t index);

// --- Parameter edits (each re-runs at once, keeping (n, o, t) where it still exists) ------

/// How an edit that fails says so.
enum class EditFailure {
  kBesideControl,  ///< app.edit_error, shown beside the control (parameter edits)
  kNotice,         ///< app.notice, one line (value edits, which cannot make a layer invalid)
};

/// The one pipeline of every edit: checks `recipe`, builds it (on the worker when it is large,
/// the last session staying on screen meanwhile) and shows it with ShowSession, keeping the
/// position. On failure the session stays and `report` says where the error goes.
bool BuildAndShow(AppState& app, const Recipe& recipe, const char* control, EditFailure report);

/// Tries `recipe`: on success it becomes the session; on failure the last valid session stays
/// and app.edit_error says why, beside `control` unless the error names another control.
bool ApplyRecipe(AppState& app, const Recipe& recipe, const char* control);
/// Edits the layer's arguments.
bool SetSpec(AppState& app, const Conv1dSpec& spec, const char* control);
/// Edits N.
bool SetBatch(AppState& app, int64_t batch);
/// Edits L.
bool SetLength(AppState& app, int64_t length);
/// Switches between input given as [N, L, C] (permuted first) and [N, C, L].
bool SetLayout(AppState& app, InputLayout layout);
/// Generates every tensor from `source` (keeping the seed).
bool SetValueSource(AppState& app, ValueSource source);
/// Uses the seed document's printed [6,5,3] input (sets N, L, C and the layout to match).
bool UseSeedDocumentInput(AppState& app);
/// Uses `sentences` as the input: N = their count, L = the longest one's tokens, given as
/// [N, L, C]; the layer, the seed and the weights' source are kept. On failure the last
/// valid session stays and app.edit_error says why (control "sentences").
bool SetSentences(AppState& app, const std::vector<std::string>& sentences);
/// Changes the seed; generated tensors are regenerated, the position kept.
bool SetSeed(AppState& app, uint64_t seed);
/// Drops an invalid draft: the controls show the session's values again.
void RevertDraft(AppState& app);
/// The control an error belongs to: its parameter when that is a control, else `edited`.
std::string ControlForError(const Error& error, const std::string& edited);

// --- Timeline -----------------------------------------------------------------------------

/// Steps at the current granularity.
int64_t StepCount(const AppState& app);
/// The current step's state (none when the output is empty).
std::optional<StepState> CurrentStepState(const AppState& app);
/// The tap the timeline stands on.
TapCoord CurrentTap(const AppState& app);
/// Goes to `step` (clamped to the walkthrough) and starts the kernel frame's slide.
void SeekStep(AppState& app, int64_t step);
/// Moves by `delta` steps.
void StepBy(AppState& app, int64_t delta);
/// Goes to the first tap of output (n, o, t) at the current granularity.
void SeekOutput(AppState& app, int64_t n, int64_t out_channel, int64_t t);
/// Goes to the start of batch item n.
void SeekBatchItem(AppState& app, int64_t n);
/// Changes the granularity, keeping the position.
void SetGranularity(AppState& app, Granularity granularity);
/// Play / pause (playing from the last step restarts from the first).
void TogglePlay(AppState& app);
/// Sets the speed within [kMinSpeed, kMaxSpeed].
void SetSpeed(AppState& app, float speed);

// --- Animation and presentation -----------------------------------------------------------

/// Advances playback, the kernel frame's slide and the permute animation by `dt` seconds.
void AdvanceAnimations(AppState& app, float dt);
/// True while something moves on its own (playback, the frame's slide, the permute).
bool IsAnimating(const AppState& app);
/// The kernel frame's displayed window start (between two positions while sliding).
float DisplayedWindowStart(const AppState& app);
/// Restarts the permute animation.
void ReplayPermute(AppState& app);
/// Sets the text size (0.75 .. 3) and schedules a font rebuild.
void SetTextScale(AppState& app, float scale);
/// Records the monitor's content scale (schedules a font rebuild when it changed).
void SetContentScale(AppState& app, float scale);
/// Records the display size: text scales with the window, min(W/1600, H/900) in steps of
/// 1/16 within [0.75, 1.25], so the picture keeps its proportions on any screen or projector;
/// presenting, H/900 alone (a 4:3 projector's text as tall as a 16:9 one's).
void SetDisplaySize(AppState& app, float width, float height);
/// The UI font's pixel size for the app's text scale, content scale and display factor.
float AppFontPixels(const AppState& app);

}  // namespace convstep::gui
