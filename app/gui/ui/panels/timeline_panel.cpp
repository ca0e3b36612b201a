#include "ui/panels/timeline_panel.h"

#include <algorithm>
#include <cmath>

#include "ui/draw/colormap.h"
#include "ui/draw/icons.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

constexpr Granularity kGranularities[] = {Granularity::kTap, Granularity::kWindow,
                                          Granularity::kRow, Granularity::kBatch};
constexpr const char* kGranularityKeys[] = {"granularity.tap", "granularity.window",
                                            "granularity.row", "granularity.batch"};

// The scrub bar: the whole walkthrough, batch items marked, the done part filled.
void DrawScrubBar(const Frame& frame, AppState& app, float width, float height) {
  const int64_t count = frame.step_count;
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + width, min.y + height);
  ImGui::InvisibleButton("scrub", ImVec2(width, height));
  const bool active = ImGui::IsItemActive();
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float track_h = height * 0.42f;
  const ImVec2 track_min(min.x, min.y + (height - track_h) * 0.5f);
  const ImVec2 track_max(max.x, track_min.y + track_h);
  draw->AddRectFilled(track_min, track_max, IM_COL32(215, 215, 222, 255), track_h * 0.5f);
  if (count <= 0) return;
  auto x_of = [&](double step) {
    return static_cast<float>(min.x +
                              width * (count <= 1 ? 1.0 : step / static_cast<double>(count - 1)));
  };
  const float x_now = x_of(static_cast<double>(app.timeline.step));
  draw->AddRectFilled(track_min, ImVec2(x_now, track_max.y), IM_COL32(90, 110, 170, 255),
                      track_h * 0.5f);
  // Batch item boundaries (when they are few enough to tell apart).
  const Geometry& g = frame.geometry();
  const int64_t per_item = count / std::max<int64_t>(1, g.batch);
  if (g.batch > 1 && g.batch <= 128 && per_item > 0) {
    for (int64_t n = 1; n < g.batch; ++n) {
      const float x = x_of(static_cast<double>(n * per_item) - 0.5);
      draw->AddLine(ImVec2(x, track_min.y - 3.f), ImVec2(x, track_max.y + 3.f),
                    IM_COL32(60, 60, 70, 200), 1.5f);
    }
  }
  const float knob = height * 0.42f;
  draw->AddCircleFilled(ImVec2(x_now, (min.y + max.y) * 0.5f), knob, Palette::kKernelFrame);
  draw->AddCircle(ImVec2(x_now, (min.y + max.y) * 0.5f), knob, IM_COL32(255, 255, 255, 255), 0,
                  2.f);
  const float mouse_x = ImGui::GetIO().MousePos.x;
  const double fraction = std::clamp((mouse_x - min.x) / std::max(1.f, width), 0.f, 1.f);
  const int64_t at_mouse =
      static_cast<int64_t>(std::llround(fraction * static_cast<double>(count - 1)));
  if (active && at_mouse != app.timeline.step) SeekStep(app, at_mouse);
  if (hovered && !active) {
    const Walkthrough walk = MakeWalkthrough(*frame.session);
    const TapCoord coord = walk.CoordOf(at_mouse, app.timeline.granularity);
    ImGui::SetTooltip("%s", TrFormat(app.i18n, "timeline.scrub_tooltip",
                                     {FormatCount(at_mouse), std::to_string(coord.n),
                                      std::to_string(coord.out_channel), std::to_string(coord.t)})
                                .c_str());
  }
}

std::string SpeedText(float speed) {
  char text[16];
  if (speed < 1.f)
    std::snprintf(text, sizeof text, "%.2g×", static_cast<double>(speed));
  else
    std::snprintf(text, sizeof text, "%g×", static_cast<double>(speed));
  return text;
}

}  // namespace

std::string StepUnitText(const I18n& i18n, Granularity granularity, const Geometry& g,
                         const StepState& step) {
  const TapCoord& at = step.coord;
  auto count = [&](const char* key, int64_t one_based, int64_t of) {
    return TrFormat(i18n, key, {FormatCount(one_based), FormatCount(of)});
  };
  switch (granularity) {
    case Granularity::kWindow:
      return count("timeline.unit_window", at.t + 1, g.out_length);
    case Granularity::kRow:
      return count("timeline.unit_row", at.out_channel + 1, g.out_channels);
    case Granularity::kBatch:
      return count("timeline.unit_batch", at.n + 1, g.batch);
    case Granularity::kTap:
      break;
  }
  return count("timeline.unit_tap", step.taps_done, static_cast<int64_t>(step.taps.size()));
}

void HandleTimelineKeys(AppState& app) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) TogglePlay(app);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) StepBy(app, -1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) StepBy(app, 1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) SeekStep(app, 0);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false))
    SeekStep(app, StepCount(app) - 1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
    app.hover.pinned = HoverTarget{};
  if (io.KeyCtrl) return;  // Ctrl + / − change the text size (menu shortcuts), not the speed
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    const ImWchar c = io.InputQueueCharacters[i];
    if (c == '+' || c == '=') SetSpeed(app, FasterSpeed(app.timeline.speed));
    if (c == '-' || c == '_') SetSpeed(app, SlowerSpeed(app.timeline.speed));
  }
}

