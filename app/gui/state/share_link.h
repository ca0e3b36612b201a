// Share links: what is on screen, written as a URL fragment a teacher can send, and read back.
//
// The fragment is key=value pairs joined by '&'. ShareFragment writes them in this order;
// ApplyShareFragment takes any order. Keys (absent = the default in brackets):
//   conv=C,O,K     nn.Conv1d(in_channels, out_channels, kernel_size)
//   stride=S [1]   pad=P [0] (a number, same or valid)   dil=D [1]   groups=G [1]
//   mode=M [zeros] padding_mode: zeros, reflect, replicate, circular
//   bias=0 [1]     the layer has no bias
//   shape=N,L [6,5] batch and length (C is in_channels)
//   layout=ncl [nlc] the input is given as [N, C, L]; nlc: [N, L, C], permuted first
//   values=V [randn] the generator: randn, arange, small_integers, ones, zeros
//   seed=S [0]     torch.manual_seed value
//   data=D         where the input came from when not generated:
//                    document  the seed document's printed [6, 5, 3] input (reproduced)
//                    lesson    the open chapter's own tensors (needs lesson=N)
//                    own       typed, loaded or pasted values, NOT carried: the link opens
//                              generated values of the same shapes and seed, and says so
//   preset=NAME    a preset's own tensors (its file name without .json, e.g. 02_seed_document)
//   step=K         the timeline step, 0-based [0; with lesson=N: the chapter's]
//   gran=G         tap, window, row, batch [tap; with lesson=N: the chapter's]
//   view=V         steps, code, conv2d [steps; with lesson=N: the chapter's]
//   lesson=N       the open lesson chapter, 1-based [none]; the chapter opens first, then the
//                  layer (the same as the chapter's: still on its script; else off script)
//   lang=L         en, zh [the language in use]
// conv= is needed unless lesson= or preset= names the session (the layer keys, shape, layout,
// values, seed and data need conv=). With preset= or data=lesson the layer keys, when given,
// must match what that session holds. Example: conv=3,8,2&bias=0&seed=0&step=34&lesson=4&lang=zh
//
// Parsing is strict: an unknown or repeated key, a part without '=', a malformed number, a
// value outside its list, a step past the end, an invalid layer (PyTorch's own message), a
// shape over the memory budget (the edits' budget, SessionLimits), more than kLinkMacLimit
// multiply-adds, or a fragment over 1000 characters is an error. Percent-escapes are decoded
// first (%2C is a comma); a broken one is an error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "convstep/result.h"
#include "state/app_state.h"

namespace convstep::gui {

/// A link opens at once (no background build), so its layer may need at most this many
/// multiply-adds (the large preset needs 1.3e9).
inline constexpr int64_t kLinkMacLimit = 8'000'000'000;

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
