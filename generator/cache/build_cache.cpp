#include "generator/cache/build_cache.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "generator/cache/content_hash.h"
#include "generator/core/parallel.h"

namespace yhdessa {
namespace {

// Bump when the encoding or the meaning of a fingerprint changes.
constexpr char kMagic[8] = {'Y', 'H', 'D', 'C', 'A', 'C', 'H', 'E'};
// 02: a log; 03: a record's checksum leaves out its HTML, which carries a hash of its own;
// 04: a record says whether it holds its HTML (set_keep_html).
constexpr char kMarkdownMagic[8] = {'Y', 'H', 'D', 'C', 'M', 'D', '0', '4'};
// 2: the manifest; 3: the pages each job read; 4: the places it read, the pages' identities;
// 5: ContentHash hashes bytes with XXH3 (every stored hash changed)
constexpr uint32_t kFormat = 5;
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

// Page indices, ascending: each the difference from the one before, seven bits a byte.
std::string PackPages(const std::vector<int>& pages) {
  std::string out;
  int last = 0;
  for (int page : pages) {
    auto d = static_cast<uint32_t>(page - last);
    last = page;
    while (d >= 0x80) {
      out.push_back(static_cast<char>(0x80 | (d & 0x7F)));
      d >>= 7;
    }
    out.push_back(static_cast<char>(d));
  }
  return out;
}

bool UnpackPages(std::string_view packed, std::vector<int>& pages) {
  int64_t last = 0;
  for (size_t i = 0; i < packed.size();) {
    uint64_t d = 0;
    for (int shift = 0;; shift += 7) {
      if (i == packed.size() || shift > 28) return false;
      auto byte = static_cast<uint8_t>(packed[i++]);
      d |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) break;
    }
    last += static_cast<int64_t>(d);
    if (last > INT32_MAX) return false;
    pages.push_back(static_cast<int>(last));
  }
  return true;
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
  /// Passes over a string.
  bool SkipString() {
    uint64_t n;
    std::string_view v;
    return U64(n) && View(n, v);
  }
  /// The next `n` bytes, not copied.
  bool View(size_t n, std::string_view& v) {
    if (n > data_.size() - at_) return false;
    v = data_.substr(at_, n);
    at_ += n;
    return true;
  }
  size_t at() const { return at_; }
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

// Checks the magic and the versions; returns the reader after the header.
Result<Reader> OpenHeader(std::string_view bytes, const char (&magic)[8]) {
  auto corrupt = Status::InvalidArgument("the cache is truncated or corrupt");
  if (bytes.size() < sizeof magic + 16 || std::memcmp(bytes.data(), magic, sizeof magic) != 0)
    return corrupt;
  Reader r(bytes.substr(sizeof magic));
  uint64_t format = 0;
  std::string generator;
  if (!r.U64(format) || !r.String(generator)) return corrupt;
  if (format != kFormat || generator != kGenerator) {
    return Status::InvalidArgument("the cache was written by another version of yhdessa");
  }
  return r;
}

// OpenHeader after checking the checksum at the end; the reader stops before it.
Result<Reader> OpenSection(std::string_view bytes, const char (&magic)[8]) {
  auto corrupt = Status::InvalidArgument("the cache is truncated or corrupt");
  if (bytes.size() < sizeof magic + 16) return corrupt;
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  uint64_t sum;
  std::memcpy(&sum, bytes.data() + body.size(), 8);
  if (sum != HashBytes(body)) return corrupt;
  return OpenHeader(body, magic);
}

// A record of the Markdown log: its length, the payload, a checksum.
//   length   u64: bytes of the payload
//   payload  key u64, checked-length u64, the checked bytes, then the blob
//   checksum u64: HashBytes of the key, the checked length and the checked bytes
// The blob (a body's HTML; empty for a front matter) is left out of the checksum, so a
// record can be used without reading its blob: the checked bytes carry the blob's own
// hash (see LazyHtml), checked when the blob is read.
constexpr size_t kRecordHead = 24;  // length, key, checked length

// The head of a record under `key`; the caller appends the checked bytes.
std::string StartRecord(uint64_t key) {
  std::string out;
  PutU64(out, 0);  // the length, in FinishRecord
  PutU64(out, key);
  PutU64(out, 0);  // the checked length, likewise
  return out;
}

// Fills in the lengths, appends the checksum of the checked part and the blob.
void FinishRecord(std::string& out, std::string_view blob) {
  uint64_t checked = out.size() - kRecordHead;
  std::memcpy(out.data() + 16, &checked, 8);
  uint64_t sum = HashBytes(std::string_view(out).substr(8));
  out.append(blob);
  uint64_t size = out.size() - 8;
  std::memcpy(out.data(), &size, 8);
  PutU64(out, sum);
}

// A record's checked bytes and its blob, or nullopt when its checksum does not match (a
// damaged file). Only the checked bytes are read.
struct RecordParts {
  std::string_view checked;
  std::string_view blob;
};
std::optional<RecordParts> OpenRecord(std::string_view record) {
  if (record.size() < kRecordHead + 8) return std::nullopt;
  uint64_t checked = 0, sum = 0;
  std::memcpy(&checked, record.data() + 16, 8);
  std::memcpy(&sum, record.data() + record.size() - 8, 8);
  if (checked > record.size() - kRecordHead - 8) return std::nullopt;
  if (HashBytes(record.substr(8, 16 + checked)) != sum) return std::nullopt;
  return RecordParts{
      record.substr(kRecordHead, checked),
      record.substr(kRecordHead + checked, record.size() - 8 - kRecordHead - checked)};
}

// A Value tree; every node's position is in `file` (stored once). False when one is not.
bool PutValue(std::string& out, const Value& v, const SourceFile& file) {
  if (v.pos().file != file) return false;
  PutU64(out, static_cast<uint64_t>(v.kind()));
  PutString(out, v.text());
  PutU64(out, v.quoted());
  PutU64(out, static_cast<uint64_t>(v.pos().line));
  PutU64(out, static_cast<uint64_t>(v.pos().col));
  PutU64(out, v.items().size());
  for (const auto& item : v.items()) {
    if (!PutValue(out, item, file)) return false;
  }
  PutU64(out, v.entries().size());
  for (const auto& [key, value] : v.entries()) {
    if (value.key_pos().file != file) return false;
    PutString(out, key);
    PutU64(out, static_cast<uint64_t>(value.key_pos().line));
    PutU64(out, static_cast<uint64_t>(value.key_pos().col));
    if (!PutValue(out, value, file)) return false;
  }
  return true;
}

bool ReadValue(Reader& r, const SourceFile& file, Value& out, int depth) {
  uint64_t kind = 0, quoted = 0, n = 0;
  std::string text;
  SourcePos pos{file, 0, 0};
  if (depth > 200 || !r.U64(kind) || !r.String(text) || !r.U64(quoted) || !r.I32(pos.line) ||
      !r.I32(pos.col)) {
    return false;
  }
  switch (static_cast<Value::Kind>(kind)) {
    case Value::Kind::kNull:
      out = Value::Null(std::move(pos));
      break;
    case Value::Kind::kScalar:
      out = Value::Scalar(std::move(text), quoted != 0, std::move(pos));
      break;
    case Value::Kind::kList:
      out = Value::List(std::move(pos));
      break;
    case Value::Kind::kMap:
      out = Value::Map(std::move(pos));
      break;
    default:
      return false;
  }
  if (!r.U64(n)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    Value item;
    if (!ReadValue(r, file, item, depth + 1)) return false;
    out.Append(std::move(item));
  }
  if (!r.U64(n)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    std::string key;
    SourcePos key_pos{file, 0, 0};
    Value value;
    if (!r.String(key) || !r.I32(key_pos.line) || !r.I32(key_pos.col) ||
        !ReadValue(r, file, value, depth + 1)) {
      return false;
    }
    out.Insert(std::move(key), std::move(value), std::move(key_pos));
  }
  return true;
}

// A Markdown record: the HTML is the blob (or none, see set_keep_html), its hash, whether
// it is kept and the rest of the entry are checked.
std::string EncodeRecord(uint64_t key, const RenderedMarkdown& md,
                         const std::vector<LinkCall>& links, bool keep_html) {
  std::string out = StartRecord(key);
  PutU64(out, HashBytes(md.html));
  PutU64(out, keep_html);
  PutString(out, md.first_paragraph);
  PutU64(out, md.word_count);
  PutU64(out, md.headings.size());
  for (const auto& h : md.headings) {
    PutU64(out, static_cast<uint64_t>(h.level));
    PutString(out, h.text);
    PutString(out, h.id);
    PutU64(out, static_cast<uint64_t>(h.line));
  }
  PutU64(out, links.size());
  for (const auto& l : links) {
    PutString(out, l.url);
    PutU64(out, l.image);
    PutString(out, l.pos.file);
    PutU64(out, static_cast<uint64_t>(l.pos.line));
    PutU64(out, static_cast<uint64_t>(l.pos.col));
    PutString(out, l.result);
  }
  FinishRecord(out, keep_html ? std::string_view(md.html) : std::string_view());
  return out;
}

// A Markdown record's entry without its HTML, which `html` points at in the record.
std::optional<MarkdownEntry> DecodeRecord(const RecordParts& parts, LazyHtml& html) {
  Reader r(parts.checked);
  MarkdownEntry e;
  std::string file;
  uint64_t n = 0, image = 0, kept = 0;
  if (!r.U64(html.hash) || !r.U64(kept) || !r.String(e.md.first_paragraph) || !r.U64(n))
    return std::nullopt;
  if (!kept && !parts.blob.empty()) return std::nullopt;
  html.bytes = parts.blob;
  html.kept = kept != 0;
  e.md.word_count = n;
  if (!r.U64(n) || n > parts.checked.size()) return std::nullopt;
  e.md.headings.resize(n);
  for (auto& h : e.md.headings) {
    if (!r.I32(h.level) || !r.String(h.text) || !r.String(h.id) || !r.I32(h.line))
      return std::nullopt;
  }
  if (!r.U64(n) || n > parts.checked.size()) return std::nullopt;
  e.links.resize(n);
  for (auto& l : e.links) {
    if (!r.String(l.url) || !r.U64(image) || !r.String(file) || !r.I32(l.pos.line) ||
        !r.I32(l.pos.col) || !r.String(l.result)) {
      return std::nullopt;
    }
    l.pos.file = file;
    l.image = image != 0;
  }
  if (!r.done()) return std::nullopt;
  return e;
}

}  // namespace

Status BuildCache::DecodeMarkdown(std::string_view bytes, std::shared_ptr<const void> owner) {
  if (!owner) {
    auto copy = std::make_shared<const std::string>(bytes);
    bytes = *copy;
    owner = std::move(copy);
  }
  auto opened = OpenHeader(bytes, kMarkdownMagic);
  if (!opened.ok()) {
    markdown_damaged_ = true;
    return opened.status();
  }
  markdown_owners_.push_back(std::move(owner));
  Reader& r = *opened;
  size_t start = sizeof kMarkdownMagic + r.at();
  Reader log(bytes.substr(start));
  while (!log.done()) {
    size_t at = log.at();
    uint64_t size = 0, key = 0;
    std::string_view payload, sum;
    // Only the lengths are read here: a record's checksum is checked when a page takes it
    // (most records are taken, some are not, and few have their HTML read).
    if (!log.U64(size) || size < kRecordHead - 8 || !log.View(size, payload) || !log.View(8, sum)) {
      // A build that crashed while appending, or a damaged file: the rest is not used,
      // and the next save writes the file anew.
      markdown_damaged_ = true;
      markdown_file_size_ += start + at;
      return Status::InvalidArgument("the cache is truncated or corrupt");
    }
    std::memcpy(&key, payload.data(), 8);
    markdown_previous_.insert_or_assign(key, bytes.substr(start + at, size + 16));
  }
  markdown_file_size_ += bytes.size();
  return Status::Ok();
}

std::optional<std::string_view> BuildCache::TakeRecord(uint64_t key) {
  std::string_view record;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = markdown_previous_.find(key);
    if (it == markdown_previous_.end()) return std::nullopt;
    record = it->second;
    markdown_previous_.erase(it);
    markdown_taken_.emplace(key, record);
  }
  return record;
}

