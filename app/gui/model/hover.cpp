#include "model/hover.h"

namespace convstep::gui {
namespace {

int64_t PaddedIndex(const Geometry& g, int64_t c, int64_t pos) {
  return c * g.padded_length + pos;
}

void AddUsesOfInput(const Session& session, int64_t n, int64_t c, int64_t l, Highlight& out) {
  const Geometry& g = session.geometry;
  const Walkthrough walk = MakeWalkthrough(session);
  out.input.insert(InputIndex(g, n, c, l));
  for (const int64_t pos : walk.CopiesOf(l)) out.padded.insert(PaddedIndex(g, c, pos));
  for (const UseEntry& use : walk.UsesOfInput(n, c, l))
    out.output.insert(OutputIndexOf(g, n, use.out_channel, use.t));
}

}  // namespace

bool TargetExists(const Session& session, const HoverTarget& target) {
  const Geometry& g = session.geometry;
  auto in = [](int64_t v, int64_t size) { return v >= 0 && v < size; };
  switch (target.kind) {
    case HoverKind::kNone:
      return true;
    case HoverKind::kInput:
      return in(target.a, g.batch) && in(target.b, g.in_channels) && in(target.c, g.length);
    case HoverKind::kPadded:
      return in(target.a, g.batch) && in(target.b, g.in_channels) && in(target.c, g.padded_length);
    case HoverKind::kWeight:
      return in(target.a, g.out_channels) && in(target.b, g.in_per_group) &&
             in(target.c, g.kernel_size);
    case HoverKind::kOutput:
      return in(target.a, g.batch) && in(target.b, g.out_channels) && in(target.c, g.out_length);
  }
  return false;
}

Highlight ComputeHighlight(const Session& session, const HoverTarget& target,
                           const TapCoord& current) {
  Highlight out;
  out.target = target;
  if (!TargetExists(session, target)) {
    out.target = HoverTarget{};
    return out;
  }
  const Geometry& g = session.geometry;
  switch (target.kind) {
    case HoverKind::kNone:
      break;
    case HoverKind::kOutput: {
      const int64_t n = target.a, o = target.b, t = target.c;
      out.n = n;
      out.output.insert(OutputIndexOf(g, n, o, t));
      for (const FieldEntry& entry : MakeWalkthrough(session).ReceptiveField(o, t)) {
        out.padded.insert(PaddedIndex(g, entry.in_channel, entry.padded_pos));
        out.weight.insert(WeightIndex(g, o, entry.channel_in_group, entry.k));
        if (entry.cell.kind != CellKind::kZeroPad)
          out.input.insert(InputIndex(g, n, entry.in_channel, entry.cell.source));
      }
      break;
    }
    case HoverKind::kInput:
      out.n = target.a;
      AddUsesOfInput(session, target.a, target.b, target.c, out);
      break;
    case HoverKind::kPadded: {
      const int64_t n = target.a, c = target.b, pos = target.c;
      out.n = n;
      const PaddedCell cell = SourceOf(g, pos);
      if (cell.kind == CellKind::kZeroPad) {
        out.padded.insert(PaddedIndex(g, c, pos));
        for (const UseEntry& use : MakeWalkthrough(session).UsesOfPadded(n, c, pos))
          out.output.insert(OutputIndexOf(g, n, use.out_channel, use.t));
      } else {
        AddUsesOfInput(session, n, c, cell.source, out);
      }
      break;
    }
    case HoverKind::kWeight: {
      const int64_t o = target.a, c_local = target.b, k = target.c;
      const int64_t t = std::min(current.t, g.out_length - 1);
      out.n = current.n;
      out.weight.insert(WeightIndex(g, o, c_local, k));
      const FieldEntry entry = MakeWalkthrough(session).InputOfWeight(o, c_local, k, t);
      out.padded.insert(PaddedIndex(g, entry.in_channel, entry.padded_pos));
      if (entry.cell.kind != CellKind::kZeroPad)
        out.input.insert(InputIndex(g, current.n, entry.in_channel, entry.cell.source));
      out.output.insert(OutputIndexOf(g, current.n, o, t));
      break;
    }
  }
  return out;
}

void BeginHoverFrame(HoverState& hover, const Session& session, const TapCoord& current) {
  hover.previous = hover.hovered;
  hover.hovered = HoverTarget{};
  if (!TargetExists(session, hover.pinned)) hover.pinned = HoverTarget{};
  const HoverTarget& active = hover.pinned.kind != HoverKind::kNone ? hover.pinned : hover.previous;
  hover.highlight = ComputeHighlight(session, active, current);
}

void ReportHover(HoverState& hover, const HoverTarget& target, bool clicked) {
  hover.hovered = target;
  if (clicked) hover.pinned = hover.pinned == target ? HoverTarget{} : target;
}

void ClearHover(HoverState& hover) {
  hover = HoverState{};
}

}  // namespace convstep::gui
