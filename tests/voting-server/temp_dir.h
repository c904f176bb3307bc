// A fresh directory under the system's temporary directory, removed at the end of a test.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace yhdessa::vote::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "yhdessa-vote-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace yhdessa::vote::testing