void BuildCache::MarkDamaged() {
  std::lock_guard<std::mutex> lock(mu_);
  markdown_damaged_ = true;
}

std::optional<MarkdownEntry> BuildCache::TakeMarkdown(uint64_t key, LazyHtml* lazy) {
  std::optional<std::string_view> record = TakeRecord(key);
  if (!record) return std::nullopt;
  std::optional<RecordParts> parts = OpenRecord(*record);
  LazyHtml html;
  std::optional<MarkdownEntry> e;
  if (parts) e = DecodeRecord(*parts, html);
  if (e && lazy) {
    *lazy = html;
    return e;
  }
  if (e) {
    std::optional<std::string> text = LoadHtml(html);
    if (!text) return std::nullopt;
    e->md.html = std::move(*text);
    return e;
  }
  MarkDamaged();  // its page renders the body again; the next save writes the log anew
  return std::nullopt;
}

std::optional<std::string> BuildCache::LoadHtml(const LazyHtml& html) {
  if (!html.kept) return std::nullopt;  // not damaged: the body is rendered again
  if (HashBytes(html.bytes) != html.hash) {
    MarkDamaged();
    return std::nullopt;
  }
  return std::string(html.bytes);
}

std::optional<Value> BuildCache::TakeFrontMatter(uint64_t key) {
  std::optional<std::string_view> record = TakeRecord(key);
  if (!record) return std::nullopt;
  std::optional<RecordParts> parts = OpenRecord(*record);
  std::string file;
  Value v;
  if (parts) {
    Reader r(parts->checked);
    if (r.String(file) && ReadValue(r, SourceFile(file), v, 0) && r.done() && parts->blob.empty()) {
      return v;
    }
  }
  MarkDamaged();
  return std::nullopt;
}

