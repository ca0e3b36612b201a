#include "background.h"

#include <imgui.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "app_state.h"
#include "convstep/thread_pool.h"

namespace convstep::gui {

Limits SessionLimits(const AppState& app) { return app.build.limits; }

void SetMemoryBudgetMiB(AppState& app, int64_t mebibytes) {
  app.build.limits.max_bytes = std::max<int64_t>(1, mebibytes) << 20;
}

int BuildThreads(const AppState& app) {
  if (app.build.threads_override > 0) return app.build.threads_override;
  return app.build.threads_setting > 0 ? app.build.threads_setting : HardwareThreads();
}

void SetBuildThreadsSetting(AppState& app, int threads) {
  app.build.threads_setting = std::clamp(threads, 0, kMaxThreads);
  app.build.threads_override = 0;
}

bool BuildsInBackground(const AppState& app, const Geometry& g) {
  const int64_t cells = g.batch * g.in_channels * g.length + g.OutputCount();
  return g.MacCount() > app.build.min_macs || cells > app.build.min_cells;
}

void SubmitBuild(AppState& app, const Recipe& recipe, const char* control) {
  BackgroundBuild& build = app.build;
  if (!build.runner) build.runner = std::make_unique<LatestJob<std::shared_ptr<BuildOutcome>>>();
  build.pending = true;
  build.control = control;
  build.submitted_at = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
  const Limits limits = build.limits;
  const int threads = BuildThreads(app);
  std::shared_ptr<const Session> base = app.session;
  std::string edited = control;
  // The job owns copies of everything it reads: the UI thread may edit app meanwhile.
  build.runner->Submit([recipe, limits, base, edited, threads](const CancelToken& token) {
    if (token.cancelled()) return std::shared_ptr<BuildOutcome>();
    // The worker yields to the UI thread (and the GL driver's threads) on a busy machine.
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
    auto outcome = std::make_shared<BuildOutcome>();
    outcome->built = BuildSession(
        recipe, limits, [&token] { return token.cancelled(); }, threads);
    outcome->control = edited;
    outcome->base = base;
    return outcome;
  });
}

void CancelBuild(AppState& app) {
  BackgroundBuild& build = app.build;
  if (!build.pending || !build.runner) return;
  // A no-op job supersedes the running one: its result is never delivered.
  build.runner->Submit([](const CancelToken&) { return std::shared_ptr<BuildOutcome>(); });
  build.pending = false;
}

bool PollBuild(AppState& app) {
  BackgroundBuild& build = app.build;
  if (!build.pending || !build.runner) return false;
  std::optional<std::shared_ptr<BuildOutcome>> result = build.runner->TakeResult();
  if (!result) return false;
  build.pending = false;
  const std::shared_ptr<BuildOutcome>& outcome = *result;
  // Dropped when superseded, or when something else (a file, an undo) replaced the session.
  if (!outcome || outcome->base != app.session) return false;
  if (!outcome->built) {
    app.edit_error =
        EditError{outcome->built.error(), ControlForError(outcome->built.error(), outcome->control),
                  outcome->control};
    return false;
  }
  app.edit_error.reset();
  if (ImGui::GetCurrentContext()) build.last_latency = ImGui::GetTime() - build.submitted_at;
  SwapInSession(app, std::move(outcome->built).value());
  return true;
}

void FinishBuild(AppState& app) {
  if (!app.build.pending || !app.build.runner) return;
  app.build.runner->Wait();
  PollBuild(app);
}

bool BuildPending(const AppState& app) { return app.build.pending; }

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
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
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
