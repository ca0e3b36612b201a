// The import window: File → Open (a path field for .json sessions and .npy / .csv / .txt
// tensors), Edit → Paste (print(tensor) text, parsed as you type), and the question "what is
// this tensor?" with each reading (input [N, L, C] / [N, C, L], weight, bias) marked as
// fitting the layer or not, and why. Nothing changes until a reading that fits is chosen.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Opens the window on the path field (File → Open).
void ShowOpenFile(AppState& app);

/// Opens the window on the text field, filled with `text` (Edit → Paste; Ctrl+V).
void ShowPasteText(AppState& app, const std::string& text);

/// Re-reads the pasted text when it changed: the parsed tensor and its readings, or the
/// parse error (line and column).
void UpdatePastedText(AppState& app);

/// Uses the pending tensor as its chosen reading. On error the window stays open with the
/// reason, and the session is unchanged.
bool UseChosenImport(AppState& app);

/// Draws the window when it is open.
void DrawImportWindow(const Frame& frame, AppState& app);

}  // namespace convstep::gui
