#include "platform/paths.h"

#include <cstdlib>
#include <filesystem>

namespace convstep::gui {

std::string ConfigDir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg == '/')
    return (std::filesystem::path(xdg) / "convstep").string();
  const std::string home = HomeDir();
  if (!home.empty()) return (std::filesystem::path(home) / ".config" / "convstep").string();
  return {};
}

std::string HomeDir() {
  if (const char* home = std::getenv("HOME"); home && *home == '/') return home;
  return {};
}

}  // namespace convstep::gui
