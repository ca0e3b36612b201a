#include "gif_writer.h"

#include <gif_lib.h>

#include "file_target.h"

namespace convstep::exporting {

struct GifWriter::State {
  GifFileType* file = nullptr;
  AtomicFile out;  ///< PATH.tmp, every write checked
  int width = 0, height = 0, delay_cs = 0;
};

namespace {

// giflib's output: appends to the AtomicFile; a short count makes giflib report the failure.
int WriteGifBytes(GifFileType* file, const GifByteType* bytes, int length) {
  auto* out = static_cast<AtomicFile*>(file->UserData);
  return out->Write(bytes, static_cast<size_t>(length)) ? length : 0;
}

// "<what>: <giflib's reason>"; `what` names the action and the file ("cannot write x.gif").
Error GifError(Message what, int code) {
  const char* reason = GifErrorString(code);
  return MakeError(
      Message{"gif_failed", "{0}: {1}", {std::move(what), reason ? reason : "giflib error"}},
      "file",
      Hint{"gif_folder", "check that the folder exists, is writable and has free space", {}});
}

// The NETSCAPE2.0 block that makes browsers and viewers loop the animation forever.
bool PutLoopForever(GifFileType* file) {
  const unsigned char application[] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
  const unsigned char loop[] = {1, 0, 0};  // sub-block 1, loop count 0 = forever
  return EGifPutExtensionLeader(file, APPLICATION_EXT_FUNC_CODE) == GIF_OK &&
         EGifPutExtensionBlock(file, sizeof application, application) == GIF_OK &&
         EGifPutExtensionBlock(file, sizeof loop, loop) == GIF_OK &&
         EGifPutExtensionTrailer(file) == GIF_OK;
}

}  // namespace

// A failed write: the system's reason when the file refused bytes, else giflib's.
Error GifWriter::WriteFailure(const State& state, int gif_error) {
  if (state.out.write_failed()) return state.out.WriteError();
  return GifError(Message{"cannot_write", "cannot write {0}", {state.out.temporary()}}, gif_error);
}

GifWriter::GifWriter() = default;

GifWriter::~GifWriter() {
  Cancel();
}

Result<bool> GifWriter::Open(const std::string& path, int width, int height, int delay_ms) {
  Cancel();
  if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
    return MakeError(Message{"gif_size",
                             "a GIF of {0}x{1} pixels is not possible",
                             {std::to_string(width), std::to_string(height)}},
                     "size", Hint{"gif_size", "use a size between 1x1 and 16384x16384", {}});
  if (delay_ms < 10 || delay_ms > 60000)
    return MakeError(
        Message{
            "delay_range", "a frame delay of {0} ms is out of range", {std::to_string(delay_ms)}},
        "delay", Hint{"gif_delay", "use 10 to 60000 ms (GIF counts hundredths of a second)", {}});
  auto state = std::make_unique<State>();
  state->width = width;
  state->height = height;
  state->delay_cs = (delay_ms + 5) / 10;
  if (auto opened = state->out.Open(path, "steps.gif"); !opened) return opened.error();
  int code = 0;
  state->file = EGifOpen(&state->out, WriteGifBytes, &code);
  if (!state->file)
    return GifError(Message{"gif_create", "cannot create {0}", {state->out.temporary()}}, code);
  EGifSetGifVersion(state->file, true);  // GIF89a: needed for delays and looping
  if (EGifPutScreenDesc(state->file, width, height, 8, 0, nullptr) != GIF_OK ||
      !PutLoopForever(state->file)) {
    const Error error = WriteFailure(*state, state->file->Error);
    EGifCloseFile(state->file, &code);
    state->file = nullptr;
    return error;  // the AtomicFile removes PATH.tmp
  }
  state_ = std::move(state);
  frames_ = 0;
  return true;
}

Result<bool> GifWriter::AddFrame(const RgbaImage& frame) {
  if (!state_)
    return MakeError(Message{"gif_not_open", "the GIF export is not open", {}}, "export",
                     Hint{"gif_not_open", "start the export first", {}});
  if (frame.width != state_->width || frame.height != state_->height ||
      frame.pixels.size() != static_cast<size_t>(frame.width) * frame.height * 4)
    return MakeError(Message{"gif_frame_size",
                             "a frame of {0}x{1} does not match the GIF's {2}x{3}",
                             {std::to_string(frame.width), std::to_string(frame.height),
                              std::to_string(state_->width), std::to_string(state_->height)}},
                     "size",
                     Hint{"gif_frame_size", "keep the window size fixed while exporting", {}});
  const size_t count = static_cast<size_t>(frame.width) * frame.height;
  std::vector<GifByteType> red(count), green(count), blue(count), indices(count);
  for (size_t i = 0; i < count; ++i) {
    red[i] = frame.pixels[4 * i];
    green[i] = frame.pixels[4 * i + 1];
    blue[i] = frame.pixels[4 * i + 2];
  }
  int colours = 256;
  std::vector<GifColorType> palette(256);
  if (GifQuantizeBuffer(static_cast<unsigned>(frame.width), static_cast<unsigned>(frame.height),
                        &colours, red.data(), green.data(), blue.data(), indices.data(),
                        palette.data()) != GIF_OK)
    return MakeError(Message{"gif_colours", "cannot reduce the frame to 256 colours", {}}, "export",
                     Hint{"try_again", "try again", {}});
  ColorMapObject* map = GifMakeMapObject(256, palette.data());
  GraphicsControlBlock gcb{};
  gcb.DisposalMode = DISPOSE_DO_NOT;
  gcb.DelayTime = state_->delay_cs;
  gcb.TransparentColor = NO_TRANSPARENT_COLOR;
  GifByteType extension[4];
  const size_t length = EGifGCBToExtension(&gcb, extension);
  bool ok = map &&
            EGifPutExtension(state_->file, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(length),
                             extension) == GIF_OK &&
            EGifPutImageDesc(state_->file, 0, 0, frame.width, frame.height, false, map) == GIF_OK;
  for (int row = 0; ok && row < frame.height; ++row)
    ok = EGifPutLine(state_->file, indices.data() + static_cast<size_t>(row) * frame.width,
                     frame.width) == GIF_OK;
  GifFreeMapObject(map);
  if (!ok) {
    const Error error = WriteFailure(*state_, state_->file->Error);
    Cancel();
    return error;
  }
  ++frames_;
  return true;
}

Result<bool> GifWriter::Finish() {
  if (!state_)
    return MakeError(Message{"gif_not_open", "the GIF export is not open", {}}, "export",
                     Hint{"gif_not_open", "start the export first", {}});
  int code = 0;
  const bool closed = EGifCloseFile(state_->file, &code) == GIF_OK;
  state_->file = nullptr;
  if (!closed || state_->out.write_failed()) {
    const Error error =
        state_->out.write_failed()
            ? state_->out.WriteError()
            : GifError(Message{"gif_finish", "cannot finish {0}", {state_->out.temporary()}}, code);
    Cancel();
    return error;
  }
  // Flushed, closed and renamed into place; on failure the temporary file is gone too.
  auto committed = state_->out.Commit();
  state_.reset();
  frames_ = 0;
  if (!committed) return committed.error();
  return true;
}

void GifWriter::Cancel() {
  if (!state_) return;
  if (state_->file) {
    int code = 0;
    EGifCloseFile(state_->file, &code);
  }
  state_->out.Abandon();
  state_.reset();
  frames_ = 0;
}

Result<GifInfo> ReadGifInfo(const std::string& path) {
  int code = 0;
  GifFileType* file = DGifOpenFileName(path.c_str(), &code);
  if (!file) return GifError(Message{"cannot_open", "cannot open {0}", {path}}, code);
  if (DGifSlurp(file) != GIF_OK) {
    const Error error = GifError(Message{"cannot_read", "cannot read {0}", {path}}, file->Error);
    DGifCloseFile(file, &code);
    return error;
  }
  GifInfo info;
  info.frames = file->ImageCount;
  info.width = file->SWidth;
  info.height = file->SHeight;
  GraphicsControlBlock gcb{};
  if (file->ImageCount > 0 && DGifSavedExtensionToGCB(file, 0, &gcb) == GIF_OK)
    info.delay_ms = gcb.DelayTime * 10;
  DGifCloseFile(file, &code);
  return info;
}

}  // namespace convstep::exporting
