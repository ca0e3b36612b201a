#include "ui/widgets/panel_common.h"

#include <algorithm>
#include <cmath>

#include "ui/draw/colormap.h"
#include "ui/draw/grid.h"

namespace convstep::gui {

std::string PanelLabel(const I18n& i18n, const char* key, const std::string& shape_text) {
  std::string label = Tr(i18n, key);
  if (!shape_text.empty()) label += "   " + shape_text;
  return label + "###" + key;
}

float OutputFractionDone(const Frame& frame, int64_t n) {
  if (!frame.step) return 0.f;
  const Geometry& g = frame.geometry();
  const int64_t per_item = g.out_channels * g.out_length;
  if (per_item <= 0) return 0.f;
  const int64_t done = frame.step->outputs_done - n * per_item;
  return std::clamp(static_cast<float>(done) / static_cast<float>(per_item), 0.f, 1.f);
}

void DrawBatchCards(const Frame& frame, AppState& app, const char* id, int64_t current_n,
                    float (*fraction_done)(const Frame&, int64_t n)) {
  const int64_t batch = frame.geometry().batch;
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushID(id);
  const char* item_word = Tr(app.i18n, "batch.item");
  const float avail = ImGui::GetContentRegionAvail().x;
  const float caption_w = ImGui::CalcTextSize(item_word).x + style.ItemSpacing.x;
  const float card_w = ImGui::CalcTextSize("00").x + style.FramePadding.x * 2.f + 4.f;
  const float cards_w = static_cast<float>(batch) * (card_w + 3.f);
  // The caption goes first when there is room; the cards alone are the next best.
  if (caption_w + cards_w <= avail || cards_w > avail) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(item_word);
    ImGui::SameLine();
  }
  if (cards_w <= avail && batch > 0) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float height = ImGui::GetFrameHeight();
    for (int64_t n = 0; n < batch; ++n) {
      if (n > 0) ImGui::SameLine(0.f, 3.f);
      const ImVec2 min = ImGui::GetCursorScreenPos();
      const bool current = n == current_n;
      ImGui::PushID(static_cast<int>(n));
      if (ImGui::InvisibleButton("card", ImVec2(card_w, height))) SeekBatchItem(app, n);
      const bool hovered = ImGui::IsItemHovered();
      ImGui::PopID();
      const ImVec2 max(min.x + card_w, min.y + height);
      const ImVec2 lift(0.f, current ? -3.f : 0.f);
      const ImU32 fill =
          current ? IM_COL32(255, 255, 255, 255)
                  : (hovered ? IM_COL32(235, 235, 245, 255) : IM_COL32(222, 222, 228, 255));
      draw->AddRectFilled(ImVec2(min.x, min.y + lift.y), ImVec2(max.x, max.y + lift.y), fill, 4.f);
      if (fraction_done) {
        const float done = fraction_done(frame, n);
        if (done > 0.f)
          draw->AddRectFilled(ImVec2(min.x + 2.f, max.y + lift.y - 5.f),
                              ImVec2(min.x + 2.f + (card_w - 4.f) * done, max.y + lift.y - 2.f),
                              IM_COL32(70, 130, 70, 255), 1.f);
      }
      draw->AddRect(ImVec2(min.x, min.y + lift.y), ImVec2(max.x, max.y + lift.y),
                    current ? Palette::kKernelFrame : Palette::kGrid, 4.f, 0, current ? 2.5f : 1.f);
      char text[24];
      std::snprintf(text, sizeof text, "%lld", static_cast<long long>(n));
      DrawCenteredText(draw, ImVec2(min.x, min.y + lift.y), ImVec2(max.x, max.y + lift.y - 3.f),
                       current ? Palette::kText : Palette::kMutedText, text);
      if (hovered)
        ImGui::SetTooltip("%s", TrFormat(app.i18n, "batch.card_tooltip", {text}).c_str());
    }
  } else {
    if (ImGui::ArrowButton("prev", ImGuiDir_Left) && current_n > 0)
      SeekBatchItem(app, current_n - 1);
    ImGui::SameLine();
    ImGui::Text("%lld / %lld", static_cast<long long>(current_n), static_cast<long long>(batch));
    ImGui::SameLine();
    if (ImGui::ArrowButton("next", ImGuiDir_Right) && current_n + 1 < batch)
      SeekBatchItem(app, current_n + 1);
  }
  ImGui::PopID();
}

