// Small pieces the import, values, export and restore windows share.
#pragma once

#include <string>

#include <imgui.h>

#include "model/i18n.h"

namespace convstep::gui {

/// Red wrapped text (an error with its reason), wrapped at the window's edge or, when
/// `wrap_width` > 0, at that width (for windows that size to their content); Chinese breaks
/// between characters (draw/wrap_text.h).
void ErrorText(const std::string& text, float wrap_width = 0.f);

/// An error as the panels show one: its message in red, then its hint (what would be right) in
/// the text colour, each wrapped like ErrorText and in the UI's language (LocalizedMessage,
/// LocalizedHint).
void ErrorWithHint(const I18n& i18n, const Error& error, float wrap_width = 0.f);

/// Green wrapped text (something worked), wrapped like ErrorText.
void SuccessText(const std::string& text, float wrap_width = 0.f);

/// Places the next window in the middle of the display, `width_em` font sizes wide.
void CenterNextWindow(float width_em);

/// CenterNextWindow, and whenever `content` differs from `*fitted` fits the window's height to
/// what it holds again (width back to `width_em`), so that an error or a list that appears
/// after the window opened is not cut off. `content` is what decides the height (an error).
void CenterNextWindowFitting(float width_em, const std::string& content, std::string* fitted);

/// True once when Escape is pressed while the current window is focused.
bool EscapePressed();

/// An InputText for a path that also returns true when Enter is pressed in it; takes the
/// keyboard when `*focus` is set (then clears it).
bool PathField(const char* id, std::string* path, bool* focus, float width);

}  // namespace convstep::gui
