#include "platform/interrupt.h"

#include <csignal>

namespace convstep::gui {
namespace {

// A signal handler can only reach state through a static of type volatile sig_atomic_t; this
// flag is that one unavoidable global (AppState cannot be reached from a handler).
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void OnInterrupt(int signal_number) {
  g_interrupted = 1;
  std::signal(signal_number, SIG_DFL);  // the next one stops the process
}

}  // namespace

void InstallInterruptHandlers() {
  g_interrupted = 0;
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
}

bool InterruptRequested() {
  return g_interrupted != 0;
}

}  // namespace convstep::gui
