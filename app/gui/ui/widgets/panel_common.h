// Pieces several panels share: panel titles with shapes, the batch as a row of cards, the
// card-stack hint that a tensor has a batch dimension, and cell tooltips.
#pragma once

#include <cstdint>
#include <string>

#include <imgui.h>

#include "model/format.h"
#include "state/app_state.h"
#include "ui/draw/grid.h"
#include "ui/draw/wrap_text.h"
#include "ui/frame.h"

namespace convstep::gui {

/// "Translated title  [6, 5, 3]##key": a panel label with a live shape and a stable ID.
std::string PanelLabel(const I18n& i18n, const char* key, const std::string& shape_text);

/// Draws the batch items as clickable cards ("sentence 0", "1", ...), the current one raised;
/// `fraction_done(n)` (0..1, may be null) fills each card's progress bar. A click seeks to
/// the start of that batch item. When they do not fit, shows "◀ n / N ▶" instead.
void DrawBatchCards(const Frame& frame, AppState& app, const char* id, int64_t current_n,
                    float (*fraction_done)(const Frame&, int64_t n));

/// Draws `depth` offset outlines behind a grid's rectangle: the other cards of the batch.
void DrawCardStack(ImDrawList* draw, ImVec2 min, ImVec2 max, int64_t depth, float offset);

/// Fraction of batch item n's outputs that are computed at the current step.
float OutputFractionDone(const Frame& frame, int64_t n);

/// True when the step's window reads input position l (directly or through a ghost copy).
bool WindowReads(const StepState& step, int64_t l);

/// ImGui::BeginCombo whose closed box never trims its preview: a preview wider than the box is
/// shortened with "…" (ShortenToWidth) and shown whole in a tooltip on hover. The next item
/// width applies as for BeginCombo.
bool BeginComboFitting(const char* id, const std::string& preview, ImGuiComboFlags flags = 0);

/// ImGui::SmallButton that never trims its label: a pixel of padding above and below (Dear
/// ImGui's SmallButton has none, and clips the descenders of g, p, y to the line height).
bool SmallButtonWhole(const char* label);

/// Text in the muted colour, wrapped to the window.
void MutedText(const char* text);

/// An axis caption at `pos` in the muted colour.
void DrawAxisCaption(ImDrawList* draw, ImVec2 pos, const char* text);

/// The colour legend (caption, gradient bar, −max / 0 / +max; per-tensor ranges in a tooltip)
/// at `pos`, `width` wide. Returns the height used.
float DrawLegend(const Frame& frame, const AppState& app, ImVec2 pos, float width);

/// The outline a cell gets: hover highlight (purple) beats the current tap (black) beats
/// membership of the current window (kernel frame colour); 0 thickness for none.
struct Outline {
  ImU32 color = 0;
  float thickness = 0.f;
};
Outline CellOutline(bool highlighted, bool current_tap, bool in_window, float cell_height);

}  // namespace convstep::gui
