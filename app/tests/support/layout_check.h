// Finds text that a frame cuts: after ImGui::Render, every glyph in the draw lists of the
// panels is compared with the clip rectangle it was drawn under and with its window. Glyphs are
// the triangles textured from the font atlas (the test turns off textured anti-aliased lines,
// the only other textured shapes the UI draws).
#pragma once

#include <array>
#include <cfloat>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/draw/canvas.h"

namespace convstep::gui::testing {

/// A glyph that does not lie wholly inside the place it is drawn in.
struct CutGlyph {
  std::string window;  ///< the (child) window that drew it
  ImRect glyph;        ///< its rectangle on screen
  ImRect visible;      ///< where it may draw: its clip rectangle within the window
};

/// True when `window` or one of its child windows can scroll: a Dear ImGui scroll bar, a pan /
/// zoom canvas whose content is larger than the canvas (canvas.h), or a tab bar that scrolls.
inline bool WindowScrolls(ImGuiWindow* window) {
  for (ImGuiWindow* other : ImGui::GetCurrentContext()->Windows) {
    if (!other->WasActive || other->RootWindow != window->RootWindow) continue;
    if (other != window && other->ParentWindow != window && other != window->RootWindow) continue;
    if (other->ScrollbarX || other->ScrollbarY || CanvasScrolls(other)) return true;
  }
  // A tab bar too narrow for its tabs scrolls them (with arrow buttons).
  ImGuiContext& g = *ImGui::GetCurrentContext();
  for (int i = 0; i < g.TabBars.GetMapSize(); ++i) {
    const ImGuiTabBar* bar = g.TabBars.TryGetMapData(i);
    if (bar && bar->PrevFrameVisible >= g.FrameCount - 1 && window->Rect().Contains(bar->BarRect) &&
        bar->WidthAllTabsIdeal > bar->BarRect.GetWidth() + 0.5f)
      return true;
  }
  return false;
}

/// A glyph drawn: its rectangle on screen and the atlas texel of its top-left corner (which
/// tells which glyph of which face it is).
struct GlyphQuad {
  ImRect rect;
  ImVec2 texel;      ///< top-left
  ImVec2 texel_max;  ///< bottom-right
};

/// The glyphs `window` (not its children) drew in its last frame, each once.
inline std::vector<GlyphQuad> GlyphQuads(ImGuiWindow* window) {
  std::vector<GlyphQuad> glyphs;
  const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
  const ImDrawList* list = window->DrawList;
  for (const ImDrawCmd& cmd : list->CmdBuffer) {
    // A glyph is a quad: two triangles (0, 1, 2) and (0, 2, 3) of four textured vertices.
    for (unsigned int i = 0; i + 5 < cmd.ElemCount; i += 3) {
      const ImDrawIdx* idx = &list->IdxBuffer[static_cast<int>(cmd.IdxOffset + i)];
      const ImDrawVert& a = list->VtxBuffer[static_cast<int>(cmd.VtxOffset + idx[0])];
      const ImDrawVert& c = list->VtxBuffer[static_cast<int>(cmd.VtxOffset + idx[2])];
      if (a.uv.x == white.x && a.uv.y == white.y) continue;
      if (idx[3] != idx[0] || idx[4] != idx[2]) continue;
      glyphs.push_back({ImRect(a.pos, c.pos), a.uv, c.uv});
      i += 3;  // the quad's second triangle
    }
  }
  return glyphs;
}

/// A glyph the CPU clipped to a rectangle: its quad shows only part of the glyph's texels (Dear
/// ImGui trims text that runs past a title bar, a button or a combo box this way).
struct TrimmedGlyph {
  std::string window;      ///< the (child) window that drew it
  ImRect glyph;            ///< what is left of it on screen
  unsigned int codepoint;  ///< the character it is a part of (0: not found)
  ImRect visible;          ///< the area of its window that shows content (InnerClipRect)
};

/// The character whose atlas texels hold the texel rectangle `texel`-`texel_max` (a part of a
/// glyph), 0 when none does.
inline unsigned int CodepointAt(ImVec2 texel, ImVec2 texel_max) {
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
    for (const ImFontGlyph& glyph : font->Glyphs)
      if (glyph.Visible && texel.x >= glyph.U0 && texel.y >= glyph.V0 && texel_max.x <= glyph.U1 &&
          texel_max.y <= glyph.V1)
        return glyph.Codepoint;
  return 0;
}

/// The characters the window named `name` (not its children) drew in its last frame, in drawing
/// order, as UTF-8. Spaces draw nothing, so the text has none.
inline std::string DrawnText(const char* name) {
  std::string text;
  ImGuiWindow* window = ImGui::FindWindowByName(name);
  if (!window || !window->WasActive) return text;
  for (const GlyphQuad& glyph : GlyphQuads(window)) {
    const unsigned int c = CodepointAt(glyph.texel, glyph.texel_max);
    char utf8[5] = {};
    if (c != 0) text += ImTextCharToUtf8(utf8, c);
  }
  return text;
}

/// A glyph that an opaque shape drawn after it (an arrow, a frame, a card) covers.
struct CoveredGlyph {
  std::string window;  ///< the (child) window that drew both
  ImRect glyph;        ///< the glyph on screen
  ImRect shape;        ///< the bounding box of the covering triangle, within its clip rectangle
};

/// Glyphs of root window `root` (and its children) whose middle (the inner half of the glyph's
/// box, where the ink is) an opaque untextured triangle drawn later in the same window covers.
/// Anti-aliased fringes (translucent vertices) and shapes outside their clip rectangle do not
/// count.
inline std::vector<CoveredGlyph> FindCoveredGlyphs(ImGuiWindow* root) {
  std::vector<CoveredGlyph> covered;
  const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
  constexpr float kBucket = 64.f;
  for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
    if (!window->WasActive || window->RootWindow != root || window->Hidden) continue;
    const ImDrawList* list = window->DrawList;
    struct Glyph {
      ImRect middle, rect;
    };
    std::vector<Glyph> glyphs;  // in drawing order
    std::map<std::pair<int, int>, std::vector<size_t>> buckets;
    auto bucket_range = [&](const ImRect& r, auto&& visit) {
      for (int by = static_cast<int>(std::floor(r.Min.y / kBucket));
           by <= static_cast<int>(std::floor(r.Max.y / kBucket)); ++by)
        for (int bx = static_cast<int>(std::floor(r.Min.x / kBucket));
             bx <= static_cast<int>(std::floor(r.Max.x / kBucket)); ++bx)
          visit(std::make_pair(bx, by));
    };
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) continue;
      const ImRect clip(cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w);
      for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
        const ImDrawIdx* idx = &list->IdxBuffer[static_cast<int>(cmd.IdxOffset + i)];
        const ImDrawVert* v[3];
        for (int k = 0; k < 3; ++k)
          v[k] = &list->VtxBuffer[static_cast<int>(cmd.VtxOffset + idx[k])];
        ImRect box(v[0]->pos, v[0]->pos);
        box.Add(v[1]->pos);
        box.Add(v[2]->pos);
        const bool textured = v[0]->uv.x != white.x || v[0]->uv.y != white.y;
        if (textured) {
          if (i + 5 < cmd.ElemCount && idx[3] == idx[0] && idx[4] == idx[2]) {
            box.Add(list->VtxBuffer[static_cast<int>(cmd.VtxOffset + idx[5])].pos);
            i += 3;  // the quad's second triangle
          }
          box.ClipWithFull(clip);
          if (box.GetWidth() < 2.f || box.GetHeight() < 2.f) continue;
          ImRect middle = box;
          middle.Expand(ImVec2(-box.GetWidth() * 0.25f, -box.GetHeight() * 0.25f));
          glyphs.push_back({middle, box});
          bucket_range(middle, [&](auto key) { buckets[key].push_back(glyphs.size() - 1); });
          continue;
        }
        bool opaque = true;
        for (const ImDrawVert* vert : v)
          opaque = opaque && ((vert->col >> IM_COL32_A_SHIFT) & 0xFF) >= 200;
        if (!opaque) continue;
        box.ClipWithFull(clip);
        if (box.GetWidth() <= 0.f || box.GetHeight() <= 0.f) continue;
        bucket_range(box, [&](auto key) {
          const auto found = buckets.find(key);
          if (found == buckets.end()) return;
          for (const size_t g : found->second)
            if (glyphs[g].middle.Overlaps(box))
              covered.push_back({window->Name, glyphs[g].rect, box});
        });
      }
    }
  }
  return covered;
}