void DrawTimelinePanel(const Frame& frame, AppState& app) {
  if (!BeginPanel("###timeline", frame.layout.timeline,
                  ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
    EndPanel();
    return;
  }
  const I18n& i18n = app.i18n;
  const float button = std::round(ImGui::GetFrameHeight() * 1.25f);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const int64_t count = frame.step_count;
  if (IconButton("to_start", Icon::kToStart, button, Tr(i18n, "timeline.to_start")))
    SeekStep(app, 0);
  ImGui::SameLine(0.f, 4.f);
  if (IconButton("back", Icon::kStepBack, button, Tr(i18n, "timeline.back"))) StepBy(app, -1);
  ImGui::SameLine(0.f, 4.f);
  if (IconButton("play", app.timeline.playing ? Icon::kPause : Icon::kPlay, button,
                 Tr(i18n, app.timeline.playing ? "timeline.pause" : "timeline.play")))
    TogglePlay(app);
  ImGui::SameLine(0.f, 4.f);
  if (IconButton("forward", Icon::kStepForward, button, Tr(i18n, "timeline.forward")))
    StepBy(app, 1);
  ImGui::SameLine(0.f, 4.f);
  if (IconButton("to_end", Icon::kToEnd, button, Tr(i18n, "timeline.to_end")))
    SeekStep(app, count - 1);
  ImGui::SameLine(0.f, spacing * 2.f);

  // Speed and granularity go on the right; where we are, in words, fills the middle (in a
  // shorter form when the window is narrow).
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float radio = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + spacing;
  float choices_w = 0.f;
  for (const char* key : kGranularityKeys)
    choices_w += ImGui::CalcTextSize(Tr(i18n, key)).x + radio;
  const float caption_w = ImGui::CalcTextSize(Tr(i18n, "timeline.granularity")).x + spacing;
  const float speed_w = ImGui::CalcTextSize(Tr(i18n, "timeline.speed")).x +
                        ImGui::GetFrameHeight() * 2.f + ImGui::CalcTextSize("0.25×").x +
                        spacing * 6.f;
  const float text_y = ImGui::GetCursorPosY() + (button - ImGui::GetTextLineHeight()) * 0.5f;
  const float left = ImGui::GetCursorPosX();
  std::string where = Tr(i18n, "window.nothing");
  if (frame.step) {
    const TapCoord& at = frame.coord;
    where = TrFormat(i18n, "timeline.where",
                     {FormatCount(app.timeline.step + 1), FormatCount(count), std::to_string(at.n),
                      std::to_string(at.out_channel), std::to_string(at.t),
                      StepUnitText(i18n, app.timeline.granularity, frame.geometry(), *frame.step)});
  }
  // Too narrow for the four choices side by side (large text, a projector): a drop-down.
  float widest_choice = 0.f;
  for (const char* key : kGranularityKeys)
    widest_choice = std::max(widest_choice, ImGui::CalcTextSize(Tr(i18n, key)).x);
  const float combo_w = widest_choice + ImGui::GetFrameHeight() + spacing * 3.f;
  ImGui::PushFont(frame.fonts.bold);
  const float short_w =
      ImGui::CalcTextSize(
          TrFormat(i18n, "timeline.where_short", {FormatCount(count), FormatCount(count)}).c_str())
          .x;
  const bool drop_down = right - left - speed_w - choices_w - spacing * 2.f < short_w;
  if (drop_down) choices_w = combo_w;
  const float room = right - left - speed_w - choices_w - spacing * 2.f;
  if (frame.step && ImGui::CalcTextSize(where.c_str()).x > room - caption_w)
    where = TrFormat(i18n, "timeline.where_short",
                     {FormatCount(app.timeline.step + 1), FormatCount(count)});
  const bool show_caption = ImGui::CalcTextSize(where.c_str()).x <= room - caption_w;
  ImGui::SetCursorPosY(text_y);
  ImGui::TextUnformatted(where.c_str());
  ImGui::PopFont();

  ImGui::SameLine();
  const float group_w = speed_w + choices_w + (show_caption ? caption_w : 0.f);
  ImGui::SetCursorPos(ImVec2(std::max(ImGui::GetCursorPosX() + spacing, right - group_w),
                             text_y - ImGui::GetStyle().FramePadding.y));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(Tr(i18n, "timeline.speed"));
  ImGui::SameLine();
  if (ImGui::Button("−##slower")) SetSpeed(app, SlowerSpeed(app.timeline.speed));
  ImGui::SameLine();
  ImGui::TextUnformatted(SpeedText(app.timeline.speed).c_str());
  ImGui::SameLine();
  if (ImGui::Button("+##faster")) SetSpeed(app, FasterSpeed(app.timeline.speed));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(i18n, "timeline.speed_tooltip"));
  ImGui::SameLine(0.f, spacing * 3.f);
  if (show_caption) {
    ImGui::TextUnformatted(Tr(i18n, "timeline.granularity"));
    ImGui::SameLine();
  }
  if (drop_down) {
    size_t chosen = 0;
    for (size_t i = 0; i < 4; ++i)
      if (app.timeline.granularity == kGranularities[i]) chosen = i;
    ImGui::SetNextItemWidth(combo_w - spacing);
    if (BeginComboFitting("##granularity", Tr(i18n, kGranularityKeys[chosen]))) {
      for (size_t i = 0; i < 4; ++i)
        if (ImGui::Selectable(Label(i18n, kGranularityKeys[i]).c_str(), i == chosen))
          SetGranularity(app, kGranularities[i]);
      ImGui::EndCombo();
    }
  }
  for (size_t i = 0; i < 4 && !drop_down; ++i) {
    if (i > 0) ImGui::SameLine();
    if (ImGui::RadioButton(Label(i18n, kGranularityKeys[i]).c_str(),
                           app.timeline.granularity == kGranularities[i]))
      SetGranularity(app, kGranularities[i]);
  }

  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2.f);
  DrawScrubBar(frame, app, ImGui::GetContentRegionAvail().x,
               std::round(ImGui::GetFrameHeight() * 0.9f));
  EndPanel();
}

}  // namespace convstep::gui
