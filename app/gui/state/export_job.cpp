#include "state/export_job.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "file_target.h"
#include "model/stage_panels.h"
#include "state/presentation_mode.h"

// A private copy of stb's PNG writer (static functions: render_target.cpp has its own).
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace convstep::gui {
namespace {

namespace fs = std::filesystem;

void AppendBytes(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                             static_cast<size_t>(size));
}

// Puts the timeline and the permute back as they were before the export.
void RestoreView(AppState& app, const ExportJob& job) {
  app.timeline = job.timeline;
  app.permute.progress = job.permute_progress;
  SeekStep(app, app.timeline.step);
  app.window_tween.progress = 1.f;
  if (job.request.region == ExportRegion::kChosenPanels) {
    app.present.region = job.slide_panels;
    SetPresenting(app, job.presenting);
  }
}

void RemoveWritten(ExportJob& job) {
  std::error_code ec;
  for (const std::string& file : job.written) fs::remove(file, ec);
  job.written.clear();
}

// Ends the export: `error` empty for success.
// `error` (English, as stderr prints it) and `shown` (the UI's language; empty: `error`).
void EndExport(AppState& app, const std::string& error, const std::string& shown = "") {
  ExportState& state = app.files.exporting;
  std::shared_ptr<ExportJob> job = state.job;
  if (!job) return;
  state.job.reset();
  RestoreView(app, *job);
  if (!error.empty() || job->cancel_requested) {
    if (job->gif) job->gif->Cancel();
    RemoveWritten(*job);
    state.error = error;
    state.error_shown = shown.empty() ? error : shown;
    state.message =
        job->cancel_requested && error.empty() ? Tr(app.i18n, "export.cancelled") : std::string();
    return;
  }
  state.error.clear();
  state.error_shown.clear();
  const ExportRequest& r = job->request;
  if (r.kind == ExportKind::kGif) {  // giflib creates files readable by their owner only
    std::error_code ec;
    fs::permissions(r.path, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add,
                    ec);
  }
  switch (r.kind) {
    case ExportKind::kPng:
      state.message = TrFormat(app.i18n, "export.done_png", {r.path});
      break;
    case ExportKind::kGif:
      state.message = TrFormat(app.i18n, "export.done_gif",
                               {r.path, std::to_string(job->frames), std::to_string(r.delay_ms)});
      break;
    case ExportKind::kPngSequence:
      state.message =
          TrFormat(app.i18n, "export.done_sequence", {std::to_string(job->frames), r.path});
      break;
  }
  app.notice = state.message;
}

// The index of a file named like a frame of a sequence (frame_0007.png), or -1.
int64_t FrameIndexOf(const std::string& name) {
  if (name.size() != 14 || name.compare(0, 6, "frame_") != 0 || name.compare(10, 4, ".png") != 0)
    return -1;
  int64_t index = 0;
  for (size_t i = 6; i < 10; ++i) {
    if (name[i] < '0' || name[i] > '9') return -1;
    index = index * 10 + (name[i] - '0');
  }
  return index;
}

// The folder of a PNG sequence: a folder (or a new one), writable, holding none of the frames
// the export would write (it never overwrites earlier frames; the first one found is named).
Result<bool> CheckFramesFolder(const ExportRequest& request) {
  std::error_code ec;
  if (!fs::exists(request.path, ec)) return true;  // StartExport creates it
  if (!fs::is_directory(request.path, ec))
    return MakeError(Message{"is_file", "{0} is a file, not a folder", {request.path}}, "path",
                     Hint{"frames_folder", "choose a folder for the numbered frames", {}});
  if (access(request.path.c_str(), W_OK | X_OK) != 0)
    return MakeError(Message{"folder_not_writable",
                             "cannot write in the folder {0}: {1}",
                             {request.path, std::strerror(errno)}},
                     "path",
                     Hint{"choose_writable_folder", "choose a folder you can write to", {}});
  const int64_t frames = request.to - request.from;
  int64_t first = -1;
  for (fs::directory_iterator it(request.path, ec), end; !ec && it != end; it.increment(ec)) {
    const int64_t index = FrameIndexOf(it->path().filename().string());
    if (index >= 0 && index < frames && (first < 0 || index < first)) first = index;
  }
  if (first < 0) return true;
  return MakeError(
      Message{"frames_exist",
              "{0} already exists: the export would overwrite earlier frames",
              {SequenceFrameName(request.path, first)}},
      "path",
      Hint{
          "frames_exist", "choose an empty folder, or remove the old frame_*.png files first", {}});
}

}  // namespace

std::string SequenceFrameName(const std::string& folder, int64_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "frame_%04lld.png", static_cast<long long>(index));
  return (fs::path(folder) / name).string();
}

std::string EncodePng(const exporting::RgbaImage& image) {
  std::string bytes;
  stbi_write_png_to_func(AppendBytes, &bytes, image.width, image.height, 4, image.pixels.data(),
                         image.width * 4);
  return bytes;
}

