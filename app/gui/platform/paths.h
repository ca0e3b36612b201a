// Where the desktop keeps things: the XDG configuration folder and the home folder. The
// browser build gives the same functions its own answers (browser storage).
#pragma once

#include <string>

namespace convstep::gui {

/// The settings folder: $XDG_CONFIG_HOME/convstep, else $HOME/.config/convstep; empty when
/// neither variable gives an absolute path.
std::string ConfigDir();

/// $HOME when it is an absolute path, else an empty string.
std::string HomeDir();

}  // namespace convstep::gui
