#include "generator/cache/source_index.h"

#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "generator/cache/cache_file.h"
#include "generator/cache/content_hash.h"

namespace yhdessa {
namespace {

// 2: body hashes by XXH3 (ContentHash)
constexpr char kMagic[] = "yhdessa sources 2\n";

void PutU64(std::string& out, uint64_t v) {
  out.append(reinterpret_cast<const char*>(&v), 8);
}

bool GetU64(std::string_view& in, uint64_t& v) {
  if (in.size() < 8) return false;
  std::memcpy(&v, in.data(), 8);
  in.remove_prefix(8);
  return true;
}

}  // namespace

Result<SourceIndex> SourceIndex::Decode(std::string_view bytes) {
  size_t magic = sizeof kMagic - 1;
  if (bytes.size() < magic + 16 || bytes.substr(0, magic) != kMagic)
    return Status::InvalidArgument("not a source index of this version");
  uint64_t sum = 0;
  std::memcpy(&sum, bytes.data() + bytes.size() - 8, 8);
  std::string_view in = bytes.substr(0, bytes.size() - 8);
  if (HashBytes(in) != sum) return Status::InvalidArgument("the source index is corrupt");
  in.remove_prefix(magic);
  SourceIndex index;
  uint64_t count = 0;
  if (!GetU64(in, count)) return Status::InvalidArgument("the source index is truncated");
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t size = 0, fm_line = 0, body_line = 0;
    SourceFacts f;
    if (!GetU64(in, size) || in.size() < size)
      return Status::InvalidArgument("the source index is truncated");
    std::string file(in.substr(0, size));
    in.remove_prefix(size);
    if (!GetU64(in, f.version) || !GetU64(in, fm_line) || !GetU64(in, f.front_matter_key) ||
        !GetU64(in, f.body_offset) || !GetU64(in, body_line) || !GetU64(in, f.body_hash))
      return Status::InvalidArgument("the source index is truncated");
    f.front_matter_line = static_cast<int>(fm_line);
    f.body_line = static_cast<int>(body_line);
    index.previous_.emplace(std::move(file), f);
  }
  return index;
}

std::string SourceIndex::Encode() const {
  std::string out(kMagic, sizeof kMagic - 1);
  PutU64(out, recorded_.size());
  for (const auto& [file, f] : recorded_) {
    PutU64(out, file.size());
    out += file;
    PutU64(out, f.version);
    PutU64(out, static_cast<uint64_t>(f.front_matter_line));
    PutU64(out, f.front_matter_key);
    PutU64(out, f.body_offset);
    PutU64(out, static_cast<uint64_t>(f.body_line));
    PutU64(out, f.body_hash);
  }
  PutU64(out, HashBytes(out));
  return out;
}

const SourceFacts* SourceIndex::Find(const std::string& file, uint64_t version) const {
  auto it = previous_.find(file);  // not changed during a build: no lock
  return it != previous_.end() && it->second.version == version ? &it->second : nullptr;
}

void SourceIndex::Record(const std::string& file, const SourceFacts& facts) {
  std::lock_guard<std::mutex> lock(mu_);
  recorded_.insert_or_assign(file, facts);
}

SourceIndex LoadSourceIndex(const std::string& folder) {
  std::ifstream in(folder + "/sources.bin", std::ios::binary);
  if (!in) return {};
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto decoded = SourceIndex::Decode(bytes.str());
  if (!decoded.ok()) return {};
  return std::move(*decoded);
}

Status SaveSourceIndex(const std::string& folder, const SourceIndex& index) {
  MakeCacheFolder(folder);
  std::string file = folder + "/sources.bin";
  std::string tmp = file + ".tmp-" + std::to_string(getpid());
  std::string bytes = index.Encode();
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

}  // namespace yhdessa
