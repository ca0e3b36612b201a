// The GPU side of exports (platform layer, with platform.h): renders the frame an export job
// asks for into an offscreen framebuffer at the export's size, without ConvStep's own dialogs,
// tooltips and popups, reads it back, crops it and hands it to the job (state/export_job.h).
#pragma once

#include <string>

#include <imgui.h>

#include "platform/window.h"
#include "state/app_state.h"

namespace convstep::gui {

/// The offscreen target of the running export (recreated when the size changes).
struct ExportCapture {
  RenderTarget target;
};

/// The display size of this frame: the export's size while an export at a chosen size runs,
/// else `window` (the window's size in screen coordinates).
ImVec2 ExportDisplaySize(const AppState& app, ImVec2 window);

/// After ImGui::Render(): renders `draw_data` without ConvStep's own windows into the
/// offscreen target, reads the pixels, crops them to the request's region and adds them to
/// the job. Failures end the job with an error in app.files.exporting.error. Restores the
/// default framebuffer binding.
void CaptureExportFrame(AppState& app, ExportCapture& capture, ImDrawData* draw_data);

/// Frees the offscreen target.
void DestroyExportCapture(ExportCapture& capture);

}  // namespace convstep::gui