/// Glyphs of root window `root` (and its children) that were drawn only in part, in the rows
/// `[rows_min, rows_max)` of the screen (the whole window: -FLT_MAX, FLT_MAX): found by texels
/// that are not a whole glyph of any loaded face.
inline std::vector<TrimmedGlyph> FindTrimmedGlyphs(ImGuiWindow* root, float rows_min = -FLT_MAX,
                                                   float rows_max = FLT_MAX) {
  std::set<std::array<float, 4>> whole;  // every glyph's texel rectangle
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
    for (const ImFontGlyph& glyph : font->Glyphs)
      if (glyph.Visible) whole.insert({glyph.U0, glyph.V0, glyph.U1, glyph.V1});
  std::vector<TrimmedGlyph> trimmed;
  for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
    if (!window->WasActive || window->RootWindow != root || window->Hidden) continue;
    for (const GlyphQuad& quad : GlyphQuads(window)) {
      if (quad.rect.Min.y < rows_min || quad.rect.Min.y >= rows_max) continue;
      if (!whole.count({quad.texel.x, quad.texel.y, quad.texel_max.x, quad.texel_max.y}))
        trimmed.push_back({window->Name, quad.rect, CodepointAt(quad.texel, quad.texel_max),
                           window->InnerClipRect});
    }
  }
  return trimmed;
}

