// An Xvfb server of a test's own, handed out only once it answers an X connection, and the
// check that it does: a connection setup over the server's socket, as Xlib makes it.
// Header-only (inline), like process.h.
#pragma once

#include <poll.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "support/process.h"

namespace convstep::process_test {

/// A socket connected to the X server of display ":number" the way Xlib on Linux connects:
/// the abstract name first, then /tmp/.X11-unix/X<number>. -1 when neither takes the call.
inline int ConnectXSocket(const std::string& number) {
  const std::string path = "/tmp/.X11-unix/X" + number;
  for (const size_t lead : {size_t{1}, size_t{0}}) {  // an abstract name starts with a zero
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path + lead, path.data(), path.size());
    const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + lead +
                                               path.size() + (lead ? 0 : 1));
    if (connect(fd, reinterpret_cast<const sockaddr*>(&address), length) == 0) return fd;
    close(fd);
  }
  return -1;
}

/// True when the X server of display ":number" accepts a client within `seconds`: it takes
/// the connection and answers the connection setup (protocol 11.0, no authorisation) with
/// Success, which is what a client such as the app's GLFW needs from it.
inline bool XServerAnswers(const std::string& number, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  for (;;) {
    if (const int fd = ConnectXSocket(number); fd >= 0) {
      // Byte order 'l' (little-endian), unused, major 11, minor 0, no name, no data, pad.
      const unsigned char setup[12] = {'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0};
      unsigned char reply = 0;
      pollfd wait{fd, POLLIN, 0};
      const bool ok = write(fd, setup, sizeof(setup)) == static_cast<ssize_t>(sizeof(setup)) &&
                      poll(&wait, 1, 2000) == 1 && read(fd, &reply, 1) == 1 && reply == 1;
      close(fd);
      if (ok) return true;
    }
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

/// An Xvfb of the test's own on a display number that Xvfb picks itself (-displayfd: no race
/// with other servers on the machine) that never resets (-noreset: by default an X server resets
/// when its last client leaves, and a client that connects meanwhile, such as the app right after
/// the readiness check or another test's last call, is refused). A server counts as started once a
/// client can connect: one that reports its number but does not answer within 10 s is killed, its
/// log kept as `log_path`.failed-N, and another one started, three tries in all. Killed when it
/// goes out of scope.
class XvfbServer {
 public:
  /// Starts Xvfb with one screen of `screen` (WxHxDepth), its messages in `log_path`, and
  /// waits until it answers a connection. display() is empty when no try gave such a server.
  explicit XvfbServer(const std::string& log_path, const std::string& screen = "1280x720x24") {
    for (int attempt = 1; attempt <= 3 && display_.empty(); ++attempt) {
      const std::string number = Start(log_path, screen);
      server_->Wait(0);
      if (!number.empty() && server_->running() && XServerAnswers(number, 10)) {
        display_ = ":" + number;
        break;
      }
      server_.reset();  // killed and reaped
      std::error_code ignored;
      std::filesystem::rename(log_path, log_path + ".failed-" + std::to_string(attempt), ignored);
    }
  }

  /// ":N", or empty when the server did not start.
  const std::string& display() const { return display_; }
  /// The server's process.
  Spawned& process() { return *server_; }
  /// kill -9 the server and wait for it to be gone.
  void Kill9() {
    if (server_ && server_->running()) {
      kill(server_->pid(), SIGKILL);
      server_->Wait(10);
    }
  }

 private:
  // Starts one Xvfb and waits up to 20 s for the display number it writes when it listens;
  // the number, or empty when none came.
  std::string Start(const std::string& log_path, const std::string& screen) {
    int ready[2];
    if (pipe(ready) != 0) return {};
    fcntl(ready[0], F_SETFD, FD_CLOEXEC);  // the write end is for Xvfb only
    server_ = std::make_unique<Spawned>(
        std::vector<std::string>{"Xvfb", "-displayfd", std::to_string(ready[1]), "-screen", "0",
                                 screen, "-nolisten", "tcp", "-noreset"},
        std::vector<std::string>{}, "/dev/null", log_path);
    close(ready[1]);
    std::string number;
    pollfd wait{ready[0], POLLIN, 0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline && number.find('\n') == std::string::npos) {
      if (poll(&wait, 1, 100) <= 0) continue;
      char buffer[32];
      const ssize_t got = read(ready[0], buffer, sizeof(buffer));
      if (got <= 0) break;
      number.append(buffer, static_cast<size_t>(got));
    }
    close(ready[0]);
    const size_t end = number.find('\n');
    return end == std::string::npos ? std::string() : number.substr(0, end);
  }

  std::unique_ptr<Spawned> server_;
  std::string display_;
};

}  // namespace convstep::process_test
