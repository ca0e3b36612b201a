// Conv1d beside Conv2d (main area, "Conv1d vs Conv2d" tab). First the exact equivalence
// PyTorch users need: nn.Conv2d(C, O, (1, k)) on x.unsqueeze(2), weights w.unsqueeze(2),
// output .squeeze(2): C channels, each an image of height 1; channels stay channels. Second
// (the seed document's section 三): the input as a one-channel image of height C; a kernel of
// height C gives the same numbers, one of height kh < C holds the first kh rows (input
// channels) of each kernel and also moves down (C − kh + 1 rows of output). A table states
// the differences the seed lists, and the code of the form on screen follows.
#pragma once

#include <cstdint>
#include <vector>

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the Conv1d-beside-Conv2d view in frame.layout.conv2d.
void DrawConv2dPanel(const Frame& frame, AppState& app);

/// The output of nn.Conv2d(1, O, kernel_size=(kernel_height, k), stride=(1, stride),
/// padding=(0, padding), dilation=(1, dilation)) for batch item n and output channel o, on
/// the image x[n] of height C and width L, with the top `kernel_height` rows of Conv1d kernel
/// w[o] (and its bias): [C − kernel_height + 1][L_out], row-major; with `columns` >= 0 only
/// the first `columns` positions of each row ([rows][columns], what is on screen). With
/// kernel_height == C it equals y[n, o, :]. Requires groups == 1 and 1 <= kernel_height <= C.
std::vector<float> Conv2dRows(const Session& session, int64_t n, int64_t out_channel,
                              int64_t kernel_height, int64_t columns = -1);

}  // namespace convstep::gui