bool BuildCache::RecordFrontMatter(uint64_t key, const Value& v) {
  std::string record = StartRecord(key);
  PutString(record, v.pos().file);
  if (!PutValue(record, v, v.pos().file)) return false;
  FinishRecord(record, {});
  AddRecord(key, std::move(record));
  return true;
}

void BuildCache::AddRecord(uint64_t key, std::string record) {
  std::lock_guard<std::mutex> lock(mu_);
  // A key is a hash of everything a render reads but the links, and a record is kept only
  // when its links resolved as then (MarkdownCache::Reuse): a kept record under this key
  // is this one (a body rendered again with those answers because the log holds no HTML),
  // unless the log was found damaged, when the new record must replace it.
  if (!markdown_damaged_ && markdown_kept_.count(key)) return;
  if (spool_ && !markdown_new_.count(key)) {
    if (spooled_.count(key)) return;  // the same body, links and answers
    if (spool_->Append(record)) {
      spooled_.insert(key);
      spooled_bytes_ += record.size();
      return;
    }
  }
  markdown_new_.insert_or_assign(key, std::move(record));
}

void BuildCache::KeepMarkdown(uint64_t key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = markdown_taken_.find(key);
  if (it != markdown_taken_.end()) markdown_kept_.insert_or_assign(key, it->second);
}

