#include "generator/cache/record_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "generator/cache/cache_file.h"

namespace yhdessa {
namespace {

// Records are gathered in memory and written a megabyte at a time: a first build makes two
// records per page (front matter, Markdown), and one pwrite each, under the cache's lock,
// was 20 000 system calls on 10 000 pages while the other thread waited for the lock.
class FileSpool : public RecordSpool {
 public:
  // `linkable`: the file was made with O_TMPFILE and can be given a name (SaveAs).
  FileSpool(int fd, std::string head, bool linkable)
      : fd_(fd), head_(std::move(head)), linkable_(linkable) {
    pending_.reserve(kFlushAt);
    if (!WriteAt(head_, 0)) failed_ = true;
    size_ = head_.size();
  }
  ~FileSpool() override { ::close(fd_); }

  bool Append(std::string_view record) override {
    if (failed_ || saved_) return false;
    pending_.append(record);
    if (pending_.size() >= kFlushAt) Flush();
    return true;  // in the file, or in pending_ for good when the write failed
  }

  bool Replay(const std::function<void(std::string_view)>& sink) const override {
    std::vector<char> buffer(1 << 20);
    for (size_t at = head_.size(); at < size_;) {
      size_t want = std::min(buffer.size(), size_ - at);
      ssize_t n = ::pread(fd_, buffer.data(), want, static_cast<off_t>(at));
      if (n <= 0) return false;
      sink(std::string_view(buffer.data(), static_cast<size_t>(n)));
      at += static_cast<size_t>(n);
    }
    if (!pending_.empty()) sink(pending_);
    return true;
  }

  bool SaveAs(const std::string& file, std::string_view head,
              const std::function<void(const Sink&)>& tail) override {
    if (failed_ || saved_ || !linkable_ || head != head_) return false;
    Flush();
    if (failed_) return false;
    // The tail goes after size_: should anything below fail, Replay still ends at size_
    // and the next Append writes over it.
    bool ok = true;
    size_t at = size_;
    tail([&](std::string_view bytes) {
      ok = ok && WriteAt(bytes, at);
      at += bytes.size();
    });
    if (!ok || ::ftruncate(fd_, static_cast<off_t>(at)) != 0) return false;
    // An O_TMPFILE file is given a name through /proc (linkat with AT_EMPTY_PATH needs a
    // privilege), under a temporary name first so that `file` is replaced in one rename.
    std::string tmp = file + ".tmp-" + std::to_string(::getpid());
    std::string self = "/proc/self/fd/" + std::to_string(fd_);
    ::unlink(tmp.c_str());
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, tmp.c_str(), AT_SYMLINK_FOLLOW) != 0)
      return false;
    if (::rename(tmp.c_str(), file.c_str()) != 0) {
      ::unlink(tmp.c_str());
      return false;
    }
    saved_ = true;
    return true;
  }

 private:
  static constexpr size_t kFlushAt = 1 << 20;

  bool WriteAt(std::string_view bytes, size_t at) {
    for (size_t done = 0; done < bytes.size();) {
      ssize_t n =
          ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(at + done));
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }

  // After a failed write the records gathered since the last one stay in pending_ (the
  // part written is past size_ and never read back) and are replayed from there; the
  // spool takes no more (Append is false: the cache keeps them in memory).
  void Flush() {
    if (!WriteAt(pending_, size_)) {
      failed_ = true;
      return;
    }
    size_ += pending_.size();
    pending_.clear();
  }

  int fd_;
  std::string head_;
  bool linkable_;
  size_t size_ = 0;      // bytes in the file: the head, then the records
  std::string pending_;  // records not yet written, after those in the file
  bool failed_ = false;  // a write failed: no more records
  bool saved_ = false;   // the file is now the log (SaveAs): no more records
};

}  // namespace

std::unique_ptr<RecordSpool> NewFileSpool(const std::string& folder, std::string head) {
  MakeCacheFolder(folder);
  // The mode a file made with fopen gets (0666 less the umask), for when it becomes the
  // log: until then it has no name.
  int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
  if (fd >= 0) return std::make_unique<FileSpool>(fd, std::move(head), true);
  // A file system without O_TMPFILE: a named file, removed at once (the open descriptor
  // keeps it until the spool is gone). It cannot be given a name again: SaveAs is false.
  std::string name = folder + "/records." + std::to_string(::getpid()) + ".spool";
  fd = ::open(name.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return nullptr;
  ::unlink(name.c_str());
  return std::make_unique<FileSpool>(fd, std::move(head), false);
}

}  // namespace yhdessa
