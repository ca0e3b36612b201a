// Presentation mode's state changes (the view is presentation.h): on / off and the text size
// it adds.
#pragma once

#include "state/app_state.h"

namespace convstep::gui {

/// How much larger all text is in presentation mode.
inline constexpr float kPresentationTextFactor = 2.f;

/// Turns presentation mode on or off (schedules the font rebuild its text size needs).
void SetPresenting(AppState& app, bool on);

/// The text factor presentation mode adds (1 when off).
float PresentationTextFactor(const AppState& app);

}  // namespace convstep::gui