exporting::RgbaImage CropImage(const exporting::RgbaImage& image, const std::array<int, 4>& rect) {
  exporting::RgbaImage out;
  const int x0 = std::clamp(rect[0], 0, image.width), y0 = std::clamp(rect[1], 0, image.height);
  const int x1 = std::clamp(rect[2], x0, image.width), y1 = std::clamp(rect[3], y0, image.height);
  out.width = x1 - x0;
  out.height = y1 - y0;
  out.pixels.resize(static_cast<size_t>(out.width) * static_cast<size_t>(out.height) * 4);
  for (int y = 0; y < out.height; ++y)
    std::copy_n(
        image.pixels.begin() +
            static_cast<std::ptrdiff_t>((static_cast<size_t>(y0 + y) * image.width + x0) * 4),
        static_cast<size_t>(out.width) * 4,
        out.pixels.begin() + static_cast<std::ptrdiff_t>(static_cast<size_t>(y) * out.width * 4));
  return out;
}

Result<bool> CheckExportRequest(const AppState& app, const ExportRequest& request) {
  if (request.path.empty())
    return MakeError(Message{"no_file_name", "no file name given", {}}, "path",
                     request.kind == ExportKind::kPngSequence
                         ? Hint{"type_folder", "type a folder for the frames", {}}
                         : Hint{"type_file_name", "type a file name", {}});
  if (!request.window_size &&
      (request.width < 64 || request.height < 64 || request.width > 8192 || request.height > 8192))
    return MakeError(Message{"export_size",
                             "a size of {0}x{1} is out of range",
                             {std::to_string(request.width), std::to_string(request.height)}},
                     "size", Hint{"export_size", "use 64 to 8192 pixels a side", {}});
  if (request.region == ExportRegion::kChosenPanels) {
    if (request.panels.empty())
      return MakeError(
          Message{"export_no_panels", "no panel is chosen for the picture", {}}, "region",
          Hint{"export_no_panels", "tick at least one panel, or export the whole window", {}});
    for (const std::string& panel : request.panels)
      if (!IsStagePanel(panel))
        return MakeError(Message{"export_unknown_panel", "{0} is not a panel", {panel}}, "region",
                         Hint{"export_unknown_panel",
                              "choose among input, permute, kernel, sliding_window, dot_product "
                              "and output",
                              {}});
  }
  if (request.kind == ExportKind::kPngSequence) {
    if (auto folder = CheckFramesFolder(request); !folder) return folder.error();
  } else if (auto target = exporting::ResolveWriteTarget(
                 request.path, request.kind == ExportKind::kGif ? "steps.gif" : "picture.png");
             !target) {
    return target.error();
  }
  if (request.kind == ExportKind::kPng) return true;
  if (request.delay_ms < 10 || request.delay_ms > 60000)
    return MakeError(Message{"delay_range",
                             "a frame delay of {0} ms is out of range",
                             {std::to_string(request.delay_ms)}},
                     "delay", Hint{"export_delay", "use 10 to 60000 ms", {}});
  const int64_t count = MakeWalkthrough(*app.session).StepCount(request.granularity);
  if (count <= 0)
    return MakeError(
        Message{"export_no_steps", "this session has no steps (the output is empty)", {}}, "from",
        Hint{"export_no_steps", "give the layer an input with at least one output position", {}});
  if (request.from < 0 || request.from >= count || request.to <= request.from || request.to > count)
    return MakeError(Message{"export_range",
                             "steps {0} to {1} (end not included) are out of range: there are {2} "
                             "steps at granularity {3}",
                             {std::to_string(request.from), std::to_string(request.to),
                              std::to_string(count), GranularityName(request.granularity)}},
                     "from",
                     Hint{"export_range",
                          "choose from and to with 0 <= from < to <= {0}",
                          {std::to_string(count)}});
  if (request.to - request.from > 10000)
    return MakeError(
        Message{
            "export_frames", "{0} frames is too many", {std::to_string(request.to - request.from)}},
        "to",
        Hint{
            "export_frames", "export at most 10000 steps (a coarser granularity covers more)", {}});
  return true;
}

Result<bool> StartExport(AppState& app, const ExportRequest& request, int width, int height) {
  if (ExportRunning(app))
    return MakeError(Message{"export_running", "an export is already running", {}}, "export",
                     Hint{"export_running", "wait for it, or cancel it", {}});
  if (auto ok = CheckExportRequest(app, request); !ok) return ok.error();
  auto job = std::make_shared<ExportJob>();
  job->request = request;
  job->width = width;
  job->height = height;
  job->frames = request.kind == ExportKind::kPng ? 1 : request.to - request.from;
  job->timeline = app.timeline;
  job->permute_progress = app.permute.progress;
  job->slide_panels = app.present.region;
  job->presenting = app.present.on;
  job->settle_frames = kExportWarmupFrames;
  if (request.kind == ExportKind::kPngSequence) {
    std::error_code ec;
    fs::create_directories(request.path, ec);
    if (ec)
      return MakeError(Message{"cannot_create_folder",
                               "cannot create the folder {0}: {1}",
                               {request.path, ec.message()}},
                       "path", Hint{"check_permissions", "check the permissions", {}});
  }
  app.files.exporting.job = job;
  app.files.exporting.error.clear();
  app.files.exporting.error_shown.clear();
  app.files.exporting.message.clear();
  app.timeline.playing = false;
  if (request.region == ExportRegion::kChosenPanels) {  // the panels fill the frame, as a slide
    app.present.region = request.panels;
    SetPresenting(app, true);
  }
  if (request.kind != ExportKind::kPng) {
    SetGranularity(app, request.granularity);
    SeekStep(app, request.from);
    app.window_tween.progress = 1.f;
  }
  return true;
}

