#include "state/view_state.h"

#include <cmath>

namespace convstep::gui {

const char* ColorMapName(ColorMap map) {
  switch (map) {
    case ColorMap::kBlueRed:
      return "blue_red";
    case ColorMap::kPurpleGreen:
      return "purple_green";
    case ColorMap::kBlueOrange:
      break;
  }
  return "blue_orange";
}

bool ParseColorMap(const std::string& name, ColorMap* out) {
  for (ColorMap map : kColorMaps)
    if (name == ColorMapName(map)) {
      *out = map;
      return true;
    }
  return false;
}

float FontPixelSize(float user_scale, float content_scale) {
  return std::round(kBaseFontPixels * user_scale * (content_scale > 0.f ? content_scale : 1.f));
}

}  // namespace convstep::gui
