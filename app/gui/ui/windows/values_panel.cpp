#include "ui/windows/values_panel.h"

#include <algorithm>
#include <cmath>

#include <imgui_stdlib.h>

#include "convstep/torch_text.h"
#include "state/background.h"
#include "state/cell_edit.h"
#include "state/tensor_import.h"
#include "ui/draw/colormap.h"
#include "ui/widgets/file_widgets.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

// Columns shown at once; wider tensors page through them.
constexpr int64_t kPageColumns = 16;

// One editable number: a drag box in the value's colour. Drag to change, double-click (or
// Ctrl+click) to type. Returns true when the session changed.
bool ValueBox(AppState& app, const CellRef& cell, float value, const NumberStyle& style,
              float width, bool emphasised) {
  // Large sessions rebuild in the background: the box follows the gesture at once and the
  // session is built when it ends (ordinary ones rebuild every frame of a drag).
  LiveEdit& live = app.files.live;
  const bool large = BuildsInBackground(app, app.session->geometry);
  const bool live_here =
      live.cell == cell &&
      (live.active || (live.submitted && BuildPending(app) && app.session == live.base));
  float edited = live_here ? live.value : value;
  const ImU32 fill = DivergingColor(edited, style.abs_max, app.view.colormap);
  ImGui::PushStyleColor(ImGuiCol_FrameBg, ImGui::ColorConvertU32ToFloat4(fill));
  ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, ImGui::ColorConvertU32ToFloat4(MixColor(
                                                     fill, IM_COL32(0, 0, 0, 255), 0.12f)));
  ImGui::PushStyleColor(ImGuiCol_FrameBgActive, ImGui::ColorConvertU32ToFloat4(
                                                    MixColor(fill, IM_COL32(0, 0, 0, 255), 0.2f)));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(TextColorOn(fill)));
  if (emphasised) {
    ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(Palette::kHighlight));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.f);
  }
  ImGui::SetNextItemWidth(width);
  const float speed = std::max(style.abs_max, 1.f) * (style.integers ? 0.02f : 0.004f);
  bool changed =
      ImGui::DragFloat("##v", &edited, speed, 0.f, 0.f, style.integers ? "%.0f" : "%.4f");
  if (ImGui::IsItemActivated()) PushUndo(app);  // one undo step per drag or typed value
  bool submitted = false;
  if (large) {
    if (changed && std::isfinite(edited)) live = LiveEdit{true, false, cell, edited, nullptr};
    changed = false;
    if (ImGui::IsItemDeactivated() && live.active && live.cell == cell) {
      live.active = false;
      if (live.value != value && SetCellValue(app, cell, live.value)) {
        live.submitted = true;
        live.base = app.session;
        submitted = true;
      }
    }
  }
  if (ImGui::IsItemHovered() && !ImGui::IsItemActive()) {
    ImGui::BeginTooltip();
    ImGui::Text("%s = %s", CellName(*app.session, cell).c_str(), FormatPrecise(value).c_str());
    MutedText(Tr(app.i18n, "edit.box_tooltip"));
    ImGui::EndTooltip();
  }
  if (emphasised) {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  }
  ImGui::PopStyleColor(4);
  return submitted || (changed && std::isfinite(edited) && SetCellValue(app, cell, edited));
}

// A pager for wide tensors: "columns 0–15 of 40  ◀ ▶".
void ColumnPager(AppState& app, int64_t columns) {
  int64_t& first = app.files.values.first_column;
  first = std::clamp<int64_t>(first, 0, std::max<int64_t>(0, columns - 1));
  first -= first % kPageColumns;
  if (columns <= kPageColumns) {
    first = 0;
    return;
  }
  const int64_t last = std::min(columns, first + kPageColumns) - 1;
  ImGui::TextUnformatted(
      TrFormat(app.i18n, "edit.columns",
               {std::to_string(first), std::to_string(last), std::to_string(columns)})
          .c_str());
  ImGui::SameLine();
  if (ImGui::ArrowButton("##left", ImGuiDir_Left))
    first = std::max<int64_t>(0, first - kPageColumns);
  ImGui::SameLine();
  if (ImGui::ArrowButton("##right", ImGuiDir_Right) && first + kPageColumns < columns)
    first += kPageColumns;
}

