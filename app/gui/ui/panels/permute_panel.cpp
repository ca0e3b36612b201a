#include "ui/panels/permute_panel.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "model/tensor_strides.h"
#include "ui/draw/colormap.h"
#include "ui/draw/grid.h"
#include "ui/draw/wrap_text.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

float Ease(float t) {
  t = std::clamp(t, 0.f, 1.f);
  return t < 0.5f ? 4.f * t * t * t : 1.f - std::pow(-2.f * t + 2.f, 3.f) / 2.f;
}

ImVec2 Lerp(ImVec2 a, ImVec2 b, float t) {
  return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
}

// "[6, 5, 3]" with the last two sizes (and their axis names below) trading places.
float DrawMorphingShape(ImDrawList* draw, ImVec2 pos, const Shape& nlc, float progress,
                        ImFont* font) {
  const float t = Ease(progress);
  char sizes[3][24];
  for (int i = 0; i < 3; ++i)
    std::snprintf(sizes[i], sizeof sizes[i], "%lld", static_cast<long long>(nlc[i]));
  const char* names[3] = {"N", "L", "C"};
  ImGui::PushFont(font);
  const float gap = ImGui::CalcTextSize(", ").x;
  const float slot = std::max({ImGui::CalcTextSize(sizes[0]).x, ImGui::CalcTextSize(sizes[1]).x,
                               ImGui::CalcTextSize(sizes[2]).x, ImGui::CalcTextSize("C").x}) +
                     4.f;
  const float bracket = ImGui::CalcTextSize("[").x;
  const float line = ImGui::GetTextLineHeight();
  float x = pos.x;
  const ImU32 text = Palette::kText;
  draw->AddText(ImVec2(x, pos.y), text, "[");
  x += bracket;
  float slot_x[3];
  for (int i = 0; i < 3; ++i) {
    slot_x[i] = x;
    x += slot + (i < 2 ? gap : 0.f);
  }
  draw->AddText(ImVec2(slot_x[0] + slot, pos.y), text, ",");
  draw->AddText(ImVec2(slot_x[1] + slot, pos.y), text, ",");
  draw->AddText(ImVec2(x, pos.y), text, "]");
  // Axis 0 stays; axis 1 (L) and axis 2 (C) swap, one arcing over, one under. The one over
  // rises within the window's padding, never under the title bar; the one under dips the more,
  // so that the two pass 1.2 lines apart.
  const int from[3] = {0, 1, 2};
  const int to[3] = {0, 2, 1};
  const float rise = std::max(0.f, std::min(0.6f * line, ImGui::GetStyle().WindowPadding.y - 2.f));
  const float lift[3] = {0.f, -rise, std::max(rise, 1.2f * line - rise)};
  for (int i = 0; i < 3; ++i) {
    const float sx = slot_x[from[i]] + (slot_x[to[i]] - slot_x[from[i]]) * t;
    const float arc = std::sin(t * 3.14159f) * lift[i];
    const float w = ImGui::CalcTextSize(sizes[i]).x;
    const ImU32 color =
        i == 0 ? text : (i == 1 ? IM_COL32(0, 90, 160, 255) : IM_COL32(170, 70, 0, 255));
    draw->AddText(ImVec2(sx + (slot - w) * 0.5f, pos.y + arc), color, sizes[i]);
    const float nw = ImGui::CalcTextSize(names[i]).x;
    draw->AddText(ImVec2(sx + (slot - nw) * 0.5f, pos.y + line + arc * 0.5f),
                  WithAlpha(color, 0.75f), names[i]);
  }
  const float width = x + ImGui::CalcTextSize("]").x - pos.x;
  ImGui::PopFont();
  return width;
}

// The smallest size the numbers of the permute's cells are written at.
constexpr float kMinReadable = 11.f;

// The room a number of `size` pixels keeps on either side in its cell.
float NumberRoom(float size) {
  return std::max(2.f, std::round(size * 0.15f));
}

// The cells' numbers: as the other grids show them, or, where the square both arrangements
// share leaves cells smaller than a number (the permute's 5 x 5 square for a 3 x 5 grid in a
// narrow panel), in the largest size up to the UI text's that fits the cell with a little room
// on either side, never below 11 pixels: the permute is about where each number goes, so its
// numbers are shown whenever they can be read.
CellText PermuteCellText(ImVec2 cell, const Session& session, const Frame& frame,
                         const AppState& app) {
  CellText text = ChooseCellText(cell, session.input_style, frame.fonts, app.view.show_numbers);
  if (text.visible() || !app.view.show_numbers) return text;
  ImFont* font = ImGui::GetFont();
  const char* widest = WidestValueText(session.input_style);
  for (float size = std::floor(ImGui::GetFontSize()); size >= kMinReadable; size -= 1.f) {
    const float width = font->CalcTextSizeA(size, FLT_MAX, 0.f, widest).x;
    if (width + 2.f * NumberRoom(size) <= cell.x - 1.f && size + 2.f <= cell.y - 1.f) {
      text.size = size;
      break;
    }
  }
  return text;
}