bool ExportRunning(const AppState& app) {
  return app.files.exporting.job != nullptr;
}

bool PrepareExportFrame(AppState& app) {
  std::shared_ptr<ExportJob> job = app.files.exporting.job;
  if (!job) return false;
  if (job->cancel_requested) {
    EndExport(app, "");
    return false;
  }
  app.timeline.playing = false;
  app.permute.progress = 1.f;
  app.permute.playing = false;
  if (job->request.kind != ExportKind::kPng) {
    const int64_t step = job->request.from + job->next;
    if (app.timeline.step != step || app.timeline.granularity != job->request.granularity) {
      if (app.timeline.granularity != job->request.granularity)
        SetGranularity(app, job->request.granularity);
      SeekStep(app, step);
      job->settle_frames = std::max(job->settle_frames, kExportSettleFrames);
    }
  }
  app.window_tween.progress = 1.f;
  if (job->settle_frames > 0) {
    --job->settle_frames;
    return false;
  }
  return true;
}

Result<std::array<int, 4>> ExportCrop(const ExportRequest& request, int width, int height,
                                      const std::array<float, 4>& window_rect,
                                      const std::array<float, 4>& dot_rect) {
  if (request.region != ExportRegion::kSlidingPanels)
    return std::array<int, 4>{0, 0, width, height};
  auto empty = [](const std::array<float, 4>& r) { return r[2] <= r[0] || r[3] <= r[1]; };
  if (empty(window_rect) && empty(dot_rect))
    return MakeError(
        Message{"export_panels_hidden",
                "the sliding-window and dot-product panels are both hidden",
                {}},
        "region",
        Hint{"export_panels_hidden", "show them (View menu), or export the whole window", {}});
  std::array<float, 4> u = empty(window_rect) ? dot_rect : window_rect;
  if (!empty(dot_rect) && !empty(window_rect)) {
    u[0] = std::min(u[0], dot_rect[0]);
    u[1] = std::min(u[1], dot_rect[1]);
    u[2] = std::max(u[2], dot_rect[2]);
    u[3] = std::max(u[3], dot_rect[3]);
  }
  return std::array<int, 4>{std::clamp(static_cast<int>(u[0]), 0, width),
                            std::clamp(static_cast<int>(u[1]), 0, height),
                            std::clamp(static_cast<int>(u[2] + 0.5f), 0, width),
                            std::clamp(static_cast<int>(u[3] + 0.5f), 0, height)};
}

Result<bool> AddExportFrame(AppState& app, const exporting::RgbaImage& image) {
  std::shared_ptr<ExportJob> job = app.files.exporting.job;
  if (!job)
    return MakeError(Message{"export_not_running", "no export is running", {}}, "export",
                     Hint{"export_not_running", "start one first", {}});
  const ExportRequest& r = job->request;
  Result<bool> added = true;
  switch (r.kind) {
    case ExportKind::kPng:
      added = exporting::WriteFileSafely(r.path, EncodePng(image), "picture.png");
      break;
    case ExportKind::kPngSequence: {
      const std::string name = SequenceFrameName(r.path, job->next);
      added = exporting::WriteFileSafely(name, EncodePng(image), "frame.png");
      if (added) job->written.push_back(name);
      break;
    }
    case ExportKind::kGif:
      if (!job->gif) {
        job->gif = std::make_unique<exporting::GifWriter>();
        added = job->gif->Open(r.path, image.width, image.height, r.delay_ms);
      }
      if (added) added = job->gif->AddFrame(image);
      break;
  }
  if (!added) {
    EndExport(app, added.error().OneLine(), LocalizedOneLine(app.i18n, added.error()));
    return added.error();
  }
  ++job->next;
  if (job->next >= job->frames) {
    if (job->gif) {
      auto finished = job->gif->Finish();
      if (!finished) {
        EndExport(app, finished.error().OneLine(), LocalizedOneLine(app.i18n, finished.error()));
        return finished.error();
      }
    }
    EndExport(app, "");
  }
  return true;
}

void FailExport(AppState& app, const std::string& error) {
  EndExport(app, error);
}

void FailExport(AppState& app, const Error& error) {
  EndExport(app, error.OneLine(), LocalizedOneLine(app.i18n, error));
}

void CancelExport(AppState& app) {
  if (app.files.exporting.job) app.files.exporting.job->cancel_requested = true;
}

float ExportProgress(const AppState& app) {
  const std::shared_ptr<ExportJob>& job = app.files.exporting.job;
  if (!job || job->frames <= 0) return 0.f;
  return static_cast<float>(job->next) / static_cast<float>(job->frames);
}

}  // namespace convstep::gui
