// Finding the assets directory (translations, presets) from a build tree or an install.
#pragma once

#include <string>

namespace convstep::gui {

/// The first of: $CONVSTEP_ASSETS_DIR, <executable dir>/assets,
/// <executable dir>/../share/convstep/assets, and the source tree's assets/ (compiled in),
/// that holds i18n/en.json. Falls back to the compiled-in path.
std::string FindAssetsDir();

}  // namespace convstep::gui
