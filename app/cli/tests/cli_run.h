// Runs the real convstep-cli binary for the contract tests and collects what it printed.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "support/files.h"

namespace convstep::testing {

struct CliRun {
  int status = -1;
  std::string out, err;
};

using test_support::ReadAll;
/// A whole file (the name these tests use for test_support::ReadAll).
inline std::string Slurp(const std::string& path) {
  return ReadAll(path);
}

// Runs convstep-cli with arguments (already shell-quoted), optionally feeding stdin;
// `shell_prefix` runs first in the same shell (e.g. "ulimit -v 2000000;").
inline CliRun Cli(const std::string& args, const std::string& stdin_text = "",
                  const std::string& shell_prefix = "") {
  // ctest runs tests in parallel processes: give each its own files.
  const std::string dir = ::testing::TempDir() + "/convstep_cli_" + std::to_string(getpid());
  const std::string in = dir + "_stdin.txt", out = dir + "_out.txt", err = dir + "_err.txt";
  std::ofstream(in) << stdin_text;
  const std::string command = "(" + shell_prefix + std::string(CONVSTEP_CLI) + " " + args + " <" +
                              in + " >" + out + " 2>" + err + ")";
  CliRun run;
  const int raw = std::system(command.c_str());
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = Slurp(out);
  run.err = Slurp(err);
  return run;
}

}  // namespace convstep::testing
