#include "platform/assets.h"

#include <cstdlib>
#include <filesystem>

namespace convstep::gui {
namespace {

bool HoldsAssets(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "i18n" / "en.json", ec);
}

}  // namespace

std::string FindAssetsDir() {
  if (const char* env = std::getenv("CONVSTEP_ASSETS_DIR"); env && HoldsAssets(env)) return env;
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path dir = exe.parent_path();
    for (const auto& candidate : {dir / "assets", dir / ".." / "share" / "convstep" / "assets"})
      if (HoldsAssets(candidate)) return candidate.lexically_normal().string();
  }
  return CONVSTEP_ASSETS_DIR;
}

}  // namespace convstep::gui
