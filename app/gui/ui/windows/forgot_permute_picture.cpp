#include "ui/windows/forgot_permute_picture.h"

#include <algorithm>
#include <string>

#include "model/format.h"
#include "ui/draw/colormap.h"
#include "ui/draw/grid.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

constexpr int64_t kMaxCells = 10;  ///< rows or columns drawn before "…"

// One reading: a grid of `rows` x `cols` cells, value(row, col), a kernel frame over the
// first `k` columns and all rows, its first tap column filled with the tap colour.
struct Reading {
  int64_t rows = 0, cols = 0, k = 0;
  std::string row_prefix, col_prefix;  ///< "w" (word) or "c" (component)
  std::string title, note;
  bool wrong = false;
};

// The height of `title` wrapped to `width`.
float TitleHeight(const std::string& title, float width) {
  return ImGui::CalcTextSize(title.c_str(), nullptr, false, width).y;
}

// One reading in a column `width` wide from `origin`: its title wrapped to the column (the
// grid starts `title_h` below, the taller of the two titles, so both grids line up), the grid.
template <typename Value>
void DrawReading(const Frame& frame, const Reading& r, ImVec2 origin, float width, float title_h,
                 ImVec2 cell, const NumberStyle& style, Value value) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const ImU32 accent = r.wrong ? Palette::kError : IM_COL32(0, 110, 60, 255);
  draw->PushClipRect(origin, ImVec2(origin.x + width, origin.y + 10000.f), true);
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), origin, accent, r.title.c_str(), nullptr,
                width);
  const float label_w = ImGui::CalcTextSize("w00").x + 6.f;
  const ImVec2 grid(origin.x + label_w, origin.y + title_h + line + 10.f);
  const int64_t rows = std::min(r.rows, kMaxCells), cols = std::min(r.cols, kMaxCells);
  for (int64_t col = 0; col < cols; ++col) {
    const std::string label = r.col_prefix + std::to_string(col);
    draw->AddText(ImVec2(grid.x + cell.x * static_cast<float>(col) + 2.f, grid.y - line - 7.f),
                  Palette::kMutedText, label.c_str());
  }
  for (int64_t row = 0; row < rows; ++row) {
    const std::string label = r.row_prefix + std::to_string(row);
    const float y = grid.y + cell.y * static_cast<float>(row);
    draw->AddText(ImVec2(origin.x, y + (cell.y - line) * 0.5f), Palette::kMutedText, label.c_str());
    for (int64_t col = 0; col < cols; ++col) {
      CellLook look;
      look.colormap = frame.colormap;
      const ImVec2 a(grid.x + cell.x * static_cast<float>(col), y);
      DrawValueCell(draw, a, ImVec2(a.x + cell.x - 2.f, a.y + cell.y - 2.f), value(row, col),
                    style.abs_max, style, look);
    }
  }
  const float bottom = grid.y + cell.y * static_cast<float>(rows);
  // The first tap: one column of every row. The kernel: k columns.
  draw->AddRect(ImVec2(grid.x - 2.f, grid.y - 2.f), ImVec2(grid.x + cell.x, bottom), accent, 2.f, 0,
                3.5f);
  const float kernel_right = grid.x + cell.x * static_cast<float>(std::min(r.k, cols));
  DrawDashedRect(draw, ImVec2(grid.x - 5.f, grid.y - 5.f), ImVec2(kernel_right + 2.f, bottom + 3.f),
                 Palette::kKernelFrame, 5.f, 1.5f);
  if (r.rows > kMaxCells || r.cols > kMaxCells)
    draw->AddText(ImVec2(kernel_right + 6.f, bottom), Palette::kMutedText, "…");
  draw->PopClipRect();
}

}  // namespace

void DrawPermuteMixPictures(const Frame& frame, const AppState& app, float width) {
  const Session& session = *frame.session;
  const Shape& given = session.input_given.shape;
  if (session.recipe.layout != InputLayout::kNLC || given.size() != 3 || given[0] == 0) return;
  const int64_t n = std::clamp<int64_t>(frame.coord.n, 0, given[0] - 1);
  const int64_t words = given[1], components = given[2], k = session.recipe.spec.kernel_size;
  const std::string L = std::to_string(words), C = std::to_string(components),
                    K = std::to_string(k), O = std::to_string(session.recipe.spec.out_channels);
  Reading wrong{words,
                components,
                k,
                "w",
                "c",
                "nn.Conv1d(" + L + ", " + O + ", " + K + ")(x)",
                TrFormat(app.i18n, "forgot.mix_wrong", {L, C, K}),
                true};
  Reading right{components,
                words,
                k,
                "c",
                "w",
                "nn.Conv1d(" + C + ", " + O + ", " + K + ")(x.permute(0, 2, 1))",
                TrFormat(app.i18n, "forgot.mix_right", {L, C, K}),
                false};
  const float gap = ImGui::GetStyle().ItemSpacing.x * 3.f;
  const float half = (width - gap) * 0.5f;
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 natural = ValueCellSize(session.input_style);
  const float side =
      std::clamp((half - ImGui::CalcTextSize("w00").x - 10.f) /
                     static_cast<float>(std::min(std::max(words, components), kMaxCells)),
                 6.f, std::max(natural.y, line) * 1.4f);
  const ImVec2 cell(side, side);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const auto given_value = [&](int64_t row, int64_t col) {  // wrong reading: [word, component]
    return session.input_given.at(n, row, col);
  };
  const auto permuted_value = [&](int64_t row, int64_t col) {  // right: [component, word]
    return session.input_given.at(n, col, row);
  };
  const float title_h = std::max(TitleHeight(wrong.title, half), TitleHeight(right.title, half));
  DrawReading(frame, wrong, origin, half, title_h, cell, session.input_style, given_value);
  DrawReading(frame, right, ImVec2(origin.x + half + gap, origin.y), half, title_h, cell,
              session.input_style, permuted_value);
  const float grid_h =
      title_h + line + 10.f +
      cell.y * static_cast<float>(std::min(std::max(words, components), kMaxCells));
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + grid_h + line * 0.5f));
  // The notes under each picture, each wrapped in its own column.
  if (ImGui::BeginTable("mix_notes", 2, ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kError));
    TextWrappedCjk(wrong.note.c_str());
    ImGui::PopStyleColor();
    ImGui::TableSetColumnIndex(1);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(IM_COL32(0, 110, 60, 255)));
    TextWrappedCjk(right.note.c_str());
    ImGui::PopStyleColor();
    ImGui::EndTable();
  }
  ImGui::Dummy(ImVec2(width, 1.f));
}

}  // namespace convstep::gui
