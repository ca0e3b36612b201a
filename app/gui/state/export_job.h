// Exports of pictures: a PNG of the window, or a range of steps as an animated GIF or a
// numbered PNG sequence. The job walks the timeline step by step; the platform layer renders
// each step (offscreen, at the export size) and hands the pixels to AddExportFrame. A GIF
// appears only when complete; a cancelled or failed export leaves no file behind (a PNG
// sequence removes the frames it wrote). No GL here, so tests drive it with made-up pixels.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "convstep/result.h"
#include "gif_writer.h"
#include "state/app_state.h"

namespace convstep::gui {

/// A running export.
struct ExportJob {
  ExportRequest request;
  int64_t next = 0;           ///< index of the next frame (0 .. frames)
  int64_t frames = 0;         ///< frames in all
  int width = 0, height = 0;  ///< the rendered size (before cropping)
  std::unique_ptr<exporting::GifWriter> gif;
  std::vector<std::string> written;  ///< PNG files written so far
  bool cancel_requested = false;
  int settle_frames = 0;                ///< frames still to render before the next capture
  std::array<int, 4> crop{0, 0, 0, 0};  ///< the region of every frame (fixed at the first)
  bool has_crop = false;
  /// What to put back when the export ends.
  Timeline timeline;
  float permute_progress = 1.f;
  std::vector<std::string> slide_panels;  ///< app.present.region before a kChosenPanels export
  bool presenting = false;                ///< app.present.on before it
};

/// Frames rendered before the first capture (fonts and layout settle) and before each
/// capture after a step change (scroll positions follow one frame late).
inline constexpr int kExportWarmupFrames = 3;
inline constexpr int kExportSettleFrames = 2;

/// Checks a request against the session (range, delay, size, path) without starting it.
Result<bool> CheckExportRequest(const AppState& app, const ExportRequest& request);

/// Starts an export at the rendered size width x height: remembers the timeline, switches
/// to the request's granularity and its first step; for chosen panels, shows them alone as a
/// slide (presentation mode's layout and text) until the export ends. Errors leave everything
/// as it was.
Result<bool> StartExport(AppState& app, const ExportRequest& request, int width, int height);

/// True while an export runs.
bool ExportRunning(const AppState& app);

/// Prepares the frame about to be rendered: the step to show (tweens finished, playback
/// stopped). Returns true when this frame's pixels should be captured.
bool PrepareExportFrame(AppState& app);

/// The part of a rendered frame the request wants, in pixels: the whole frame (also for chosen
/// panels, which fill it), or the union of the sliding-window and dot-product panels (`window_rect`
/// / `dot_rect`: min x, min y, max x, max y; empty when hidden). Errors when the region is empty.
Result<std::array<int, 4>> ExportCrop(const ExportRequest& request, int width, int height,
                                      const std::array<float, 4>& window_rect,
                                      const std::array<float, 4>& dot_rect);

/// Adds the captured frame (already cropped). Writes the GIF frame or the next PNG; finishes
/// the export after the last frame. Errors end the export (nothing left behind) and are kept
/// in app.files.exporting.error.
Result<bool> AddExportFrame(AppState& app, const exporting::RgbaImage& image);

/// Ends the running export with `error` (what it wrote is removed).
void FailExport(AppState& app, const std::string& error);
/// FailExport with an Error: its one line in English (stderr) and in the UI's language.
void FailExport(AppState& app, const Error& error);

/// Asks the running export to stop; it ends before the next frame, removing what it wrote.
void CancelExport(AppState& app);

/// Fraction done, 0 .. 1.
float ExportProgress(const AppState& app);

/// The name of PNG frame `index` of a sequence: <folder>/frame_0007.png.
std::string SequenceFrameName(const std::string& folder, int64_t index);

/// Encodes RGBA pixels as PNG bytes (stb_image_write), for WriteFileSafely.
std::string EncodePng(const exporting::RgbaImage& image);

/// Crops an image to [x0, x1) x [y0, y1).
exporting::RgbaImage CropImage(const exporting::RgbaImage& image, const std::array<int, 4>& rect);

}  // namespace convstep::gui
