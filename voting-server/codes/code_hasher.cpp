#include "voting-server/codes/code_hasher.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace yhdessa::vote {

bool InitSodium() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

Result<CodeHasher> CodeHasher::FromKeyFile(const std::string& path, bool create_if_missing) {
  if (!InitSodium()) return Status::Internal("libsodium could not be initialised");
  Key key{};
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT && create_if_missing) {
    randombytes_buf(key.data(), key.size());
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      return Status::IoError(path + ": cannot create the code key file: " + std::strerror(errno));
    }
    const ssize_t n = ::write(fd, key.data(), key.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (n != static_cast<ssize_t>(key.size()) || !synced) {
      ::unlink(path.c_str());
      return Status::IoError(path + ": cannot write the code key file");
    }
    return CodeHasher(key);
  }
  if (fd < 0) {
    return Status::IoError(path + ": cannot read the code key file: " + std::strerror(errno) +
                           (errno == ENOENT ? " (codes were issued with a key kept elsewhere? "
                                              "pass --key FILE)"
                                            : ""));
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0) {
    ::close(fd);
    return Status::FailedPrecondition(path +
                                      ": the code key file is readable by others; run chmod 600");
  }
  const ssize_t n = ::read(fd, key.data(), key.size());
  char extra = 0;
  const ssize_t more = ::read(fd, &extra, 1);
  ::close(fd);
  if (n != static_cast<ssize_t>(key.size()) || more != 0) {
    return Status::InvalidArgument(path + ": not a code key file (expected exactly 32 bytes)");
  }
  return CodeHasher(key);
}

std::string CodeHasher::Hash(std::string_view normalized_code) const {
  std::string out(kHashBytes, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(normalized_code.data()),
                     normalized_code.size(), key_.data(), key_.size());
  return out;
}

}  // namespace yhdessa::vote
