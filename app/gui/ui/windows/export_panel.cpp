#include "ui/windows/export_panel.h"

#include "platform/paths.h"

#include <algorithm>
#include <cfloat>
#include <cstdlib>
#include <filesystem>

#include <imgui_stdlib.h>

#include "model/stage_panels.h"
#include "state/export_job.h"
#include "state/session_file.h"
#include "ui/panels/panel_registry.h"
#include "ui/widgets/file_widgets.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

// The export window's width for its text and rows, in font sizes (less on a small display).
constexpr float kExportWidthEm = 36.f;

// Where new files go by default: beside the session file, else the home folder, else the
// working directory.
std::string DefaultFolder(const AppState& app) {
  if (!app.files.current_file.empty()) {
    const std::filesystem::path folder =
        std::filesystem::absolute(app.files.current_file).parent_path();
    if (!folder.empty()) return folder.string();
  }
  if (const std::string home = HomeDir(); !home.empty()) return home;
  std::error_code ec;
  return std::filesystem::current_path(ec).string();
}

// Gives `path` the extension of `kind` (none for a folder of PNGs).
std::string WithExtension(std::string path, ExportKind kind) {
  std::filesystem::path p(path);
  const std::string ext = p.extension().string();
  if (ext == ".png" || ext == ".gif") p.replace_extension();
  if (kind == ExportKind::kPng) p += ".png";
  if (kind == ExportKind::kGif) p += ".gif";
  return p.string();
}

void SaveNow(AppState& app, const std::string& path) {
  std::string target = path;
  if (std::filesystem::path(target).extension() != ".json") target += ".json";
  auto saved = SaveSessionFile(app, target);
  if (!saved) {
    app.files.save.error = LocalizedError(app.i18n, saved.error());
    app.files.save.open = true;
    return;
  }
  app.files.save.error.clear();
  app.files.save.open = false;
  app.files.save.path = target;
  app.files.current_file = target;
  app.notice = TrFormat(app.i18n, "file.saved", {target});
}

