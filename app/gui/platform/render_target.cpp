// PNG writing: the one translation unit that compiles stb_image_write.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include <string>
#include <vector>

#include "file_target.h"
#include "platform/window.h"

namespace convstep::gui {

bool WritePng(const std::string& path, int width, int height,
              const std::vector<unsigned char>& rgba, std::string* error) {
  std::string bytes;
  const auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<size_t>(size));
  };
  if (!stbi_write_png_to_func(append, &bytes, width, height, 4, rgba.data(), width * 4)) {
    *error = "cannot encode the PNG for " + path;
    return false;
  }
  // Through a temporary file, every write checked; a folder, pipe or device is refused.
  auto written = exporting::WriteFileSafely(path, bytes, "screenshot.png");
  if (!written) *error = written.error().OneLine();
  return written.ok();
}

}  // namespace convstep::gui