// A grid of value boxes: rows x columns, `cell_of(row, col)` naming each, `label(row)`.
template <typename CellOf, typename RowLabel, typename ColLabel>
void ValueTable(AppState& app, const char* id, int64_t rows, int64_t columns,
                const NumberStyle& style, CellOf cell_of, RowLabel row_label, ColLabel col_label) {
  ColumnPager(app, columns);
  const int64_t first = app.files.values.first_column;
  const int64_t shown = std::min(kPageColumns, columns - first);
  const float box_w = ImGui::CalcTextSize(style.integers ? "-000" : "-0.0000").x +
                      ImGui::GetStyle().FramePadding.x * 2.f + 4.f;
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerV;
  const float height =
      std::min(ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing(),
               (static_cast<float>(rows) + 1.5f) * ImGui::GetFrameHeightWithSpacing());
  if (shown <= 0 ||
      !ImGui::BeginTable(id, static_cast<int>(shown) + 1, flags,
                         ImVec2(0.f, std::max(height, ImGui::GetFrameHeight() * 3.f))))
    return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("");
  char text[48];
  for (int64_t j = 0; j < shown; ++j) {
    col_label(first + j, text, sizeof text);
    ImGui::TableSetupColumn(text, ImGuiTableColumnFlags_WidthFixed, box_w);
  }
  ImGui::TableHeadersRow();
  const HoverTarget& lit =
      app.hover.pinned.kind != HoverKind::kNone ? app.hover.pinned : app.hover.previous;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      row_label(r, text, sizeof text);
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("%s", text);
      for (int64_t j = 0; j < shown; ++j) {
        ImGui::TableSetColumnIndex(static_cast<int>(j) + 1);
        const CellRef cell = cell_of(r, first + j);
        const auto value = CellValue(*app.session, cell);
        if (!value) continue;
        ImGui::PushID(static_cast<int>(r * 4096 + j));
        // The cell lit in the picture (hovered or pinned) is framed here too.
        bool emphasised = false;
        if (cell.tensor == EditedTensor::kWeight && lit.kind == HoverKind::kWeight)
          emphasised = lit.a == cell.a && lit.b == cell.b && lit.c == cell.c;
        if (cell.tensor == EditedTensor::kInput && lit.kind == HoverKind::kInput) {
          // lit is (n, c, l); the cell is (n, row, col) in the layout as given.
          const bool nlc = app.session->recipe.layout == InputLayout::kNLC;
          const int64_t c = nlc ? cell.c : cell.b, l = nlc ? cell.b : cell.c;
          emphasised = lit.a == cell.a && lit.b == c && lit.c == l;
        }
        ValueBox(app, cell, *value, style, box_w, emphasised);
        ImGui::PopID();
      }
    }
  }
  ImGui::EndTable();
}