// The smallest cell PermuteCellText writes a number in (11 pixels).
ImVec2 ReadableCell(const NumberStyle& style) {
  const float width =
      ImGui::GetFont()->CalcTextSizeA(kMinReadable, FLT_MAX, 0.f, WidestValueText(style)).x;
  return ImVec2(std::ceil(width + 2.f * NumberRoom(kMinReadable)) + 1.f, kMinReadable + 3.f);
}

// The cell size for a square of `side` x `side` cells in `room` (labels aside): the natural
// size fitted to the room as the other grids are (up to kMaxFit); short of room, each axis takes
// what it has up to the natural size (a narrow panel's cells keep their height, so their
// numbers can stay readable), down to the smaller of kMinScale of it and the `readable` cell.
// Below that `shown` (the cells of each axis in view) drops below `side`, and the room loses
// `note_h` for the line that says so.
ImVec2 PermuteCellSize(ImVec2 natural, ImVec2 readable, ImVec2 room, int64_t side, float note_h,
                       int64_t* shown) {
  const float cells = static_cast<float>(side);
  ImVec2 scale(std::min(kMaxFit, room.x / (natural.x * cells)),
               std::min(kMaxFit, room.y / (natural.y * cells)));
  if (std::min(scale.x, scale.y) >= 1.f) {
    scale.x = scale.y = std::min(scale.x, scale.y);
  } else {
    scale = ImVec2(std::min(scale.x, 1.f), std::min(scale.y, 1.f));
  }
  constexpr float kMinScale = 0.45f;
  const ImVec2 least(std::min(kMinScale, readable.x / natural.x),
                     std::min(kMinScale, readable.y / natural.y));
  *shown = side;
  if (scale.x < least.x || scale.y < least.y) {
    scale = ImVec2(std::max(scale.x, least.x), std::max(scale.y, least.y));
    const float fit = std::min(
        {cells, room.x / (natural.x * scale.x), (room.y - note_h) / (natural.y * scale.y)});
    *shown = std::max<int64_t>(1, static_cast<int64_t>(fit));
  }
  return ImVec2(std::floor(natural.x * scale.x), std::floor(natural.y * scale.y));
}

