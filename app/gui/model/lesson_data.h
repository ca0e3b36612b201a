// The guided lesson's chapters as data: what assets/lesson/chapters.json holds and how it
// is read. Opening a chapter (which changes the app) is state/lesson.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "convstep/result.h"
#include "convstep/walkthrough.h"
#include "model/stage_panels.h"

namespace convstep::gui {

/// One chapter of the guided lesson (assets/lesson/chapters.json).
struct Chapter {
  int id = 0;              ///< 1-based number shown to the user
  std::string title_key;   ///< translation key of the title ("lesson.4.title")
  std::string text_key;    ///< translation key of the narration
  nlohmann::json session;  ///< a spec in convstep-cli's schema
  std::string focus;       ///< the panel the chapter talks about ("dot_product", "conv2d", ...)
  Granularity granularity = Granularity::kTap;
  int64_t step = 0;                   ///< where the timeline starts
  bool play = false;                  ///< start playing
  std::optional<int64_t> play_until;  ///< ... and pause on this step
  bool play_permute = false;          ///< replay the permute animation
  bool show_forgot_permute = false;   ///< open the "forgot the permute" window
  /// The panels the chapter shows, large, side by side in the whole step-by-step area (what it
  /// has not introduced yet stays hidden); empty: every panel, in the usual tiling.
  std::vector<StagePanel> stage;
  /// The panels presentation mode shows for the chapter; empty: the stage's large ones.
  std::vector<StagePanel> present;
};

/// One chapter from its JSON object. Errors name the key at fault.
Result<Chapter> ChapterFromJson(const nlohmann::json& object);

/// Reads a chapters file ({"chapters": [...]}) and checks every chapter's session parses.
Result<std::vector<Chapter>> LoadChapters(const std::string& path);

}  // namespace convstep::gui