void InputTab(const Frame& frame, AppState& app) {
  const Session& session = *app.session;
  const Shape& shape = session.input_given.shape;
  if (shape.size() != 3 || shape[0] == 0) {
    MutedText(Tr(app.i18n, "batch.empty"));
    return;
  }
  ValuesWindow& window = app.files.values;
  const bool follow = window.batch_item < 0;
  int64_t n = follow ? frame.coord.n : window.batch_item;
  n = std::clamp<int64_t>(n, 0, shape[0] - 1);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(Tr(app.i18n, "batch.item"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.f);
  int64_t chosen = n;
  const int64_t one = 1;
  if (ImGui::InputScalar("##n", ImGuiDataType_S64, &chosen, &one, nullptr, "%lld"))
    window.batch_item = std::clamp<int64_t>(chosen, 0, shape[0] - 1);
  SameLineIfFits(CheckWidth(Label(app.i18n, "edit.follow_step")), WindowRowWidth());
  bool follows = follow;
  if (ImGui::Checkbox(Label(app.i18n, "edit.follow_step").c_str(), &follows))
    window.batch_item = follows ? -1 : n;
  const bool nlc = session.recipe.layout == InputLayout::kNLC;
  const char* word = Tr(app.i18n, "axis.word_short");
  ValueTable(
      app, "input_values", shape[1], shape[2], session.input_style,
      [&](int64_t r, int64_t c) {
        return CellRef{EditedTensor::kInput, n, r, c};
      },
      [&](int64_t r, char* buf, size_t size) {
        if (nlc)
          std::snprintf(buf, size, "%s %lld", word, static_cast<long long>(r));
        else
          std::snprintf(buf, size, "c%lld", static_cast<long long>(r));
      },
      [&](int64_t c, char* buf, size_t size) {
        if (nlc)
          std::snprintf(buf, size, "c%lld", static_cast<long long>(c));
        else
          std::snprintf(buf, size, "l%lld", static_cast<long long>(c));
      });
}

void WeightTab(AppState& app) {
  const Session& session = *app.session;
  const Geometry& g = session.geometry;
  ValueTable(
      app, "weight_values", g.out_channels * g.in_per_group, g.kernel_size, session.weight_style,
      [&](int64_t r, int64_t k) {
        return CellRef{EditedTensor::kWeight, r / g.in_per_group, r % g.in_per_group, k};
      },
      [&](int64_t r, char* buf, size_t size) {
        std::snprintf(buf, size, "o=%lld c=%lld", static_cast<long long>(r / g.in_per_group),
                      static_cast<long long>(r % g.in_per_group));
      },
      [&](int64_t k, char* buf, size_t size) {
        std::snprintf(buf, size, "k=%lld", static_cast<long long>(k));
      });
}

void BiasTab(AppState& app) {
  const Session& session = *app.session;
  if (!session.recipe.spec.bias) {
    MutedText(Tr(app.i18n, "edit.no_bias"));
    return;
  }
  const NumberStyle style = StyleOf(session.problem.bias);
  ValueTable(
      app, "bias_values", session.recipe.spec.out_channels, 1, style,
      [&](int64_t o, int64_t) {
        return CellRef{EditedTensor::kBias, o, 0, 0};
      },
      [&](int64_t o, char* buf, size_t size) {
        std::snprintf(buf, size, "o=%lld", static_cast<long long>(o));
      },
      [&](int64_t, char* buf, size_t size) { std::snprintf(buf, size, "b[o]"); });
}

}  // namespace

std::string CopyTensorText(AppState& app, const Tensor& tensor, const char* name) {
  TorchPrintOptions options;
  if (tensor.numel() > options.threshold) options.threshold = std::numeric_limits<int>::max();
  const std::string text = FormatTorchTensor(tensor, options);
  ImGui::SetClipboardText(text.c_str());
  app.notice = TrFormat(app.i18n, "edit.copied", {name, FormatShape(tensor.shape)});
  return text;
}

void ShowValuesWindow(AppState& app, int tab) {
  app.files.values.open = true;
  app.files.values.tab = tab;
  app.files.values.select_tab = true;
}

void DrawValuesWindow(const Frame& frame, AppState& app) {
  ValuesWindow& window = app.files.values;
  if (!window.open) return;
  const I18n& i18n = app.i18n;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  // Placed each time it opens so that it lies wholly on the display at any size and text scale.
  const float width = std::min(ImGui::GetFontSize() * 36.f, display.x * 0.9f);
  const float left = std::min(display.x * 0.55f, display.x * 0.95f - width);
  ImGui::SetNextWindowPos(ImVec2(left, display.y * 0.15f), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(width, display.y * 0.6f), ImGuiCond_Appearing);
  bool open = true;
  const std::string title = std::string(Tr(i18n, "edit.values_title")) + "###io_values";
  if (ImGui::Begin(title.c_str(), &open, ImGuiWindowFlags_NoCollapse)) {
    MutedText(Tr(i18n, "edit.values_explain"));
    MutedText(
        TrFormat(i18n, "edit.values_from", {ValuesOriginLabel(i18n, app.session->recipe)}).c_str());
    const bool can_undo = !app.files.undo.empty();
    if (!can_undo) ImGui::BeginDisabled();
    if (ImGui::Button(Label(i18n, "edit.undo").c_str())) UndoValues(app);
    if (!can_undo) ImGui::EndDisabled();
    SameLineIfFits(Label(i18n, "edit.copy_tab"), WindowRowWidth());
    const char* names[] = {"x", "conv.weight", "conv.bias"};
    const int tab_before = window.tab;
    if (ImGui::Button(Label(i18n, "edit.copy_tab").c_str())) {
      const Session& session = *app.session;
      const Tensor& tensor = window.tab == 0   ? session.input_given
                             : window.tab == 1 ? session.problem.weight
                                               : session.problem.bias;
      if (window.tab != 2 || session.recipe.spec.bias)
        CopyTensorText(app, tensor, names[window.tab]);
    }
    if (ImGui::BeginTabBar("values_tabs")) {
      const char* keys[] = {"edit.tab_input", "edit.tab_weight", "edit.tab_bias"};
      for (int i = 0; i < 3; ++i) {
        const ImGuiTabItemFlags flags =
            window.select_tab && tab_before == i ? ImGuiTabItemFlags_SetSelected : 0;
        if (ImGui::BeginTabItem(Label(i18n, keys[i]).c_str(), nullptr, flags)) {
          if (!window.select_tab && window.tab != i) window.first_column = 0;
          if (!window.select_tab) window.tab = i;
          if (i == 0) InputTab(frame, app);
          if (i == 1) WeightTab(app);
          if (i == 2) BiasTab(app);
          ImGui::EndTabItem();
        }
      }
      window.select_tab = false;
      ImGui::EndTabBar();
    }
    if (EscapePressed()) open = false;
  }
  ImGui::End();
  if (!open) window.open = false;
}