/// Glyphs of root window `root` (and its children) not wholly inside their clip rectangle, the
/// window's rectangle and the display.
inline std::vector<CutGlyph> FindCutGlyphs(ImGuiWindow* root) {
  std::vector<CutGlyph> cut;
  const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  constexpr float kSlack = 0.75f;  // glyph quads sit on fractional positions
  for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
    if (!window->WasActive || window->RootWindow != root || window->Hidden) continue;
    const ImDrawList* list = window->DrawList;
    ImRect frame = window->Rect();
    frame.ClipWithFull(ImRect(ImVec2(0, 0), display));
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) continue;
      ImRect clip(cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w);
      clip.ClipWithFull(frame);
      for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
        ImRect box(ImVec2(FLT_MAX, FLT_MAX), ImVec2(-FLT_MAX, -FLT_MAX));
        bool textured = false;
        for (unsigned int v = 0; v < 3; ++v) {
          const ImDrawVert& vert = list->VtxBuffer[static_cast<int>(
              cmd.VtxOffset + list->IdxBuffer[static_cast<int>(cmd.IdxOffset + i + v)])];
          textured = textured || vert.uv.x != white.x || vert.uv.y != white.y;
          box.Add(vert.pos);
        }
        if (!textured || box.GetWidth() <= 0.5f || box.GetHeight() <= 0.5f) continue;
        const bool outside = box.Min.x < clip.Min.x - kSlack || box.Min.y < clip.Min.y - kSlack ||
                             box.Max.x > clip.Max.x + kSlack || box.Max.y > clip.Max.y + kSlack;
        if (outside) cut.push_back({window->Name, box, clip});
      }
    }
  }
  return cut;
}

/// Pairs of glyphs `window` (not its children) drew over each other: their middles (the inner
/// half of each glyph's box) overlap. Neighbouring letters of one text never do; two texts
/// drawn at the same place do. Returns the first glyph of each pair.
inline std::vector<ImRect> FindOverlappingGlyphs(ImGuiWindow* window) {
  std::vector<ImRect> middles, overlapping;
  for (const GlyphQuad& quad : GlyphQuads(window)) {
    ImRect middle = quad.rect;
    middle.Expand(ImVec2(-quad.rect.GetWidth() * 0.25f, -quad.rect.GetHeight() * 0.25f));
    for (const ImRect& other : middles)
      if (other.Overlaps(middle)) overlapping.push_back(other);
    middles.push_back(middle);
  }
  return overlapping;
}

}  // namespace convstep::gui::testing
