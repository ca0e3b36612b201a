// Helpers for the files tests (numbers in, pictures and sessions out): a temporary folder per test,
// files written into it, and a snapshot of everything the screen shows, to prove that a refused
// file changed nothing.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "state/app_state.h"
#include "state/session_file.h"
#include "support/files.h"

namespace convstep::gui::testing {

using test_support::ReadAll;
using test_support::ScopedEnv;
using test_support::TempDir;

/// Everything the screen is made of: the session (its identity and its saved form, which holds
/// the recipe, the tensors, the timeline, the pin and the view), the draft and its error.
struct ScreenSnapshot {
  const Session* session = nullptr;
  std::string saved;
  std::string draft_layout_and_sizes;
  bool has_edit_error = false;
  size_t undo = 0;

  static ScreenSnapshot Of(const AppState& app) {
    ScreenSnapshot s;
    s.session = app.session.get();
    s.saved = SessionToJson(app, "snapshot", nullptr).dump();
    s.draft_layout_and_sizes = std::to_string(app.draft.batch) + "," +
                               std::to_string(app.draft.length) + "," +
                               std::to_string(static_cast<int>(app.draft.layout)) + "," +
                               std::to_string(app.draft.spec.in_channels);
    s.has_edit_error = app.edit_error.has_value();
    s.undo = app.files.undo.size();
    return s;
  }
  bool operator==(const ScreenSnapshot& o) const {
    return session == o.session && saved == o.saved &&
           draft_layout_and_sizes == o.draft_layout_and_sizes &&
           has_edit_error == o.has_edit_error && undo == o.undo;
  }
};

}  // namespace convstep::gui::testing
