// PNG writing: the one translation unit that compiles stb_image_write.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include <string>
#include <vector>

#include "platform/window.h"

namespace convstep::gui {

bool WritePng(const std::string& path, int width, int height,
              const std::vector<unsigned char>& rgba, std::string* error) {
  if (!stbi_write_png(path.c_str(), width, height, 4, rgba.data(), width * 4)) {
    *error = "cannot write " + path;
    return false;
  }
  return true;
}

}  // namespace convstep::gui
