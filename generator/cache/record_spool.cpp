#include "generator/cache/record_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <vector>

namespace yhdessa {
namespace {

class FileSpool : public RecordSpool {
 public:
  explicit FileSpool(int fd) : fd_(fd) {}
  ~FileSpool() override { ::close(fd_); }

  bool Append(std::string_view record) override {
    if (failed_) return false;
    for (size_t done = 0; done < record.size();) {
      ssize_t n = ::pwrite(fd_, record.data() + done, record.size() - done,
                           static_cast<off_t>(size_ + done));
      if (n <= 0) {
        // The part written is past size_ and is never read back: the record is not kept.
        failed_ = true;
        return false;
      }
      done += static_cast<size_t>(n);
    }
    size_ += record.size();
    return true;
  }

  bool Replay(const std::function<void(std::string_view)>& sink) const override {
    std::vector<char> buffer(1 << 20);
    for (size_t at = 0; at < size_;) {
      size_t want = std::min(buffer.size(), size_ - at);
      ssize_t n = ::pread(fd_, buffer.data(), want, static_cast<off_t>(at));
      if (n <= 0) return false;
      sink(std::string_view(buffer.data(), static_cast<size_t>(n)));
      at += static_cast<size_t>(n);
    }
    return true;
  }

 private:
  int fd_;
  size_t size_ = 0;
  bool failed_ = false;
};

}  // namespace

std::unique_ptr<RecordSpool> NewFileSpool(const std::string& folder) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  std::string name = folder + "/records." + std::to_string(::getpid()) + ".spool";
  int fd = ::open(name.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return nullptr;
  ::unlink(name.c_str());  // the open descriptor keeps the file until the spool is gone
  return std::make_unique<FileSpool>(fd);
}

}  // namespace yhdessa
