// Ctrl+C and `kill` (SIGINT, SIGTERM) as a request, not a crash: the headless export loop
// asks whether one came, cancels its job (which removes the temporary GIF or the frames
// already written) and exits with 130, so an interrupted export leaves no half file behind.
#pragma once

namespace convstep::gui {

/// Exit code of a run that stopped because it was interrupted (128 + SIGINT, as shells use).
inline constexpr int kInterruptedExit = 130;

/// Routes SIGINT and SIGTERM to InterruptRequested() instead of ending the process. A
/// second signal of either kind ends it at once (the default action), so a stuck run can
/// still be stopped.
void InstallInterruptHandlers();

/// True once SIGINT or SIGTERM arrived after InstallInterruptHandlers().
bool InterruptRequested();

}  // namespace convstep::gui
