#include "platform/export_capture.h"

#include "ui/panels/panel_registry.h"

#include <glad/gl.h>
// glad first.
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <cstring>
#include <vector>

#include "state/export_job.h"

namespace convstep::gui {
namespace {

// True for windows that are not part of the picture: ConvStep's own dialogs ("###io_..."),
// tooltips and popups.
bool LeftOut(const ImGuiWindow* window) {
  if (!window) return false;
  if (window->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup)) return true;
  return std::strstr(window->Name, kFileWindowPrefix) != nullptr;
}

// The panel's rectangle (min x, min y, max x, max y), or an empty one when it is not shown.
std::array<float, 4> PanelBounds(const char* name) {
  const ImGuiWindow* window = ImGui::FindWindowByName(name);
  if (!window || !window->WasActive || window->Hidden) return {0, 0, 0, 0};
  return {window->Pos.x, window->Pos.y, window->Pos.x + window->Size.x,
          window->Pos.y + window->Size.y};
}

}  // namespace

ImVec2 ExportDisplaySize(const AppState& app, ImVec2 window) {
  const std::shared_ptr<ExportJob>& job = app.files.exporting.job;
  if (!job || job->request.window_size) return window;
  return ImVec2(static_cast<float>(job->request.width), static_cast<float>(job->request.height));
}

void CaptureExportFrame(AppState& app, ExportCapture& capture, ImDrawData* draw_data) {
  std::shared_ptr<ExportJob> job = app.files.exporting.job;
  if (!job || !draw_data) return;
  const int width = static_cast<int>(draw_data->DisplaySize.x);
  const int height = static_cast<int>(draw_data->DisplaySize.y);
  if (capture.target.width != width || capture.target.height != height) {
    DestroyRenderTarget(capture.target);
    std::string error;
    if (!CreateRenderTarget(capture.target, width, height, &error)) {
      FailExport(app, error);
      return;
    }
  }
  // The same draw lists minus ConvStep's own windows.
  ImGuiContext& context = *ImGui::GetCurrentContext();
  std::vector<ImDrawList*> lists;
  for (int i = 0; i < draw_data->CmdListsCount; ++i) {
    ImDrawList* list = draw_data->CmdLists[i];
    const ImGuiWindow* owner = nullptr;
    for (ImGuiWindow* window : context.Windows)
      if (window->DrawList == list) owner = window;
    if (list == ImGui::GetForegroundDrawList()) continue;
    if (!LeftOut(owner)) lists.push_back(list);
  }
  ImDrawData picture = *draw_data;
  picture.CmdLists = lists.data();
  picture.CmdListsCount = static_cast<int>(lists.size());
  picture.TotalVtxCount = picture.TotalIdxCount = 0;
  for (ImDrawList* list : lists) {
    picture.TotalVtxCount += list->VtxBuffer.Size;
    picture.TotalIdxCount += list->IdxBuffer.Size;
  }
  picture.FramebufferScale = ImVec2(1.f, 1.f);
  glBindFramebuffer(GL_FRAMEBUFFER, capture.target.framebuffer);
  glViewport(0, 0, width, height);
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(clear.x, clear.y, clear.z, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(&picture);
  exporting::RgbaImage image;
  image.width = width;
  image.height = height;
  image.pixels = ReadPixels(width, height);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (!job->has_crop) {
    auto crop = ExportCrop(job->request, width, height, PanelBounds(FindPanel("window")->window_id),
                           PanelBounds(FindPanel("dot_product")->window_id));
    if (!crop) {
      FailExport(app, crop.error());
      return;
    }
    job->crop = *crop;
    job->has_crop = true;
  }
  const bool whole = job->crop == std::array<int, 4>{0, 0, width, height};
  AddExportFrame(app, whole ? image : CropImage(image, job->crop));
}

void DestroyExportCapture(ExportCapture& capture) {
  DestroyRenderTarget(capture.target);
}

}  // namespace convstep::gui
