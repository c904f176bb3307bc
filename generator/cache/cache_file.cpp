#include "generator/cache/cache_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

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

Status WriteAtomically(const std::string& file, const std::string& bytes) {
  std::string tmp = file + ".tmp-" + std::to_string(getpid());
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::IoError("cannot write " + tmp + ": " + std::strerror(errno));
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), file.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IoError("cannot write " + file);
  }
  return Status::Ok();
}

}  // namespace

std::string CacheFolder(const std::string& source) {
  return source + "/.yhdessa-cache";
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
  bytes = ReadAll(folder + "/markdown.bin");
  if (!bytes.empty()) {
    Status s = cache.DecodeMarkdown(bytes);
    if (!s.ok() && note.empty()) {
      note = "note: ignoring the build cache " + folder + "/markdown.bin (" + s.message() + ")";
    }
  }
  return cache;
}

Status SaveCache(const std::string& folder, const BuildCache& cache) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (cache.markdown_changed())
    YH_RETURN_IF_ERROR(WriteAtomically(folder + "/markdown.bin", cache.EncodeMarkdown()));
  return WriteAtomically(folder + "/build.bin", cache.Encode());
}

void RemoveOutputCache(const std::string& folder) {
  std::remove((folder + "/build.bin").c_str());
}

void RemoveOutputCacheOf(const std::string& folder, const std::string& destination) {
  std::string bytes = ReadAll(folder + "/build.bin");
  if (bytes.empty()) return;
  auto decoded = BuildCache::Decode(bytes);
  if (!decoded.ok() || decoded->previous_destination() == destination) RemoveOutputCache(folder);
}

}  // namespace yhdessa
