// Editing one number of the input, weight or bias: the session is rebuilt at once (output and
// the current step follow), and the values become "given" (kSpecFile, edited) so that other
// edits keep them.
#pragma once

#include <optional>
#include <string>

#include "state/app_state.h"

namespace convstep::gui {

/// The value of a cell of the session (input as given, weight, bias); none when it does not
/// exist.
std::optional<float> CellValue(const Session& session, const CellRef& cell);

/// Sets a cell and rebuilds the session, keeping the position: at once for ordinary sessions,
/// on the background worker for large ones (BuildsInBackground; the session is swapped in by
/// PollBuild). Returns false (nothing changes) when the cell does not exist or the value is
/// not finite. Does not push undo: the caller does once per gesture (PushUndo when a drag or
/// a text edit begins).
bool SetCellValue(AppState& app, const CellRef& cell, float value);

/// "x[0, 1, 2]", "w[3, 0, 1]", "b[3]": how a cell is named in the picture.
std::string CellName(const Session& session, const CellRef& cell);

/// How "Values from" names the session's values: a generator ("randn"), the seed document,
/// the sentences, "the file x.npy", "pasted text", with ", edited by hand" after edits.
std::string ValuesOriginLabel(const I18n& i18n, const Recipe& recipe);

/// Opens the small cell editor beside `anchor` (a double-click on an input or weight cell).
void OpenCellEditor(AppState& app, const CellRef& cell, ImVec2 anchor);

}  // namespace convstep::gui