void DrawCellEditor(const Frame& /*frame*/, AppState& app) {
  CellEditor& editor = app.files.cell_editor;
  if (!editor.open) return;
  const auto value = CellValue(*app.session, editor.cell);
  if (!value) {  // the cell no longer exists (the shape changed)
    editor.open = false;
    return;
  }
  const I18n& i18n = app.i18n;
  const Session& session = *app.session;
  // Left of the cell (its tooltip opens to the right of the pointer); below it near the left
  // edge. Kept on screen.
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float width_guess = ImGui::GetFontSize() * 22.f;
  const bool left = editor.anchor.x > width_guess + 24.f;
  ImVec2 pos = left ? ImVec2(editor.anchor.x - 16.f, editor.anchor.y)
                    : ImVec2(editor.anchor.x + 8.f,
                             editor.anchor.y + ImGui::GetTextLineHeightWithSpacing() * 4.5f);
  pos.y = std::min(pos.y, display.y - ImGui::GetFontSize() * 10.f);
  ImGui::SetNextWindowPos(pos, ImGuiCond_Appearing, ImVec2(left ? 1.f : 0.f, 0.f));
  const std::string title =
      TrFormat(i18n, "edit.cell_title", {CellName(session, editor.cell)}) + "###io_cell";
  bool open = true;
  if (ImGui::Begin(title.c_str(), &open,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_AlwaysAutoResize)) {
    ++editor.frames_open;
    const NumberStyle style = editor.cell.tensor == EditedTensor::kInput ? session.input_style
                              : editor.cell.tensor == EditedTensor::kWeight
                                  ? session.weight_style
                                  : StyleOf(session.problem.bias);
    MutedText(Tr(i18n, "edit.cell_explain"));
    const float box_w = ImGui::GetFontSize() * 9.f;
    ImGui::PushID("drag");
    ValueBox(app, editor.cell, *value, style, box_w, false);
    ImGui::PopID();
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr(i18n, "edit.drag_hint"));
    if (editor.focus_text) {
      ImGui::SetKeyboardFocusHere();
      editor.focus_text = false;
    }
    float typed = *value;
    ImGui::SetNextItemWidth(box_w);
    if (ImGui::InputFloat("##typed", &typed, 0.f, 0.f, "%.6g",
                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll |
                              ImGuiInputTextFlags_CharsScientific)) {
      if (std::isfinite(typed) && typed != *value) {
        PushUndo(app);
        SetCellValue(app, editor.cell, typed);
      }
      open = false;
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr(i18n, "edit.type_hint"));
    if (ImGui::Button(Label(i18n, "edit.revert").c_str()) && *value != editor.original) {
      PushUndo(app);
      SetCellValue(app, editor.cell, editor.original);
    }
    ImGui::SameLine();
    if (ImGui::Button(Label(i18n, "edit.close").c_str())) open = false;
    // Esc or a click elsewhere closes it.
    if (EscapePressed()) open = false;
    if (editor.frames_open > 2 && ImGui::IsMouseClicked(ImGuiMouseButton_Left) &&
        !ImGui::IsWindowHovered(ImGuiHoveredFlags_RootAndChildWindows |
                                ImGuiHoveredFlags_AllowWhenBlockedByActiveItem))
      open = false;
  }
  ImGui::End();
  if (!open) editor.open = false;
}

}  // namespace convstep::gui
