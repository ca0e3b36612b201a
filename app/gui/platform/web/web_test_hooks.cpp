// What the page's tests (tests/web/) read and do: the app's state as JSON, and the same state
// functions the parameter panel and the export window call. Exported to JavaScript
// (Module.ccall / _convstep_web_*).
#include <emscripten.h>
#include <emscripten/html5.h>

#include <nlohmann/json.hpp>

#include <set>
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
      {"frames_not_drawn", run.stats.skipped},
      {"content_scale", app.view.content_scale},
      {"presenting", app.present.on},
      {"worst_ui_ms", run.stats.worst_ui_ms},
      {"worst_files_ms", run.stats.worst_files_ms},
      {"worst_render_ms", run.stats.worst_render_ms},
  };
  const auto& input = app.session->input_given.data;
  state["input_head"] =
      std::vector<float>(input.begin(), input.begin() + std::min<size_t>(6, input.size()));
  state["import_open"] = app.files.import.open;
  state["import_error"] = app.files.import.error;
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

/// Queues an edit of one layer argument or N / L ("stride", "batch", ...): the next frame makes
/// it, through the functions the parameter panel calls, inside the frame's timed work (so the
/// frame timings include what the edit costs on the page's thread). Returns 0 for an unknown
/// name.
EMSCRIPTEN_KEEPALIVE int convstep_web_set_param(const char* name, double value) {
  auto* run = CurrentRun();
  if (!run || !name) return 0;
  static const std::set<std::string> kControls = {"batch",        "length",      "in_channels",
                                                  "out_channels", "kernel_size", "stride",
                                                  "dilation",     "groups"};
  if (!kControls.count(name)) return 0;
  run->queued_edits.emplace_back(name, static_cast<int64_t>(value));
  return 1;
}

/// Starts an export of the window as the export window's Start does, to `name` (relative to the
/// home folder, or an absolute path as typed; the page downloads what it writes): `kind` "png"
/// (this step), "gif" or "sequence" (this step and the next `steps` - 1). Returns 1 when it
/// started.
EMSCRIPTEN_KEEPALIVE int convstep_web_export(const char* kind, const char* name, int steps) {
  auto* run = CurrentRun();
  if (!run || !kind || !name) return 0;
  const std::string which = kind;
  convstep::gui::ExportRequest request;
  request.kind = which == "gif"        ? convstep::gui::ExportKind::kGif
                 : which == "sequence" ? convstep::gui::ExportKind::kPngSequence
                                       : convstep::gui::ExportKind::kPng;
  request.path = name[0] == '/' ? std::string(name) : convstep::gui::HomeDir() + "/" + name;
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
