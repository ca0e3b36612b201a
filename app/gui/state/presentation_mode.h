// Presentation mode's state changes (the view is presentation.h): on / off and the text size
// it adds.
#pragma once

#include "state/app_state.h"

namespace convstep::gui {

/// How much larger all text is in presentation mode: 2.4 times, so that a digit of the UI face
/// is at least 3% of the screen's height at 1920x1080 (51 px text, 34 px digits) and at 1366x768
/// (38 px text, 25 px digits), and chapter 3's eight kernels still fit four to a row at 1920.
inline constexpr float kPresentationTextFactor = 2.4f;

/// Turns presentation mode on or off (schedules the font rebuild its text size needs).
void SetPresenting(AppState& app, bool on);

/// The text factor presentation mode adds (1 when off).
float PresentationTextFactor(const AppState& app);

}  // namespace convstep::gui
