#include "ui/keys.h"

#include "state/lesson.h"

namespace convstep::gui {

void QueueLessonKey(AppState& app, int key) {
  if (key == keys::kPageDown) QueueLessonTurn(app, +1);
  if (key == keys::kPageUp) QueueLessonTurn(app, -1);
}

}  // namespace convstep::gui