void BuildCache::RecordMarkdown(uint64_t key, const RenderedMarkdown& md,
                                const std::vector<LinkCall>& links) {
  AddRecord(key, EncodeRecord(key, md, links, keep_html_));
}

BuildCache::MarkdownSave BuildCache::markdown_save() const {
  if (markdown_new_.empty() && spooled_.empty()) return MarkdownSave::kNone;
  if (markdown_damaged_ || markdown_file_size_ == 0) return MarkdownSave::kRewrite;
  size_t live = 0, added = 0;
  for (const auto& [key, record] : markdown_kept_) live += record.size();
  for (const auto& [key, record] : markdown_new_) added += record.size();
  added += spooled_bytes_;
  live += added;
  return markdown_file_size_ + added > 2 * live + (1 << 20) ? MarkdownSave::kRewrite
                                                            : MarkdownSave::kAppend;
}

bool BuildCache::WriteMarkdown(bool append,
                               const std::function<void(std::string_view)>& sink) const {
  if (!append) {
    sink(MarkdownLogHead());
    WriteKept(sink);
  }
  for (const auto& [key, record] : markdown_new_) sink(record);
  return !spool_ || spooled_.empty() || spool_->Replay(sink);
}

std::string BuildCache::MarkdownLogHead() {
  std::string head;
  PutHeader(head, kMarkdownMagic);
  return head;
}

