#include "generator/cache/cache_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <utility>

namespace yhdessa {
namespace {

// "" when the file does not exist.
std::string ReadAll(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "";
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Writes what `write` streams to a temporary file and renames it over `file`.
Status WriteAtomically(
    const std::string& file,
    const std::function<void(const std::function<void(std::string_view)>&)>& write) {
  std::string tmp = file + ".tmp-" + std::to_string(getpid());
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::IoError("cannot write " + tmp + ": " + std::strerror(errno));
  bool ok = true;
  write([&](std::string_view bytes) {
    ok = ok && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  });
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), file.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IoError("cannot write " + file);
  }
  return Status::Ok();
}

// The file mapped into memory (read-only, shared with the page cache: no copy), with its
// owner; an empty view when there is none.
std::pair<std::string_view, std::shared_ptr<const void>> MapFile(const std::string& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  struct stat st;
  void* p = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && st.st_size > 0)
    p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return {};
  size_t size = static_cast<size_t>(st.st_size);
  std::shared_ptr<const void> owner(
      p, [size](const void* q) { ::munmap(const_cast<void*>(q), size); });
  return {std::string_view(static_cast<const char*>(p), size), std::move(owner)};
}

}  // namespace

std::string CacheFolder(const std::string& source) {
  return source + "/.yhdessa-cache";
}

void MakeCacheFolder(const std::string& folder) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  std::string ignore = folder + "/.gitignore";
  if (std::filesystem::exists(ignore, ec)) return;
  (void)WriteAtomically(ignore, [](const auto& sink) {
    sink("# yhdessa's build cache: local to this copy of the site, safe to delete.\n*\n");
  });
}

BuildCache LoadCache(const std::string& folder, std::string& note) {
  BuildCache cache;
  std::string bytes = ReadAll(folder + "/build.bin");
  if (!bytes.empty()) {
    auto decoded = BuildCache::Decode(bytes);
    if (decoded.ok()) {
      cache = std::move(*decoded);
    } else {
      note = "note: ignoring the build cache " + folder + "/build.bin (" +
             decoded.status().message() + ")";
    }
  }
  // Mapped, not read: most of it is bodies that pages take as they are.
  auto [markdown, owner] = MapFile(folder + "/markdown.bin");
  if (!markdown.empty()) {
    Status s = cache.DecodeMarkdown(markdown, std::move(owner));
    if (!s.ok() && note.empty()) {
      note = "note: ignoring the build cache " + folder + "/markdown.bin (" + s.message() + ")";
    }
  }
  return cache;
}

Status SaveCache(const std::string& folder, const BuildCache& cache) {
  MakeCacheFolder(folder);
  std::string markdown = folder + "/markdown.bin";
  switch (cache.markdown_save()) {
    case BuildCache::MarkdownSave::kNone:
      break;
    case BuildCache::MarkdownSave::kAppend: {
      // A crash in the middle leaves a partial last record, which the next load drops.
      FILE* f = std::fopen(markdown.c_str(), "ab");
      if (!f) return Status::IoError("cannot write " + markdown + ": " + std::strerror(errno));
      bool ok = true;
      const bool replayed = cache.WriteMarkdown(true, [&](std::string_view bytes) {
        ok = ok && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
      });
      ok = ok && replayed;
      if (std::fclose(f) != 0 || !ok) return Status::IoError("cannot write " + markdown);
      break;
    }
    case BuildCache::MarkdownSave::kRewrite:
      if (cache.SaveMarkdownAs(markdown)) break;  // the spool's file becomes the log
      YH_RETURN_IF_ERROR(
          // A spool that cannot be read back only leaves records out: still a valid log.
          WriteAtomically(markdown, [&](const auto& sink) { cache.WriteMarkdown(false, sink); }));
      break;
  }
  std::string build = cache.Encode();
  return WriteAtomically(folder + "/build.bin", [&](const auto& sink) { sink(build); });
}

void RemoveOutputCache(const std::string& folder) {
  std::remove((folder + "/build.bin").c_str());
}

void RemoveOutputCacheOf(const std::string& folder, const std::string& destination) {
  std::string bytes = ReadAll(folder + "/build.bin");
  if (bytes.empty()) return;
  auto previous = BuildCache::DestinationOf(bytes);
  if (!previous.ok() || *previous == destination) RemoveOutputCache(folder);
}

}  // namespace yhdessa
