// What the screen shows, as plain data in AppState: which panels and tabs, the pan and zoom of
// each canvas, the colour map, and the loaded fonts. The ui/ layer draws from it.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

namespace convstep::gui {

/// The side column's tabs: the guided lesson, the layer's parameters, typed sentences.
enum class SideTab { kLesson, kParameters, kSentences };

/// What the main area shows under the shape strip: the step-by-step panels, the equivalent
/// PyTorch code, or Conv1d beside Conv2d.
enum class MainView { kSteps, kCode, kConv2d, kMatmul };

/// Which panels are shown (View menu, the side tabs and the view tabs).
struct PanelVisibility {
  SideTab side = SideTab::kParameters;
  MainView view = MainView::kSteps;
  bool parameters = true;  ///< the whole side column (whichever tab is chosen)
  bool formula = true;
  bool input = true;
  bool permute = true;
  bool kernels = true;
  bool window = true;
  bool dot_product = true;
  bool output = true;
  bool timeline = true;
};

/// A panel the View menu can hide: its id in saved files, an older id still read, its flag.
struct PanelFlag {
  const char* id;
  const char* alias;  ///< nullptr: none
  bool PanelVisibility::*shown;
};

/// Every panel the View menu can hide, in menu order: the panel registry's rows that have a
/// flag (defined with the registry, ui/panels/panel_registry.cpp).
std::vector<PanelFlag> HideablePanels();

/// The diverging value maps to choose from (View → Colour map); each has a near-white zero.
enum class ColorMap {
  kBlueOrange,   ///< blue - white - orange (the default; safe for every colour-vision type)
  kBlueRed,      ///< blue - white - red (ColorBrewer RdBu, the usual "heat map")
  kPurpleGreen,  ///< purple - white - green (ColorBrewer PRGn)
};

/// All maps, in menu order.
inline constexpr ColorMap kColorMaps[] = {ColorMap::kBlueOrange, ColorMap::kBlueRed,
                                          ColorMap::kPurpleGreen};

/// "blue_orange", "blue_red", "purple_green" (settings and session files).
const char* ColorMapName(ColorMap map);
/// Parses a ColorMapName; false when unknown.
bool ParseColorMap(const std::string& name, ColorMap* out);

/// Smallest and largest zoom relative to the panel's natural cell size.
inline constexpr float kMinZoom = 0.05f;
inline constexpr float kMaxZoom = 6.f;

/// The pan / zoom state of one panel (owned by AppState).
struct CanvasView {
  float zoom = 1.f;    ///< multiplies the natural cell size
  ImVec2 pan{0, 0};    ///< screen offset of the content's (0, 0) from the canvas corner
  bool follow = true;  ///< keep the focus rectangle in view
};

/// Base UI text height in pixels at 100% and content scale 1: readable on a projector.
inline constexpr float kBaseFontPixels = 18.f;

/// Size of the large face relative to the UI face.
inline constexpr float kLargeScale = 1.5f;

/// Size of the reading face (the lesson's narration, read from the back of a classroom).
inline constexpr float kReadingScale = 1.2f;

/// How tall a CJK ideograph's ink stands next to the Latin face's capital letters: a touch
/// taller, as in well-set mixed Chinese and Latin text (the CJK face is scaled to this).
inline constexpr float kCjkToCapHeight = 1.15f;

/// How the merged CJK face is sized against the Latin face it joins, measured from both faces'
/// ink when the fonts load.
struct CjkFit {
  float scale = 1.12f;     ///< CJK pixel size / Latin pixel size (unmeasured: Noto against DejaVu)
  float offset_y = 0.04f;  ///< downward shift of the ideographs, per pixel of the Latin size
  bool measured = false;   ///< false: a face could not be read, the defaults were used
};

/// The loaded faces (owned by the ImGui font atlas; null members fall back to the default).
struct FontSet {
  ImFont* ui = nullptr;
  ImFont* mono = nullptr;
  ImFont* bold = nullptr;
  ImFont* large = nullptr;    ///< the UI face at kLargeScale, for numbers in enlarged cells
  ImFont* reading = nullptr;  ///< the UI face at kReadingScale (with CJK), for narration
  float pixel_size = kBaseFontPixels;
  std::string ui_file;   ///< the file the UI face came from (empty: Dear ImGui's built-in font)
  std::string cjk_file;  ///< the CJK face merged into ui / mono / bold (empty: none)
  int cjk_glyphs = 0;    ///< how many CJK-face glyphs were asked for
  CjkFit cjk_fit;        ///< how the CJK face was sized against the UI face
};

/// The UI font's pixel size for a user text scale and the monitor's content scale.
float FontPixelSize(float user_scale, float content_scale);

}  // namespace convstep::gui
