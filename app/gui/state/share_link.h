// Share links: what is on screen, written as a URL fragment a teacher can send, and read back.
//
// The fragment is `key=value` pairs joined by '&', in this order (keys absent = the default):
//   conv=C,O,K        nn.Conv1d(in_channels, out_channels, kernel_size); always present
//   stride=S          only when not 1
//   pad=P             padding, a number or same / valid; only when not 0
//   dil=D             dilation; only when not 1
//   groups=G          only when not 1
//   mode=M            padding_mode reflect / replicate / circular; only when not zeros
//   bias=0            only when the layer has no bias (bias=1 is accepted too)
//   shape=N,L         batch N and length L (C is in_channels); always present
//   layout=ncl        the input given as [N, C, L]; absent = [N, L, C] (permuted first)
//   values=V          randn / arange / small_integers / ones / zeros; absent = randn
//   seed=S            torch.manual_seed value; absent = 0
//   given=1           the screen had typed, loaded or seed-document values: the link carries
//                     the shapes and the seed only, and opening it says so
//   step=K            the timeline step (0-based); absent = 0
//   gran=G            tap / window / row / batch; absent = tap
//   lesson=N          the open lesson chapter, 1-based as the lesson tab numbers them;
//                     absent = no chapter (the chapter's own layer and view are opened, then
//                     step and granularity are applied on top)
//   lang=L            en / zh; absent = the language already in use
// Example: conv=3,8,2&bias=0&shape=6,5&seed=0&step=34&lesson=4&lang=zh
#pragma once

#include <string>
#include <string_view>

#include "convstep/result.h"
#include "state/app_state.h"

namespace convstep::gui {

/// The fragment (without '#') describing what is on screen: layer, value source + seed, step,
/// granularity, lesson chapter, language. Typed / loaded values are not included.
std::string ShareFragment(const AppState& app);

/// Applies a fragment (with or without the leading '#'). Parsing is strict: an unknown or
/// repeated key, a malformed or percent-encoded value, an invalid layer (PyTorch's message),
/// a shape over the memory budget or a step past the end gives the app's usual error (it
/// names the value and says what is right); the app then shows the seed example, with the
/// error in app.notice. Returns true when the link's screen is shown.
Result<bool> ApplyShareFragment(AppState& app, std::string_view fragment);

}  // namespace convstep::gui