bool BuildCache::SaveMarkdownAs(const std::string& file) const {
  if (!spool_) return false;
  // A log's records may come in any order: each stands for itself, keyed by its content.
  return spool_->SaveAs(file, MarkdownLogHead(), [&](const RecordSpool::Sink& sink) {
    WriteKept(sink);
    for (const auto& [key, record] : markdown_new_) sink(record);
  });
}

void BuildCache::WriteKept(const std::function<void(std::string_view)>& sink) const {
  for (const auto& [key, record] : markdown_kept_) {
    if (!markdown_new_.count(key) && !spooled_.count(key)) sink(record);
  }
}

std::string BuildCache::EncodeMarkdown() const {
  std::string out;
  WriteMarkdown(false, [&](std::string_view bytes) { out.append(bytes); });
  return out;
}

std::string BuildCache::Encode() const {
  std::string out;
  PutHeader(out, kMagic);
  PutU64(out, recorded_.size());
  for (const auto& [key, e] : recorded_) {
    PutString(out, key);
    PutU64(out, e.fingerprint);
    PutU64(out, e.reads.all);
    PutString(out, PackPages(e.reads.pages));
    PutString(out, PackPages(e.reads.places));
    PutU64(out, e.outputs.size());
    for (const auto& o : e.outputs) {
      PutString(out, o.path);
      PutU64(out, o.stamp);
    }
  }
  PutString(out, destination_);
  PutU64(out, files_.size());
  for (const auto& f : files_) PutString(out, f);
  PutU64(out, page_ids_.size());
  for (uint64_t id : page_ids_) PutU64(out, id);
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
    uint64_t n = 0, all = 0;
    std::string packed, places;
    if (!r.String(key) || !r.U64(e.fingerprint) || !r.U64(all) || all > 1 || !r.String(packed) ||
        !UnpackPages(packed, e.reads.pages) || !r.String(places) ||
        !UnpackPages(places, e.reads.places) || !r.U64(n) || n > body.size())
      return corrupt();
    e.reads.all = all;
    e.outputs.resize(n);
    for (auto& o : e.outputs) {
      if (!r.String(o.path) || !r.U64(o.stamp)) return corrupt();
    }
    cache.previous_.emplace(std::move(key), std::move(e));
  }
  uint64_t files = 0;
  if (!r.String(cache.previous_destination_) || !r.U64(files) || files > body.size())
    return corrupt();
  cache.previous_files_.resize(files);
  for (auto& f : cache.previous_files_) {
    if (!r.String(f)) return corrupt();
  }
  uint64_t ids = 0;
  if (!r.U64(ids) || ids > body.size() / 8) return corrupt();
  cache.previous_page_ids_.resize(ids);
  for (auto& id : cache.previous_page_ids_) {
    if (!r.U64(id)) return corrupt();
  }
  if (!r.done()) return corrupt();
  return cache;
}