void DrawSaveWindow(AppState& app) {
  SaveDialog& dialog = app.files.save;
  if (!dialog.open) return;
  CenterNextWindowFitting(34.f, dialog.error, &dialog.fitted);
  bool open = true;
  const std::string title = std::string(Tr(app.i18n, "file.save_title")) + "###io_save";
  if (ImGui::Begin(title.c_str(), &open,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    MutedText(Tr(app.i18n, "file.save_explain"));
    bool focus = ImGui::IsWindowAppearing();
    const float button_w =
        ImGui::CalcTextSize(Tr(app.i18n, "file.save")).x + ImGui::GetStyle().FramePadding.x * 2.f;
    const bool enter =
        PathField("##save_path", &dialog.path, &focus,
                  ImGui::GetContentRegionAvail().x - button_w - ImGui::GetStyle().ItemSpacing.x);
    ImGui::SameLine();
    if (ImGui::Button(Label(app.i18n, "file.save").c_str()) || enter) SaveNow(app, dialog.path);
    ErrorText(dialog.error);
    if (EscapePressed()) open = false;
  }
  ImGui::End();
  if (!open) dialog.open = false;
}

// "24 frames: steps 0 to 23 of 1,152"
std::string RangeText(const AppState& app, const ExportRequest& r, int64_t count) {
  if (r.to <= r.from) return {};
  return TrFormat(
      app.i18n, "export.range",
      {FormatCount(r.to - r.from), FormatCount(r.from), FormatCount(r.to - 1), FormatCount(count)});
}

void RangeControls(AppState& app, ExportRequest& r) {
  const I18n& i18n = app.i18n;
  const char* names[] = {"granularity.tap", "granularity.window", "granularity.row",
                         "granularity.batch"};
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(Tr(i18n, "export.granularity"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.f);
  int granularity = static_cast<int>(r.granularity);
  const char* items[] = {Tr(i18n, names[0]), Tr(i18n, names[1]), Tr(i18n, names[2]),
                         Tr(i18n, names[3])};
  if (ImGui::Combo("##granularity", &granularity, items, 4)) {
    // Keep the range's start where it is in the picture.
    const Walkthrough walk = MakeWalkthrough(*app.session);
    const TapCoord start =
        walk.CoordOf(ClampStep(r.from, walk.StepCount(r.granularity)), r.granularity);
    r.granularity = static_cast<Granularity>(granularity);
    const int64_t count = walk.StepCount(r.granularity);
    r.from = ClampStep(walk.StepOf(start, r.granularity), count);
    r.to = std::min(count, r.from + 24);
  }
  const int64_t count = MakeWalkthrough(*app.session).StepCount(r.granularity);
  const int64_t one = 1;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(Tr(i18n, "export.from"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.f);
  ImGui::InputScalar("##from", ImGuiDataType_S64, &r.from, &one, nullptr, "%lld");
  const float row = DialogWrapWidth(kExportWidthEm);
  SameLineIfFits(ImGui::CalcTextSize(Tr(i18n, "export.to")).x + ImGui::GetStyle().ItemSpacing.x +
                     ImGui::GetFontSize() * 7.f,
                 row);
  ImGui::TextUnformatted(Tr(i18n, "export.to"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.f);
  ImGui::InputScalar("##to", ImGuiDataType_S64, &r.to, &one, nullptr, "%lld");
  if (SmallButtonWhole(Label(i18n, "export.from_here").c_str())) {
    const Walkthrough walk = MakeWalkthrough(*app.session);
    r.from = ClampStep(walk.StepOf(CurrentTap(app), r.granularity), count);
    r.to = std::min(count, r.from + std::max<int64_t>(1, r.to - r.from));
  }
  SameLineIfFits(Label(i18n, "export.one_row"), row);
  if (SmallButtonWhole(Label(i18n, "export.one_row").c_str())) {
    // The current output row (n, o): every step from t = 0 to the last t.
    const Walkthrough walk = MakeWalkthrough(*app.session);
    const Geometry& g = app.session->geometry;
    TapCoord first = CurrentTap(app);
    first.t = 0;
    first.tap = 0;
    TapCoord last = first;
    last.t = std::max<int64_t>(0, g.out_length - 1);
    last.tap = std::max<int64_t>(0, g.taps - 1);
    r.from = walk.StepOf(first, r.granularity);
    r.to = std::min(count, walk.StepOf(last, r.granularity) + 1);
  }
  SameLineIfFits(Label(i18n, "export.all_steps"), row);
  if (SmallButtonWhole(Label(i18n, "export.all_steps").c_str())) {
    r.from = 0;
    r.to = count;
  }
  MutedText(RangeText(app, r, count).c_str());
}

// What the picture shows: the whole window, the sliding window and dot product, or the chosen
// step-by-step panels (from the panel registry) filling the picture as a slide.
void RegionControls(const I18n& i18n, ExportRequest& r) {
  int region = static_cast<int>(r.region);
  const float row = DialogWrapWidth(kExportWidthEm);
  ImGui::RadioButton(Label(i18n, "export.region_window").c_str(), &region, 0);
  SameLineIfFits(CheckWidth(Label(i18n, "export.region_panels")), row);
  ImGui::RadioButton(Label(i18n, "export.region_panels").c_str(), &region, 1);
  ImGui::RadioButton(Label(i18n, "export.region_chosen").c_str(), &region, 2);
  r.region = static_cast<ExportRegion>(region);
  if (r.region != ExportRegion::kChosenPanels) return;
  ImGui::Indent();
  bool first = true;
  for (const char* name : kStagePanelNames) {
    const PanelEntry* entry = FindPanel(name);
    if (!entry) continue;
    bool chosen = std::find(r.panels.begin(), r.panels.end(), name) != r.panels.end();
    const std::string label = std::string(Tr(i18n, entry->title_key)) + "##slide_" + name;
    if (!first) SameLineIfFits(CheckWidth(label), row);
    first = false;
    if (ImGui::Checkbox(label.c_str(), &chosen)) {
      // Kept in the computation's order, whatever the order of the clicks.
      std::vector<std::string> panels;
      for (const char* other : kStagePanelNames) {
        const bool on = other == std::string(name)
                            ? chosen
                            : std::find(r.panels.begin(), r.panels.end(), other) != r.panels.end();
        if (on) panels.push_back(other);
      }
      r.panels = panels;
    }
  }
  ImGui::Unindent();
}

// The picture's size: the window's, a slide's 1920x1080 or 1280x720, or typed.
void SizeControls(const I18n& i18n, ExportRequest& r) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(Tr(i18n, "export.size"));
  const float row = DialogWrapWidth(kExportWidthEm);
  const bool custom_size = !r.window_size && !(r.width == 1920 && r.height == 1080) &&
                           !(r.width == 1280 && r.height == 720);
  const std::string window_size = TrFormat(i18n, "export.window_size",
                                           {std::to_string(static_cast<int>(display.x)) + "x" +
                                            std::to_string(static_cast<int>(display.y))})
                                      .append("##window_size");
  SameLineIfFits(CheckWidth(window_size), row);
  if (ImGui::RadioButton(window_size.c_str(), r.window_size)) r.window_size = true;
  for (const ImVec2 slide : {ImVec2(1920, 1080), ImVec2(1280, 720)}) {
    const int w = static_cast<int>(slide.x), h = static_cast<int>(slide.y);
    const std::string label = std::to_string(w) + "x" + std::to_string(h);
    SameLineIfFits(CheckWidth(label), row);
    if (ImGui::RadioButton(label.c_str(), !r.window_size && r.width == w && r.height == h)) {
      r.window_size = false;
      r.width = w;
      r.height = h;
    }
  }
  SameLineIfFits(CheckWidth(Label(i18n, "export.size_custom")), row);
  if (ImGui::RadioButton(Label(i18n, "export.size_custom").c_str(),
                         !r.window_size && custom_size) &&
      !custom_size) {
    r.window_size = false;
    r.width = 1600;
    r.height = 900;
  }
  if (!r.window_size) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.f);
    ImGui::InputInt("##width", &r.width, 0);
    ImGui::SameLine();
    ImGui::TextUnformatted("x");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.f);
    ImGui::InputInt("##height", &r.height, 0);
  }
}

