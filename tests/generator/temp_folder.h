// Files on disk for the tests of the parts that only work on disk (output folders,
// watchers): a fresh folder per test and process, and a whole file read back.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace yhdessa::testing {

/// An empty folder "yhdessa-test-<name>-<pid>" under the system's temporary folder.
inline std::filesystem::path TempDir(const std::string& name) {
  std::filesystem::path p = std::filesystem::temp_directory_path() /
                            ("yhdessa-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

/// The whole file; "" when it cannot be read.
inline std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace yhdessa::testing
