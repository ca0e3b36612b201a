// Fonts: a proportional UI face, a monospaced face for aligned numbers, and a bold face for
// titles, found with fontconfig (DejaVu / Noto from Debian) and rasterised at the size the
// text-size control and the monitor's content scale ask for.
#pragma once

#include <string>

#include <imgui.h>

#include "platform/font_lookup.h"

#include "state/view_state.h"

namespace convstep::gui {

/// Clears `atlas` and loads the UI, mono and bold faces at `pixel_size` (with the Greek, math
/// and arrow glyphs the formulas use). Falls back to Dear ImGui's built-in font.
/// Every character of `extra_text` that those faces lack (Chinese, typed sentences) is merged
/// in from the CJK face, so the atlas holds only the glyphs in use and stays small.
FontSet LoadFonts(ImFontAtlas* atlas, float pixel_size, const std::string& extra_text = {});

struct AppState;

/// Loads the app's fonts at its text size with the glyphs TextNeedingGlyphs asks for, and
/// marks the fonts clean. The platform layer uploads the atlas afterwards.
FontSet LoadAppFonts(AppState& app, ImFontAtlas* atlas);

/// True when `font` lacks a glyph for some character of `text` (then the fonts need a rebuild).
bool FontLacksGlyphs(const ImFont* font, const std::string& text);

}  // namespace convstep::gui