Result<std::string> BuildCache::DestinationOf(std::string_view bytes) {
  auto corrupt = [] { return Status::InvalidArgument("the cache is truncated or corrupt"); };
  auto opened = OpenSection(bytes, kMagic);
  if (!opened.ok()) return opened.status();
  Reader& r = *opened;
  uint64_t count = 0, skip = 0;
  if (!r.U64(count)) return corrupt();
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t outputs = 0;
    if (!r.SkipString() || !r.U64(skip) || !r.U64(skip) || !r.SkipString() || !r.SkipString() ||
        !r.U64(outputs) || outputs > bytes.size())
      return corrupt();
    for (uint64_t o = 0; o < outputs; ++o) {
      if (!r.SkipString() || !r.U64(skip)) return corrupt();
    }
  }
  std::string destination;
  if (!r.String(destination)) return corrupt();
  return destination;
}

const CacheEntry* BuildCache::Previous(const std::string& key) const {
  auto it = previous_.find(key);
  return it == previous_.end() ? nullptr : &it->second;
}

void BuildCache::StampOutputs(
    const std::function<std::optional<uint64_t>(const std::string& path)>& stamp) {
  std::vector<std::map<std::string, CacheEntry>::iterator> entries;
  entries.reserve(recorded_.size());
  for (auto it = recorded_.begin(); it != recorded_.end(); ++it) entries.push_back(it);
  std::vector<char> stamped(entries.size(), 1);
  ParallelFor(entries.size(), [&](size_t i) {
    for (auto& o : entries[i]->second.outputs) {
      // A file reused keeps the stamp it was reused by: it was checked during this build,
      // and a change since must still show at the next one.
      if (o.stamp != 0) continue;
      auto s = stamp(o.path);
      if (!s) {
        stamped[i] = 0;
        return;
      }
      o.stamp = *s;
    }
  });
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!stamped[i]) recorded_.erase(entries[i]);
  }
}

void BuildCache::RecordFiles(std::string destination, std::vector<std::string> files) {
  std::sort(files.begin(), files.end());  // the same site, the same bytes
  destination_ = std::move(destination);
  files_ = std::move(files);
}

void BuildCache::AddPreviousFiles(const std::vector<std::string>& files) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& f : files) {
    auto at = std::lower_bound(previous_files_.begin(), previous_files_.end(), f);
    if (at == previous_files_.end() || *at != f) previous_files_.insert(at, f);
  }
}

void BuildCache::CarryOver(bool committed) {
  std::lock_guard<std::mutex> lock(mu_);
  if (committed) {
    // What a save and a load would give: the entries and the manifest of this build.
    previous_ = std::move(recorded_);
    previous_destination_ = std::move(destination_);
    previous_files_ = std::move(files_);
    previous_page_ids_ = std::move(page_ids_);
  }
  // Records are keyed by their content, not by the output, so all of them stay valid:
  // those this build took, those it made, and those no build took (SourceCache skips the
  // front matter of unchanged files, whose records the next edit needs). What piles up is
  // a record per edit for the length of one `serve`. The records made now become views
  // like the others; their strings live as long as the cache.
  for (const auto& [key, record] : markdown_taken_)
    markdown_previous_.insert_or_assign(key, record);
  auto fresh =
      std::make_shared<std::unordered_map<uint64_t, std::string>>(std::move(markdown_new_));
  for (const auto& [key, record] : *fresh) markdown_previous_.insert_or_assign(key, record);
  if (!fresh->empty()) markdown_owners_.push_back(std::move(fresh));
  recorded_.clear();
  destination_.clear();
  files_.clear();
  page_ids_.clear();
  markdown_new_.clear();
  markdown_taken_.clear();
  markdown_kept_.clear();
}

void BuildCache::RecordPageIds(std::vector<uint64_t> ids) {
  std::lock_guard<std::mutex> lock(mu_);
  page_ids_ = std::move(ids);
}

void BuildCache::Record(const std::string& key, CacheEntry entry) {
  std::lock_guard<std::mutex> lock(mu_);
  recorded_[key] = std::move(entry);
}

}  // namespace yhdessa