// The cells of batch item n in mid-flight at `progress`, with their labels, in [origin ...].
// Returns the height used.
float DrawFlyingCells(const Frame& frame, AppState& app, ImDrawList* draw, ImVec2 area_min,
                      ImVec2 area, float progress) {
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  const int64_t n = std::min(frame.coord.n, g.batch - 1);
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 natural = ValueCellSize(session.input_style);
  const float label_w = ImGui::CalcTextSize("c00").x + 8.f;
  const float room_x = area.x - label_w, room_y = area.y - line - 4.f;
  // Both arrangements must fit in the square of side max(L, C) cells.
  int64_t shown = 0;
  // The note that only part of the grid shows, wrapped to the room beside the labels.
  const std::vector<std::string_view> note =
      WrapLines(Tr(app.i18n, "permute.cropped"), ImGui::GetFont(), ImGui::GetFontSize(), room_x);
  const float note_h = static_cast<float>(note.size()) * line + 2.f;
  const ImVec2 cell =
      PermuteCellSize(natural, ReadableCell(session.input_style), ImVec2(room_x, room_y),
                      std::max(g.length, g.in_channels), note_h, &shown);
  const int64_t vis_l = std::min(g.length, shown), vis_c = std::min(g.in_channels, shown);
  const float block = static_cast<float>(std::max(vis_l, vis_c));
  const ImVec2 origin(area_min.x + label_w + std::max(0.f, (room_x - block * cell.x) * 0.5f),
                      area_min.y + line + 4.f);
  const CellText cell_text = PermuteCellText(cell, session, frame, app);
  // Labels cross-fade from (word rows, component columns) to (channel rows, position columns);
  // they thin out when the cells are smaller than a line of text.
  const float fade = Ease(progress);
  // Row labels as tall as a cell when the UI text is taller (down to 11 pixels), so that every
  // row keeps its label where it can.
  const float row_label_size = std::max(std::min(ImGui::GetFontSize(), cell.y), 11.f);
  const float row_line = line * row_label_size / ImGui::GetFontSize();
  const int64_t row_every =
      std::max<int64_t>(1, static_cast<int64_t>(std::ceil(row_line / cell.y)));
  const int64_t col_every =
      std::max<int64_t>(1, static_cast<int64_t>(std::ceil(ImGui::CalcTextSize("l00").x / cell.x)));
  char label[32];
  for (int side_index = 0; side_index < 2; ++side_index) {
    const bool before = side_index == 0;
    const float alpha = before ? 1.f - fade : fade;
    if (alpha <= 0.02f) continue;
    const int64_t rows = before ? vis_l : vis_c, cols = before ? vis_c : vis_l;
    for (int64_t i = 0; i < rows; i += row_every) {
      std::snprintf(label, sizeof label, before ? "w%lld" : "c%lld", static_cast<long long>(i));
      const float w = ImGui::GetFont()->CalcTextSizeA(row_label_size, FLT_MAX, 0.f, label).x;
      draw->AddText(ImGui::GetFont(), row_label_size,
                    ImVec2(origin.x - w - 4.f,
                           origin.y + cell.y * static_cast<float>(i) + (cell.y - row_line) * 0.5f),
                    WithAlpha(Palette::kMutedText, alpha), label);
    }
    for (int64_t j = 0; j < cols; j += col_every) {
      std::snprintf(label, sizeof label, before ? "c%lld" : "l%lld", static_cast<long long>(j));
      const float w = ImGui::CalcTextSize(label).x;
      draw->AddText(ImVec2(origin.x + cell.x * (static_cast<float>(j) + 0.5f) - w * 0.5f,
                           origin.y - line - 2.f),
                    WithAlpha(Palette::kMutedText, alpha), label);
    }
  }
  // Cells: from (row l, col c) to (row c, col l), staggered along the anti-diagonal.
  const float span = static_cast<float>(std::max<int64_t>(1, vis_l + vis_c - 2));
  for (int64_t l = 0; l < vis_l; ++l) {
    for (int64_t c = 0; c < vis_c; ++c) {
      const float delay = 0.45f * static_cast<float>(l + c) / span;
      const float local = Ease((progress - delay) / 0.55f);
      const ImVec2 from(origin.x + cell.x * static_cast<float>(c),
                        origin.y + cell.y * static_cast<float>(l));
      const ImVec2 to(origin.x + cell.x * static_cast<float>(l),
                      origin.y + cell.y * static_cast<float>(c));
      ImVec2 at = Lerp(from, to, local);
      // Cells off the diagonal bow outwards a little, so their paths do not all overlap.
      const float bow = std::sin(local * 3.14159f) * 0.15f * static_cast<float>(l - c) * cell.y;
      at.x += bow;
      at.y -= bow;
      CellLook look;
      look.colormap = frame.colormap;
      look.text = cell_text;
      const bool moving = local > 0.f && local < 1.f;
      look.outline = moving ? Palette::kKernelFrame : 0;
      look.outline_thickness = moving ? 1.5f : 0.f;
      DrawValueCell(draw, at, ImVec2(at.x + cell.x - 1.f, at.y + cell.y - 1.f),
                    session.problem.input.at(n, c, l), session.input_style.abs_max,
                    session.input_style, look);
    }
  }
  float used = line + 4.f + block * cell.y;
  if (vis_l < g.length || vis_c < g.in_channels) {
    float y = area_min.y + used + 2.f;
    for (const std::string_view text : note) {
      draw->AddText(ImVec2(area_min.x + label_w, y), Palette::kMutedText, text.data(),
                    text.data() + text.size());
      y += line;
    }
    used += note_h;
  }
  return used;
}

// The height TextWrappedCjk gives `text` at `width` (it breaks Chinese between characters,
// where ImGui's own measure would not).
float WrappedHeight(const std::string& text, float width) {
  const size_t lines = WrapLines(text, ImGui::GetFont(), ImGui::GetFontSize(), width).size();
  return static_cast<float>(std::max<size_t>(1, lines)) * ImGui::GetTextLineHeightWithSpacing();
}

}  // namespace

