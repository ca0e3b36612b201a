// The offer after a crash: "ConvStep did not close properly; restore the session you were
// editing?", with what it holds and when it was saved. Restore opens it exactly; Discard keeps
// it as autosave-declined.json, so nothing is lost to a wrong click.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// A one-line description of an autosave file: its layer, input shape, where its values came
/// from and when it was saved (empty when it cannot be read).
std::string DescribeAutosave(const I18n& i18n, const std::string& path);

/// Draws the offer while app.files.autosave.offer_open.
void DrawRestoreOffer(const Frame& frame, AppState& app);

}  // namespace convstep::gui
