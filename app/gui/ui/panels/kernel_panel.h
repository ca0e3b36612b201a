// Kernel bank panel: the weight [out_channels, in_channels / groups, kernel_size] drawn as
// out_channels small kernels of (in/groups) x k cells. The active kernel (the current output
// channel) is framed; with groups > 1 each kernel carries its group's colour.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the kernel bank panel in frame.layout.kernels.
void DrawKernelPanel(const Frame& frame, AppState& app);

}  // namespace convstep::gui