void DrawCardStack(ImDrawList* draw, ImVec2 min, ImVec2 max, int64_t depth, float offset) {
  const int64_t shown = std::min<int64_t>(depth, 4);
  for (int64_t i = shown; i >= 1; --i) {
    const float d = offset * static_cast<float>(i);
    const ImVec2 a(min.x + d, min.y - d), b(max.x + d, max.y - d);
    draw->AddRectFilled(a, b, IM_COL32(246, 246, 248, 255), 3.f);
    draw->AddRect(a, b, IM_COL32(160, 160, 170, 255), 3.f);
  }
}

bool WindowReads(const StepState& step, int64_t l) {
  for (const PaddedCell& cell : step.window_cells)
    if (cell.kind != CellKind::kZeroPad && cell.source == l) return true;
  return false;
}

bool BeginComboFitting(const char* id, const std::string& preview, ImGuiComboFlags flags) {
  // Dear ImGui draws the preview from the frame padding to the arrow button and trims the rest.
  const float room = ImGui::CalcItemWidth() - ImGui::GetStyle().FramePadding.x -
                     ((flags & ImGuiComboFlags_NoArrowButton) ? 0.f : ImGui::GetFrameHeight()) -
                     1.f;
  const std::string shown = ShortenToWidth(preview, room);
  const bool open = ImGui::BeginCombo(id, shown.c_str(), flags);
  if (!open && shown != preview && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", preview.c_str());
  return open;
}

bool SmallButtonWhole(const char* label) {
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 1.f));
  const bool pressed = ImGui::Button(label);
  ImGui::PopStyleVar();
  return pressed;
}

void MutedText(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kMutedText));
  TextWrappedCjk(text);  // breaks Chinese between characters too
  ImGui::PopStyleColor();
}

void DrawAxisCaption(ImDrawList* draw, ImVec2 pos, const char* text) {
  draw->AddText(pos, Palette::kMutedText, text);
}

float DrawLegend(const Frame& frame, const AppState& app, ImVec2 pos, float width) {
  const Session& session = *frame.session;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const char* caption = Tr(app.i18n, "legend.caption");
  const float caption_w = ImGui::CalcTextSize(caption).x;
  const float line = ImGui::GetTextLineHeight();
  draw->AddText(ImVec2(pos.x + (width - caption_w) * 0.5f, pos.y), Palette::kMutedText, caption);
  const float bar_y = pos.y + line + 3.f;
  const float height = line + 3.f +
                       DrawColorLegend(draw, ImVec2(pos.x, bar_y), width, line * 0.8f,
                                       Tr(app.i18n, "legend.negative"),
                                       Tr(app.i18n, "legend.positive"), frame.colormap);
  if (ImGui::IsMouseHoveringRect(pos, ImVec2(pos.x + width, pos.y + height))) {
    ImGui::BeginTooltip();
    // The words follow the colour map (View → Colour map).
    ImGui::TextUnformatted(
        Tr(app.i18n, frame.colormap == ColorMap::kBlueRed       ? "legend.tooltip_blue_red"
                     : frame.colormap == ColorMap::kPurpleGreen ? "legend.tooltip_purple_green"
                                                                : "legend.tooltip"));
    ImGui::Text("x: ±%s   w: ±%s   y: ±%s",
                FormatValue(session.input_style.abs_max, session.input_style).c_str(),
                FormatValue(session.weight_style.abs_max, session.weight_style).c_str(),
                FormatValue(session.output_style.abs_max, session.output_style).c_str());
    ImGui::EndTooltip();
  }
  return height;
}

Outline CellOutline(bool highlighted, bool current_tap, bool in_window, float cell_height) {
  const float base = std::clamp(cell_height * 0.1f, 1.5f, 3.5f);
  if (highlighted) return {Palette::kHighlight, base + 1.f};
  if (current_tap) return {Palette::kCurrentTap, base + 1.f};
  if (in_window) return {Palette::kKernelFrame, base * 0.6f};
  return {};
}

}  // namespace convstep::gui