void DrawExportWindow(AppState& app) {
  ExportState& state = app.files.exporting;
  if (!state.open || state.job) return;
  const I18n& i18n = app.i18n;
  ExportRequest& r = state.request;
  CenterNextWindow(38.f);
  bool open = true;
  const std::string title = std::string(Tr(i18n, "export.title")) + "###io_export";
  if (ImGui::Begin(title.c_str(), &open,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_AlwaysAutoResize)) {
    KeepWindowOnDisplay();
    const char* kinds[] = {"export.kind_png", "export.kind_gif", "export.kind_sequence"};
    for (int i = 0; i < 3; ++i) {
      if (ImGui::RadioButton(Label(i18n, kinds[i]).c_str(), static_cast<int>(r.kind) == i)) {
        r.kind = static_cast<ExportKind>(i);
        r.path = WithExtension(r.path, r.kind);
      }
    }
    ImGui::Spacing();
    ImGui::TextUnformatted(
        Tr(i18n, r.kind == ExportKind::kPngSequence ? "export.folder" : "export.file"));
    bool focus = false;
    PathField("##export_path", &r.path, &focus, DialogWrapWidth(kExportWidthEm));
    if (r.kind != ExportKind::kPng) {
      ImGui::Separator();
      RangeControls(app, r);
      if (r.kind == ExportKind::kGif) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(Tr(i18n, "export.delay"));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.f);
        ImGui::InputInt("##delay", &r.delay_ms, 50, 250);
      }
    }
    ImGui::Separator();
    RegionControls(i18n, r);
    SizeControls(i18n, r);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::Spacing();
    const auto check = CheckExportRequest(app, r);
    const float wrap = DialogWrapWidth(kExportWidthEm);
    if (!check) ErrorText(LocalizedError(i18n, check.error()), wrap);
    if (!check) ImGui::BeginDisabled();
    if (ImGui::Button(Label(i18n, "export.start").c_str())) {
      auto started = StartExport(app, r, static_cast<int>(display.x), static_cast<int>(display.y));
      if (started)
        state.open = false;
      else {
        state.error = started.error().OneLine();
        state.error_shown = LocalizedOneLine(i18n, started.error());
      }
    }
    if (!check) ImGui::EndDisabled();
    SameLineIfFits(Label(i18n, "import.cancel"), wrap);
    if (ImGui::Button(Label(i18n, "import.cancel").c_str())) open = false;
    ErrorText(state.error_shown, wrap);
    SuccessText(state.message, wrap);
    if (EscapePressed()) open = false;
  }
  ImGui::End();
  if (!open) state.open = false;
}

