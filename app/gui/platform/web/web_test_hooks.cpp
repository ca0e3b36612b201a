// What the page's tests (tests/web/) read and do: the app's state as JSON, and the same state
// functions the parameter panel and the export window call. Exported to JavaScript
// (Module.ccall / _convstep_web_*).
#include <emscripten.h>
#include <emscripten/html5.h>

#include <nlohmann/json.hpp>

#include <string>

#include "model/i18n.h"
#include "platform/paths.h"
#include "platform/web/web_run.h"
#include "state/background.h"
#include "state/export_job.h"
#include "state/share_link.h"

namespace {

using convstep::gui::web::CurrentRun;

nlohmann::json StateJson(const convstep::gui::web::WebRun& run) {
  const convstep::gui::AppState& app = run.app;
  const convstep::Geometry& g = app.session->geometry;
  const auto& weight = app.session->problem.weight.data;
  nlohmann::json state = {
      {"frames", run.frames},
      {"step", app.timeline.step},
      {"step_count", convstep::gui::StepCount(app)},
      {"playing", app.timeline.playing},
      {"language", app.teach.language},
      {"chapter", app.teach.lesson.current + 1},
      {"notice", app.notice},
      {"fragment", run.shared_fragment},
      {"shape", {g.batch, g.in_channels, g.length, g.out_channels, g.kernel_size}},
      {"output_length", app.session->output.shape.empty() ? 0 : app.session->output.shape.back()},
      {"weight_head",
       std::vector<float>(weight.begin(), weight.begin() + std::min<size_t>(6, weight.size()))},
      {"build_pending", convstep::gui::BuildPending(app)},
      {"restore_offered", app.files.autosave.offer_open},
      {"autosave_orphans", app.files.autosave.orphans.size()},
      {"exporting", convstep::gui::ExportRunning(app)},
      {"export_message", app.files.exporting.message},
      {"export_error", app.files.exporting.error},
      {"worst_frame_ms", run.stats.worst_ms},
      {"worst_frame_work_ms", run.stats.worst_work_ms},
      {"frames_since_reset", run.stats.count},
      {"worst_ui_ms", run.stats.worst_ui_ms},
      {"worst_files_ms", run.stats.worst_files_ms},
      {"worst_render_ms", run.stats.worst_render_ms},
  };
  const auto& input = app.session->input_given.data;
  state["input_head"] =
      std::vector<float>(input.begin(), input.begin() + std::min<size_t>(6, input.size()));
  state["import_open"] = app.files.import.open;
  state["import_pending_shape"] =
      app.files.import.pending ? nlohmann::json(app.files.import.pending->tensor.shape) : nullptr;
  state["autosave_orphan_paths"] = app.files.autosave.orphans;
  state["autosave_path"] = app.files.autosave.path;
  state["edit_error"] = app.edit_error ? nlohmann::json(app.edit_error->error.message) : nullptr;
  state["edit_error_control"] = app.edit_error ? nlohmann::json(app.edit_error->control) : nullptr;
  return state;
}

}  // namespace

extern "C" {

/// The app's state as JSON (a pointer valid until the next call).
EMSCRIPTEN_KEEPALIVE const char* convstep_web_state() {
  static std::string text;
  const auto* run = CurrentRun();
  text = run ? StateJson(*run).dump() : "{}";
  return text.c_str();
}

/// Forgets the frame timings so far (the worst frame is measured from here).
EMSCRIPTEN_KEEPALIVE void convstep_web_reset_frames() {
  if (auto* run = CurrentRun()) run->stats = {};
}

/// Sets one layer argument or N / L as the parameter panel does ("stride", "batch", ...);
/// returns 1 when the edit was accepted (it may still build in the background).
EMSCRIPTEN_KEEPALIVE int convstep_web_set_param(const char* name, double value) {
  auto* run = CurrentRun();
  if (!run || !name) return 0;
  convstep::gui::AppState& app = run->app;
  const std::string control = name;
  const auto number = static_cast<int64_t>(value);
  if (control == "batch") return convstep::gui::SetBatch(app, number);
  if (control == "length") return convstep::gui::SetLength(app, number);
  convstep::Conv1dSpec spec = app.draft.spec;
  if (control == "in_channels")
    spec.in_channels = number;
  else if (control == "out_channels")
    spec.out_channels = number;
  else if (control == "kernel_size")
    spec.kernel_size = number;
  else if (control == "stride")
    spec.stride = number;
  else if (control == "dilation")
    spec.dilation = number;
  else if (control == "groups")
    spec.groups = number;
  else
    return 0;
  return convstep::gui::SetSpec(app, spec, name);
}

/// Starts an export of the window as the export window's Start does, into the home folder
/// (the page downloads what it writes): `kind` "png" (this step), "gif" or "sequence" (this
/// step and the next `steps` - 1). Returns 1 when it started.
EMSCRIPTEN_KEEPALIVE int convstep_web_export(const char* kind, const char* name, int steps) {
  auto* run = CurrentRun();
  if (!run || !kind || !name) return 0;
  const std::string which = kind;
  convstep::gui::ExportRequest request;
  request.kind = which == "gif"        ? convstep::gui::ExportKind::kGif
                 : which == "sequence" ? convstep::gui::ExportKind::kPngSequence
                                       : convstep::gui::ExportKind::kPng;
  request.path = convstep::gui::HomeDir() + "/" + name;
  request.from = run->app.timeline.step;
  request.to = request.from + (request.kind == convstep::gui::ExportKind::kPng ? 1 : steps);
  request.granularity = run->app.timeline.granularity;
  request.delay_ms = 300;
  int width = 0, height = 0;
  emscripten_get_canvas_element_size("#canvas", &width, &height);
  auto started = convstep::gui::StartExport(run->app, request, width, height);
  return started ? 1 : 0;
}

}  // extern "C"
