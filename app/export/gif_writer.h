// Animated GIF export with Debian's giflib: frames of RGBA pixels in, one looping GIF out.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "convstep/result.h"

namespace convstep::exporting {

/// An image in memory: width x height pixels, 4 bytes each (R, G, B, A), rows top to bottom.
struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;
};

/// Writes an animated GIF frame by frame. The file appears only when Finish() succeeds: frames
/// go to PATH.tmp, renamed at the end, so a cancelled or failed export leaves nothing behind.
/// PATH is checked as file_target.h says (a link is written through; a folder, pipe or device
/// is refused) and every write is checked: errors give the system's reason.
class GifWriter {
 public:
  GifWriter();
  ~GifWriter();  ///< an unfinished export is abandoned and its temporary file removed
  GifWriter(const GifWriter&) = delete;
  GifWriter& operator=(const GifWriter&) = delete;

  /// Starts a GIF of the given size; `delay_ms` per frame (GIF stores hundredths of a
  /// second), looping forever. Errors name the path.
  Result<bool> Open(const std::string& path, int width, int height, int delay_ms);
  /// Appends one frame (quantized to 256 colours); it must have the size given to Open.
  Result<bool> AddFrame(const RgbaImage& frame);
  /// Closes the file and moves it into place.
  Result<bool> Finish();
  /// Stops without writing anything (removes the temporary file).
  void Cancel();
  /// Frames added so far.
  int frame_count() const { return frames_; }

 private:
  struct State;
  static Error WriteFailure(const State& state, int gif_error);
  std::unique_ptr<State> state_;
  int frames_ = 0;
};

/// Number of frames and the first frame's delay (ms) of a GIF file, read back with giflib.
struct GifInfo {
  int frames = 0;
  int width = 0;
  int height = 0;
  int delay_ms = 0;
};

/// Reads a GIF's frame count, size and delay (for tests and for reporting an export).
Result<GifInfo> ReadGifInfo(const std::string& path);

}  // namespace convstep::exporting
