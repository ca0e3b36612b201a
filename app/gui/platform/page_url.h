// The address of the page the app runs in, for share links. A platform service header: the
// desktop build returns "" (a copied link is the fragment "#..." alone, which
// `convstep --link '#...'` opens); the browser build returns location.origin + pathname.
#pragma once

#include <string>

namespace convstep::gui {

/// The page's URL without its '#fragment' ("" on the desktop).
std::string PageUrlWithoutFragment();

}  // namespace convstep::gui
