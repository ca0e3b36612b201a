// Key codes the app binds. Dear ImGui 1.86 has no named keys for letters and digits: its GLFW
// backend indexes io.KeysDown[] with GLFW's key codes, so those codes are named here once and
// nowhere else (no panel writes a GLFW number or includes GLFW).
#pragma once

namespace convstep::gui {

struct AppState;

/// GLFW's codes for the keys the app binds (io.KeysDown[] indices with the GLFW backend).
namespace keys {
inline constexpr int kMinus = 45;
inline constexpr int kZero = 48;
inline constexpr int kEqual = 61;
inline constexpr int kE = 69;
inline constexpr int kO = 79;
inline constexpr int kQ = 81;
inline constexpr int kS = 83;
inline constexpr int kV = 86;
inline constexpr int kZ = 90;
inline constexpr int kPageUp = 266;
inline constexpr int kPageDown = 267;
inline constexpr int kPadSubtract = 333;
inline constexpr int kPadAdd = 334;
}  // namespace keys

/// Queues a key press for the lesson (called from the window's key callback, so that presses
/// shorter than a frame count): PageDown turns to the next chapter, PageUp to the previous;
/// other keys are ignored.
void QueueLessonKey(AppState& app, int key);

}  // namespace convstep::gui
