// The browser's answers to the platform service headers (paths.h, assets.h, font_lookup.h) and
// the display watch (x_connection.h, which has nothing to watch in a page). The page's file
// system (emscripten's) holds:
//   /assets            the assets, preloaded from the .data package (fonts in /assets/fonts)
//   /persist/convstep  settings and autosave, an IndexedDB mount (IDBFS) synced by the page
//   /home/web_user     where saves and exports go by default; the page downloads what lands there
#include <filesystem>
#include <string>

#include "platform/assets.h"
#include "platform/font_lookup.h"
#include "platform/paths.h"
#include "platform/web/web_paths.h"
#include "platform/x_connection.h"

namespace convstep::gui {

std::string ConfigDir() {
  return std::string(kWebPersistDir) + "/convstep";
}

std::string HomeDir() {
  return kWebHomeDir;
}

std::string FindAssetsDir() {
  return kWebAssetsDir;
}

FontFace FindCjkFont(bool /*bold*/) {
  // One subset face (regular) serves both weights: the bold face would double the download.
  FontFace face;
  std::error_code ec;
  const std::string path = std::string(kWebAssetsDir) + "/fonts/cjk-subset.otf";
  if (std::filesystem::is_regular_file(path, ec)) face.file = path;
  return face;
}

std::string FindFontFile(const char* pattern) {
  const std::string wanted = pattern ? pattern : "";
  std::string file = "DejaVuSans.ttf";
  if (wanted.rfind("DejaVu Sans Mono", 0) == 0)
    file = "DejaVuSansMono.ttf";
  else if (wanted.find("Bold") != std::string::npos)
    file = "DejaVuSans-Bold.ttf";
  const std::string path = std::string(kWebAssetsDir) + "/fonts/" + file;
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) ? path : std::string();
}

void WatchDisplayConnection(AppState& /*app*/, GLFWwindow* /*window*/, DisplayRun /*run*/) {}

std::string DisplayLostMessage(const std::string& what, const std::string& autosave_path,
                               const std::string& save_error) {
  return what + (autosave_path.empty() ? "; " + save_error : "; saved to " + autosave_path);
}

std::string ExportDisplayLostMessage(const std::string& what) {
  return what;
}

}  // namespace convstep::gui
