// The system's own file chooser, where the app runs inside something that has one it cannot
// draw: a platform service header. The browser build opens the page's file chooser (the chosen
// files are written to the page's upload folder and open as dropped files do) and returns true;
// the desktop build returns false, and File → Open shows the app's Open window (a typed path).
#pragma once

namespace convstep::gui {

/// Opens the system's file chooser; false where there is none (the desktop).
bool OpenSystemFilePicker();

}  // namespace convstep::gui
