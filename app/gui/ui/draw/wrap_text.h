// Line breaking that knows Chinese. Dear ImGui 1.86 breaks wrapped text only at spaces and
// after ASCII punctuation, so a Chinese sentence (no spaces) either overflows or breaks at the
// few spaces around numbers. These break between CJK characters too, without starting a line
// with closing punctuation (，。）…) or ending one with opening punctuation (（“).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace convstep::gui {

/// The lines of `text` no wider than `width` pixels in `font` at `size` pixels: breaks at
/// '\n', at spaces (dropped at the break) and between CJK characters. A word wider than
/// `width` is cut where it no longer fits.
std::vector<std::string_view> WrapLines(std::string_view text, const ImFont* font, float size,
                                        float width);

/// `text` as it fits in `width` pixels of the current font: whole when it fits, else its
/// longest start of whole characters followed by "…" (nothing but "…" when even one character
/// does not fit).
std::string ShortenToWidth(std::string_view text, float width);

/// ImGui::TextWrapped for any language: `text` wrapped to the content region (or to
/// `wrap_width` pixels when > 0) in the current font and colour.
void TextWrappedCjk(const char* text, float wrap_width = 0.f);

}  // namespace convstep::gui
