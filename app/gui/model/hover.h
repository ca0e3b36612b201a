// Hover and pin: what the pointer is over, and which cells that lights up in every panel.
// Panels report the cell under the pointer while drawing; the highlight used for drawing is
// computed once at the start of the next frame (one frame of lag, invisible at 60 fps), so
// every panel sees the same highlight whatever order they are drawn in.
#pragma once

#include <cstdint>
#include <unordered_set>

#include "convstep/walkthrough.h"
#include "model/session.h"

namespace convstep::gui {

/// What kind of cell a target is.
enum class HoverKind { kNone, kInput, kPadded, kWeight, kOutput };

/// A cell under the pointer (or pinned). Coordinates by kind:
/// kInput (n, c, l) of the [N, C, L] input; kPadded (n, c, padded_pos);
/// kWeight (o, c_local, k); kOutput (n, o, t).
struct HoverTarget {
  HoverKind kind = HoverKind::kNone;
  int64_t a = 0, b = 0, c = 0;

  bool operator==(const HoverTarget& o) const {
    return kind == o.kind && a == o.a && b == o.b && c == o.c;
  }
  bool operator!=(const HoverTarget& o) const { return !(*this == o); }
};

/// Cells to light up, as linear indices (see session.h for the index functions).
struct Highlight {
  HoverTarget target;
  int64_t n = 0;                       ///< batch item of the input / padded cells
  std::unordered_set<int64_t> input;   ///< InputIndex(n, c, l)
  std::unordered_set<int64_t> padded;  ///< c * padded_length + padded_pos, for batch item n
  std::unordered_set<int64_t> weight;  ///< WeightIndex(o, c_local, k)
  std::unordered_set<int64_t> output;  ///< OutputIndexOf(n, o, t)

  bool active() const { return target.kind != HoverKind::kNone; }
  bool HasInput(int64_t index) const { return input.count(index) > 0; }
  bool HasPadded(int64_t index) const { return padded.count(index) > 0; }
  bool HasWeight(int64_t index) const { return weight.count(index) > 0; }
  bool HasOutput(int64_t index) const { return output.count(index) > 0; }
};

/// The highlight of a target: an output lights its receptive field and its weights; an input
/// (or a padded copy of it) lights every output it feeds; a weight lights the input it
/// multiplies at the current position `current` (and that output).
Highlight ComputeHighlight(const Session& session, const HoverTarget& target,
                           const TapCoord& current);

/// Hover bookkeeping, owned by AppState.
struct HoverState {
  HoverTarget hovered;   ///< reported by panels during the current frame
  HoverTarget previous;  ///< what was hovered during the previous frame
  HoverTarget pinned;    ///< set by a click, cleared by clicking it again or Escape
  Highlight highlight;   ///< what panels draw this frame (pinned wins over hovered)
};

/// Starts a frame: moves this frame's hover to `previous`, recomputes the highlight.
void BeginHoverFrame(HoverState& hover, const Session& session, const TapCoord& current);

/// Called by a panel for the cell under the pointer; a click pins it (or unpins it).
void ReportHover(HoverState& hover, const HoverTarget& target, bool clicked);

/// Forgets hover and pin (after the session changed shape).
void ClearHover(HoverState& hover);

/// True when `target` still names a cell of `session` (used to drop stale pins).
bool TargetExists(const Session& session, const HoverTarget& target);

}  // namespace convstep::gui
