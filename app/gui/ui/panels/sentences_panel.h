// Sentences panel (side column, "Sentences" tab): type one sentence per line; they become the
// batch, their tokens label the L axis, each token gets a seeded word vector and shorter
// sentences are padded with <pad>. The token table previews the [N, L] grid as you type.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the sentences panel in frame.layout.sentences.
void DrawSentencesPanel(const Frame& frame, AppState& app);

}  // namespace convstep::gui
