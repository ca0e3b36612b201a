#include "state/presentation_mode.h"

namespace convstep::gui {

void SetPresenting(AppState& app, bool on) {
  if (app.present.on == on) return;
  app.present.on = on;
  app.present.blank = false;
  app.view.fonts_dirty = true;
}

float PresentationTextFactor(const AppState& app) {
  return app.present.on ? kPresentationTextFactor : 1.f;
}

}  // namespace convstep::gui
