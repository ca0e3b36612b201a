// Where the browser build keeps things in the page's file system (emscripten's FS).
#pragma once

namespace convstep::gui {

/// The assets, preloaded from the .data package (i18n, lesson, presets, fonts/).
inline constexpr const char* kWebAssetsDir = "/assets";
/// An IndexedDB mount (IDBFS): settings and autosave survive a reload and a closed tab.
inline constexpr const char* kWebPersistDir = "/persist";
/// Saves and exports go here by default; new or changed files here are downloaded.
inline constexpr const char* kWebHomeDir = "/home/web_user";
/// Files opened with the page's file picker are written here (and not downloaded back).
inline constexpr const char* kWebUploadDir = "/home/web_user/opened";

}  // namespace convstep::gui
