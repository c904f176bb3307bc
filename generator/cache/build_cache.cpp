#include "generator/cache/build_cache.h"

#include <cstring>

#include "generator/cache/content_hash.h"

namespace yhdessa {
namespace {

// Bump when the encoding or the meaning of a fingerprint changes.
constexpr char kMagic[8] = {'Y', 'H', 'D', 'C', 'A', 'C', 'H', 'E'};
constexpr char kMarkdownMagic[8] = {'Y', 'H', 'D', 'C', 'M', 'D', '0', '1'};
constexpr uint32_t kFormat = 1;
constexpr std::string_view kGenerator = "yhdessa 0.1.0";

void PutU64(std::string& out, uint64_t v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out.append(b, 8);
}
void PutString(std::string& out, std::string_view s) {
  PutU64(out, s.size());
  out.append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool U64(uint64_t& v) {
    if (data_.size() - at_ < 8) return false;
    std::memcpy(&v, data_.data() + at_, 8);
    at_ += 8;
    return true;
  }
  bool String(std::string& s) {
    uint64_t n;
    if (!U64(n) || n > data_.size() - at_) return false;
    s.assign(data_.data() + at_, n);
    at_ += n;
    return true;
  }
  bool I32(int& v) {
    uint64_t u;
    if (!U64(u)) return false;
    v = static_cast<int>(static_cast<int64_t>(u));
    return true;
  }
  bool done() const { return at_ == data_.size(); }

 private:
  std::string_view data_;
  size_t at_ = 0;
};

void PutHeader(std::string& out, const char (&magic)[8]) {
  out.append(magic, 8);
  PutU64(out, kFormat);
  PutString(out, kGenerator);
}

// Checks the magic, the checksum and the versions; returns the reader after the header.
Result<Reader> OpenSection(std::string_view bytes, const char (&magic)[8]) {
  auto corrupt = Status::InvalidArgument("the cache is truncated or corrupt");
  if (bytes.size() < sizeof magic + 16 || std::memcmp(bytes.data(), magic, sizeof magic) != 0)
    return corrupt;
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  uint64_t sum;
  std::memcpy(&sum, bytes.data() + body.size(), 8);
  if (sum != HashBytes(body)) return corrupt;
  Reader r(body.substr(sizeof magic));
  uint64_t format = 0;
  std::string generator;
  if (!r.U64(format) || !r.String(generator)) return corrupt;
  if (format != kFormat || generator != kGenerator) {
    return Status::InvalidArgument("the cache was written by another version of yhdessa");
  }
  return r;
}

}  // namespace

std::string BuildCache::EncodeMarkdown() const {
  std::string out;
  PutHeader(out, kMarkdownMagic);
  PutU64(out, markdown_recorded_.size());
  for (const auto& [key, e] : markdown_recorded_) {
    PutU64(out, key);
    PutString(out, e.md.html);
    PutString(out, e.md.first_paragraph);
    PutU64(out, e.md.word_count);
    PutU64(out, e.md.headings.size());
    for (const auto& h : e.md.headings) {
      PutU64(out, static_cast<uint64_t>(h.level));
      PutString(out, h.text);
      PutString(out, h.id);
      PutU64(out, static_cast<uint64_t>(h.line));
    }
    PutU64(out, e.links.size());
    for (const auto& l : e.links) {
      PutString(out, l.url);
      PutU64(out, l.image);
      PutString(out, l.pos.file);
      PutU64(out, static_cast<uint64_t>(l.pos.line));
      PutU64(out, static_cast<uint64_t>(l.pos.col));
      PutString(out, l.result);
    }
  }
  PutU64(out, HashBytes(out));
  return out;
}

Status BuildCache::DecodeMarkdown(std::string_view bytes) {
  auto opened = OpenSection(bytes, kMarkdownMagic);
  if (!opened.ok()) return opened.status();
  Reader& r = *opened;
  auto corrupt = Status::InvalidArgument("the cache is truncated or corrupt");
  uint64_t count = 0;
  if (!r.U64(count)) return corrupt;
  std::unordered_map<uint64_t, MarkdownEntry> entries;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t key = 0, n = 0, image = 0;
    MarkdownEntry e;
    if (!r.U64(key) || !r.String(e.md.html) || !r.String(e.md.first_paragraph) || !r.U64(n))
      return corrupt;
    e.md.word_count = n;
    if (!r.U64(n) || n > bytes.size()) return corrupt;
    e.md.headings.resize(n);
    for (auto& h : e.md.headings) {
      if (!r.I32(h.level) || !r.String(h.text) || !r.String(h.id) || !r.I32(h.line)) return corrupt;
    }
    if (!r.U64(n) || n > bytes.size()) return corrupt;
    e.links.resize(n);
    for (auto& l : e.links) {
      if (!r.String(l.url) || !r.U64(image) || !r.String(l.pos.file) || !r.I32(l.pos.line) ||
          !r.I32(l.pos.col) || !r.String(l.result)) {
        return corrupt;
      }
      l.image = image != 0;
    }
    entries.emplace(key, std::move(e));
  }
  if (!r.done()) return corrupt;
  for (auto& [key, e] : entries) markdown_previous_.insert_or_assign(key, std::move(e));
  return Status::Ok();
}

