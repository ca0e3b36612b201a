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

/// The width for a window's text (and widest field): `width_em` font sizes, or less, so that a
/// window sizing itself to what it holds stays inside the display (95% of its width, as
/// CenterNextWindow allows) at any text size.
float DialogWrapWidth(float width_em);

/// Call inside a window's Begin: a window that was centred (CenterNextWindow) and grew or shrank
/// since the last frame (as when presentation mode enlarges the text) is centred again; any
/// window passing an edge moves back inside the display, keeping a margin of 2.5% of it from the
/// edge when it fits (flush when it only just fits, at the top-left when it is larger).
void KeepWindowOnDisplay();

/// Call between two items of a row: keeps the next item, `next_width` wide, on the current line
/// when it still ends within `row_width` of the window's left content edge, else lets it start
/// the next line, so that a row of buttons is never cut at the window's edge.
void SameLineIfFits(float next_width, float row_width);
/// The current window's content width, from its left content edge to its right (inside the
/// scroll bar): the row for SameLineIfFits in a window whose width is set, not fitted.
float WindowRowWidth();
/// SameLineIfFits for a button labelled `next_label` ("text##id").
void SameLineIfFits(const std::string& next_label, float row_width);

/// The width of a button labelled `label` ("text##id"): its text and frame padding.
float ButtonWidth(const std::string& label);
/// The width of a radio button or check box labelled `label`: its box, spacing and text.
float CheckWidth(const std::string& label);

/// True once when Escape is pressed while the current window is focused.
bool EscapePressed();

/// An InputText for a path that also returns true when Enter is pressed in it; takes the
/// keyboard when `*focus` is set (then clears it).
bool PathField(const char* id, std::string* path, bool* focus, float width);

}  // namespace convstep::gui