void DrawPermutePanel(const Frame& frame, AppState& app) {
  const Session& session = *frame.session;
  const Geometry& g = session.geometry;
  if (!BeginPanel(PanelLabel(app.i18n, "panel.permute", "permute(0, 2, 1)").c_str(),
                  frame.layout.permute)) {
    EndPanel();
    return;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const bool nlc = session.recipe.layout == InputLayout::kNLC;
  const float line = ImGui::GetTextLineHeight();
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const Shape nlc_shape = nlc ? session.input_given.shape : Shape{g.batch, g.length, g.in_channels};
  const float progress = nlc ? app.permute.progress : 1.f;
  const float shape_w = DrawMorphingShape(draw, top, nlc_shape, progress, frame.fonts.bold);

  // Replay and "forgot the permute?" beside the shape label, or under it when it is wide.
  const std::string replay = Label(app.i18n, "permute.replay"),
                    forgot = Label(app.i18n, "permute.forgot");
  const float buttons_w = ImGui::CalcTextSize(Tr(app.i18n, "permute.replay")).x +
                          ImGui::CalcTextSize(Tr(app.i18n, "permute.forgot")).x +
                          style.FramePadding.x * 4.f + style.ItemSpacing.x;
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const bool beside = shape_w + buttons_w + style.ItemSpacing.x * 2.f <= avail_w;
  if (beside)
    ImGui::SetCursorScreenPos(ImVec2(top.x + avail_w - buttons_w, top.y));
  else
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + 2.f * line + 4.f));
  if (!nlc) ImGui::BeginDisabled();
  if (SmallButtonWhole(replay.c_str())) ReplayPermute(app);
  // The second button on the same line when it fits there (a large text scale: the next line).
  const float forgot_right = ImGui::GetItemRectMax().x + style.ItemSpacing.x +
                             ImGui::CalcTextSize(Tr(app.i18n, "permute.forgot")).x +
                             style.FramePadding.x * 2.f;
  if (forgot_right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
    ImGui::SameLine();
  if (SmallButtonWhole(forgot.c_str())) app.show_forgot_permute = true;
  if (!nlc) ImGui::EndDisabled();
  const float below = beside ? top.y + 2.f * line + 6.f : ImGui::GetCursorScreenPos().y + 2.f;
  ImGui::SetCursorScreenPos(ImVec2(top.x, below));

  // The why line: in full when it leaves the grid room, else the short form.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // One kernel is weight[o]: [in_channels / groups, kernel_size].
  const std::string c = std::to_string(g.in_channels), k = std::to_string(g.kernel_size),
                    per_group = std::to_string(g.in_per_group), groups = std::to_string(g.groups);
  const std::string grouped = g.groups > 1 ? "_grouped" : "";
  const std::string long_key = (nlc ? "permute.why" : "permute.not_needed") + grouped;
  std::string why = TrFormat(app.i18n, long_key.c_str(), {c, k, per_group, groups});
  // Measured as TextWrappedCjk writes it (ImGui's measure may wrap into fewer lines).
  float why_h = WrappedHeight(why, avail.x);
  if (why_h > avail.y * 0.3f) {
    const std::string short_key = nlc ? "permute.why_short" + grouped : "permute.not_needed_short";
    why = TrFormat(app.i18n, short_key.c_str(), {c, k, per_group, groups});
    why_h = WrappedHeight(why, avail.x);
  }
  // The view's strides against a fresh tensor's: permute is a view, .contiguous() the copy.
  // In full when the text leaves room, else the short form, else not at all (never cut); and
  // not at the cost of the grid's numbers: where the width would give the cells their natural
  // size, it stays only while the height does too (presentation mode's large text).
  const ImVec2 natural = ValueCellSize(session.input_style);
  const float side = static_cast<float>(std::max(g.length, g.in_channels));
  const bool width_allows = avail.x - ImGui::CalcTextSize("c00").x - 8.f >= natural.x * side;
  const float grid_h = width_allows ? ImGui::GetTextLineHeight() + 4.f + natural.y * side : 0.f;
  std::string strides;
  float strides_h = 0.f;
  for (bool short_form : {false, true}) {
    if (!nlc) break;
    strides = PermuteStridesSentence(app.i18n, nlc_shape, short_form);
    strides_h = WrappedHeight(strides, avail.x) + style.ItemSpacing.y;
    const float left = avail.y - why_h - strides_h - style.ItemSpacing.y * 2.f;
    if (why_h + strides_h <= avail.y * 0.5f && left >= grid_h) break;
    strides.clear();
    strides_h = 0.f;
  }
  const ImVec2 area_min = ImGui::GetCursorScreenPos();
  const ImVec2 area(avail.x,
                    std::max(0.f, avail.y - why_h - strides_h - style.ItemSpacing.y * 2.f));
  float used = 0.f;
  if (g.batch > 0 && g.length > 0 && g.in_channels > 0 && area.y > 8.f) {
    draw->PushClipRect(area_min, ImVec2(area_min.x + area.x, area_min.y + area.y), true);
    used = DrawFlyingCells(frame, app, draw, area_min, area, progress);
    draw->PopClipRect();
  }
  ImGui::SetCursorScreenPos(
      ImVec2(area_min.x, area_min.y + std::min(used, area.y) + style.ItemSpacing.y));
  TextWrappedCjk(why.c_str());
  if (!strides.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kKernelFrame));
    TextWrappedCjk(strides.c_str());
    ImGui::PopStyleColor();
  }
  EndPanel();
}

}  // namespace convstep::gui