std::optional<MarkdownEntry> BuildCache::TakeMarkdown(uint64_t key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = markdown_previous_.find(key);
  if (it == markdown_previous_.end()) return std::nullopt;
  MarkdownEntry e = std::move(it->second);
  markdown_previous_.erase(it);
  return e;
}

void BuildCache::RecordMarkdown(uint64_t key, MarkdownEntry entry, bool rendered) {
  std::lock_guard<std::mutex> lock(mu_);
  if (rendered) markdown_rendered_ = true;
  markdown_recorded_.insert_or_assign(key, std::move(entry));
}

std::string BuildCache::Encode() const {
  std::string out;
  PutHeader(out, kMagic);
  PutU64(out, recorded_.size());
  for (const auto& [key, e] : recorded_) {
    PutString(out, key);
    PutU64(out, e.fingerprint);
    PutU64(out, e.outputs.size());
    for (const auto& o : e.outputs) {
      PutString(out, o.path);
      PutU64(out, o.stamp);
    }
  }
  PutU64(out, HashBytes(out));
  return out;
}

Result<BuildCache> BuildCache::Decode(std::string_view bytes) {
  auto corrupt = [] { return Status::InvalidArgument("the cache is truncated or corrupt"); };
  auto opened = OpenSection(bytes, kMagic);
  if (!opened.ok()) return opened.status();
  Reader& r = *opened;
  std::string_view body = bytes;
  uint64_t count = 0;
  if (!r.U64(count)) return corrupt();
  BuildCache cache;
  for (uint64_t i = 0; i < count; ++i) {
    std::string key;
    CacheEntry e;
    uint64_t n = 0;
    if (!r.String(key) || !r.U64(e.fingerprint) || !r.U64(n) || n > body.size()) return corrupt();
    e.outputs.resize(n);
    for (auto& o : e.outputs) {
      if (!r.String(o.path) || !r.U64(o.stamp)) return corrupt();
    }
    cache.previous_.emplace(std::move(key), std::move(e));
  }
  if (!r.done()) return corrupt();
  return cache;
}

const CacheEntry* BuildCache::Previous(const std::string& key) const {
  auto it = previous_.find(key);
  return it == previous_.end() ? nullptr : &it->second;
}

void BuildCache::StampOutputs(
    const std::function<std::optional<uint64_t>(const std::string& path)>& stamp) {
  for (auto it = recorded_.begin(); it != recorded_.end();) {
    bool all = true;
    for (auto& o : it->second.outputs) {
      auto s = stamp(o.path);
      if (!s) {
        all = false;
        break;
      }
      o.stamp = *s;
    }
    it = all ? std::next(it) : recorded_.erase(it);
  }
}

void BuildCache::CarryOver(bool committed) {
  std::lock_guard<std::mutex> lock(mu_);
  if (committed) {
    previous_ = std::move(recorded_);
    markdown_previous_ = std::move(markdown_recorded_);
  } else {
    // Bodies are keyed by their content, not by the output: all of them stay valid.
    for (auto& [key, e] : markdown_recorded_)
      markdown_previous_.insert_or_assign(key, std::move(e));
  }
  recorded_.clear();
  markdown_recorded_.clear();
  markdown_rendered_ = false;
}

void BuildCache::Record(const std::string& key, CacheEntry entry) {
  std::lock_guard<std::mutex> lock(mu_);
  recorded_[key] = std::move(entry);
}

}  // namespace yhdessa
