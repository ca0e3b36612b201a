#include "ui/frame.h"

#include "state/app_state.h"
#include "ui/presentation.h"
#include "ui/stage_layout.h"

namespace convstep::gui {

Frame MakeFrame(AppState& app, float dt, ImVec2 display, float menu_height) {
  Frame frame;
  frame.dt = dt;
  frame.display = display;
  frame.session = app.session;
  frame.step_count = StepCount(app);
  frame.step = CurrentStepState(app);
  frame.coord = frame.step ? frame.step->coord : TapCoord{};
  frame.window_start = DisplayedWindowStart(app);
  BeginHoverFrame(app.hover, *app.session, frame.coord);
  frame.highlight = &app.hover.highlight;
  frame.fonts = app.fonts;
  frame.colormap = app.view.colormap;
  frame.layout = ComputeLayout(display, menu_height, ImGui::GetFontSize(), app.view.show);
  ApplyLessonStage(app, frame.layout);  // a lesson chapter shows its panels large
  ApplyPresentationLayout(app, frame.layout, display);
  return frame;
}

}  // namespace convstep::gui
