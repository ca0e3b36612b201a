#include "ui/widgets/build_indicator.h"

#include <imgui.h>

#include <algorithm>
#include <cstdint>

#include "convstep/thread_pool.h"
#include "state/app_state.h"
#include "state/background.h"

namespace convstep::gui {

void DrawMemoryBudgetMenu(AppState& app) {
  ImGui::TextUnformatted(Tr(app.i18n, "menu.memory_budget"));
  int64_t mebibytes = app.build.limits.max_bytes >> 20;
  const int64_t step = 256;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.f);
  if (ImGui::InputScalar("##memory_budget", ImGuiDataType_S64, &mebibytes, &step, &step, "%lld MiB",
                         ImGuiInputTextFlags_EnterReturnsTrue))
    SetMemoryBudgetMiB(app, std::clamp<int64_t>(mebibytes, 1, int64_t{1} << 24));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(app.i18n, "menu.memory_budget_hint"));
  ImGui::TextUnformatted(Tr(app.i18n, "menu.threads"));
  int threads = BuildThreads(app);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.f);
  if (ImGui::InputInt("##threads", &threads, 1, 1, ImGuiInputTextFlags_EnterReturnsTrue))
    SetBuildThreadsSetting(app, std::clamp(threads, 1, kMaxThreads));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(app.i18n, "menu.threads_hint"));
}

void DrawBuildIndicator(AppState& app) {
  if (!app.build.pending) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float margin = ImGui::GetStyle().WindowPadding.x;
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - margin,
                                 viewport->WorkPos.y + viewport->WorkSize.y - margin),
                          ImGuiCond_Always, ImVec2(1.f, 1.f));
  ImGui::SetNextWindowBgAlpha(0.92f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                 ImGuiWindowFlags_NoInputs;
  if (ImGui::Begin("##computing", nullptr, flags)) {
    // A turning arc: the app is alive and the new picture is on its way.
    const float radius = ImGui::GetTextLineHeight() * 0.4f;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 centre(pos.x + radius + 1.f, pos.y + ImGui::GetTextLineHeight() * 0.5f);
    const float start = static_cast<float>(ImGui::GetTime()) * 6.f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PathArcTo(centre, radius, start, start + 4.5f, 16);
    draw->PathStroke(ImGui::GetColorU32(ImGuiCol_Text), 0, std::max(1.5f, radius * 0.3f));
    ImGui::Dummy(ImVec2(radius * 2.f + 2.f, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr(app.i18n, "busy.computing"));
  }
  ImGui::End();
}

}  // namespace convstep::gui
