// Parts of the Conv1d-vs-Conv2d view that are text: the choice between its two Conv2d forms,
// the table of differences and the PyTorch code of the form on screen.
#pragma once

#include <cstdint>

#include <imgui.h>

#include "state/app_state.h"

namespace convstep::gui {

/// The intro, then the choice of Conv2d form: (1) nn.Conv2d(C, O, (1, k)) on x.unsqueeze(2),
/// channels staying channels (the exact equivalence, first), or (2) the input as a one-channel
/// image of height C with the kernel height `kh` (1 .. C) on a slider and what it holds.
/// Groups make the second form incomparable; a note says so.
void DrawConv2dFormControl(AppState& app, const Geometry& g, int64_t n, int64_t* kh);

/// The seed document's differences (section 三) as a table: aspect, Conv1d, Conv2d.
void DrawDifferencesTable(const I18n& i18n, const Geometry& g);

/// Height of the table in the current font.
float DifferencesTableHeight();

/// The Python of the Conv2d form on screen (Conv2dPython or ImageConv2dPython with `kh`), in
/// `mono`, below a caption; the same code the code tab runs after the Conv1d.
void DrawConv2dFormCode(const AppState& app, const Session& session, int64_t kh, ImFont* mono);

}  // namespace convstep::gui
