// The state of the teaching features (issue 5): the guided lesson, the language, typed
// sentences, the PyTorch code view and the Conv1d-beside-Conv2d view. Plain data, held by
// AppState; the named functions that change it are in lesson.h, language.h, sentences_input.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "convstep/walkthrough.h"
#include "stage_panels.h"

namespace convstep::gui {

struct Session;

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
};

/// The guided lesson's progress.
struct LessonState {
  std::vector<Chapter> chapters;
  std::string load_error;  ///< why chapters.json could not be read (empty: fine)
  int current = -1;        ///< index into `chapters` (-1: not started)
  /// The session the current chapter opened; when app.session differs, the student has left
  /// the script to experiment (the timeline moving is not leaving it).
  std::shared_ptr<const Session> chapter_session;
  std::optional<int64_t> pause_at;  ///< playback pauses on this step (the chapter's play_until)
  /// Chapters to turn (+1 PageDown, -1 PageUp), queued by the window's key callback: a
  /// presentation clicker presses and releases within one frame, too fast for ImGui 1.86.
  int queued_turns = 0;
};

/// Sentences a class can start from (English and Chinese, of unequal length).
inline constexpr const char* kExampleSentences =
    "The cat sat on the mat\nI love deep learning\nConvolution reads words\n我爱深度学习";

/// The sentence editor's text and its last result.
struct SentencesInput {
  std::string text = kExampleSentences;  ///< one sentence per line, as typed
  std::string error;                     ///< why "use these sentences" failed (empty: fine)
};

/// Which tensor the "print(tensor)" view shows.
enum class PrintedTensor { kInputGiven, kInputPermuted, kWeight, kBias, kOutput, kOutputItem };

/// The code view's choices and a cache of its texts (remade when the session changes).
struct CodeView {
  PrintedTensor printed = PrintedTensor::kOutput;
  std::shared_ptr<const Session> code_for;   ///< the session `python` was made for
  std::string python;                        ///< SessionPython of that session
  std::shared_ptr<const Session> print_for;  ///< the session `print_text` was made for
  PrintedTensor print_which = PrintedTensor::kOutput;
  int64_t print_n = -1;
  std::string print_text;      ///< TorchPrint of that tensor
  float copied_seconds = 0.f;  ///< > 0: show "Copied" beside the button that was pressed
  int copied_button = 0;       ///< 1: the code's, 2: the printed tensor's
};

/// The Conv1d-beside-Conv2d view's choice of kernel height (0: the full height C).
struct Conv2dView {
  int64_t kernel_height = 0;
};

/// Which tab each tab bar showed last frame (to tell a click from a change made in code).
struct SideTabMemory {
  int side_drawn = -1;
  int view_drawn = -1;
};

/// Everything of the teaching features in one place.
struct TeachState {
  LessonState lesson;
  SentencesInput sentences;
  CodeView code;
  Conv2dView conv2d;
  std::string language = "en";         ///< the table in use ("en" or "zh")
  std::string settings_dir;            ///< where the language choice is saved (empty: the default)
  bool cjk_font_missing = false;       ///< Chinese was asked for but no CJK font exists
  std::optional<bool> cjk_font_found;  ///< fontconfig's answer, asked once (CjkFontAvailable)
  SideTabMemory tabs;
};

}  // namespace convstep::gui