void DrawProgressWindow(AppState& app) {
  ExportState& state = app.files.exporting;
  if (!state.job) return;
  const ExportJob& job = *state.job;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(DialogWrapWidth(30.f), 0.f), ImGuiCond_Always);
  const std::string title = std::string(Tr(app.i18n, "export.progress_title")) + "###io_progress";
  if (ImGui::Begin(title.c_str(), nullptr,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
    ImGui::TextUnformatted(TrFormat(app.i18n, "export.progress",
                                    {std::to_string(std::min(job.next + 1, job.frames)),
                                     std::to_string(job.frames), job.request.path})
                               .c_str());
    ImGui::ProgressBar(ExportProgress(app), ImVec2(-FLT_MIN, 0.f));
    if (ImGui::Button(Label(app.i18n, "export.cancel").c_str()) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
      CancelExport(app);
    state.progress_min = ImGui::GetWindowPos();
    state.progress_max = ImVec2(state.progress_min.x + ImGui::GetWindowSize().x,
                                state.progress_min.y + ImGui::GetWindowSize().y);
  }
  ImGui::End();
}

}  // namespace

void ShowSaveSession(AppState& app, bool ask) {
  if (!ask && !app.files.current_file.empty()) {
    SaveNow(app, app.files.current_file);
    return;
  }
  app.files.save.open = true;
  app.files.save.error.clear();
  if (!app.files.current_file.empty())
    app.files.save.path = app.files.current_file;
  else if (std::filesystem::path(app.files.save.path).is_relative())
    app.files.save.path =
        (std::filesystem::path(DefaultFolder(app)) / app.files.save.path).string();
}

void ShowExport(AppState& app) {
  ExportState& state = app.files.exporting;
  state.open = true;
  state.error.clear();
  state.error_shown.clear();
  ExportRequest& r = state.request;
  if (std::filesystem::path(r.path).is_relative())  // a clear place, not wherever it started
    r.path = (std::filesystem::path(DefaultFolder(app)) / r.path).string();
  r.granularity = app.timeline.granularity;
  const int64_t count = StepCount(app);
  r.from = ClampStep(app.timeline.step, count);
  r.to = std::min(count, r.from + 24);
}

void DrawExportWindows(const Frame& /*frame*/, AppState& app) {
  DrawSaveWindow(app);
  DrawExportWindow(app);
  DrawProgressWindow(app);
}

void HidePointerDuringExport(AppState& app) {
  if (!app.files.exporting.job) return;
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 min = app.files.exporting.progress_min, max = app.files.exporting.progress_max;
  const bool over_progress = io.MousePos.x >= min.x && io.MousePos.x <= max.x &&
                             io.MousePos.y >= min.y && io.MousePos.y <= max.y;
  if (!over_progress) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  io.MouseWheel = 0.f;
  io.MouseWheelH = 0.f;
}

}  // namespace convstep::gui
