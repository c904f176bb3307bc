// BuildCache: what the previous build rendered, so the next one can skip what did not change.
//
// One entry per cacheable render job (a page, a list page, an alias), keyed by the job's
// identity (kind + address): the pages its rendering read (by page number, with a table of
// each number's page identity, since numbers move when pages come and go), the fingerprint of
// everything it read, and the output files it produced with a stamp each. The stamp is the output
// sink's word that a file is still the one written then (on disk: inode, size and modification
// time), so a file changed or replaced since — by hand, or by a build with --no-cache — is rendered
// again instead of reused.
//
// It also lists every file of the build's output and the folder it went to (the
// manifest), so the next build can update that folder in place and delete the files it no
// longer makes.
//
// Encode()/Decode() give a compact binary form: a header with the format version and the
// generator version, the entries, and a checksum of all of it. Decode() rejects anything
// truncated, corrupt or from another version with an error, and the build then goes on
// without a cache: a bad cache costs time, never a wrong site. Record() is safe to call
// from several threads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/diagnostic.h"
#include "common/status.h"
#include "generator/cache/record_spool.h"
#include "generator/content/markdown.h"
#include "generator/core/movable_mutex.h"
#include "generator/data/value.h"
#include "generator/model/page_reads.h"

namespace yhdessa {

struct CachedOutput {
  std::string path;    // relative to the output root
  uint64_t stamp = 0;  // FileStamp; 0 until BuildCache::StampOutputs for a file written
};

struct CacheEntry {
  uint64_t fingerprint = 0;
  std::vector<CachedOutput> outputs;
  PageReads reads;  // the pages the job read when it was rendered (RenderCache)
};

/// One call to the link resolver while a body was rendered, with its answer.
struct LinkCall {
  std::string url;
  bool image = false;
  SourcePos pos;
  std::string result;
};

/// A page body's rendered Markdown (see MarkdownCache).
struct MarkdownEntry {
  RenderedMarkdown md;
  std::vector<LinkCall> links;
};

/// A body's HTML left in the Markdown log (TakeMarkdown with `lazy`) until a render needs
/// it: most pages of a warm build reuse their output file and never do.
struct LazyHtml {
  std::string_view bytes;  // in the log, not checked yet
  uint64_t hash = 0;       // HashBytes of the HTML as rendered (from the checked part)
  bool kept = true;        // false: the record holds no HTML (set_keep_html)
};

class BuildCache {
 public:
  BuildCache() = default;
  BuildCache(BuildCache&&) noexcept = default;
  BuildCache& operator=(BuildCache&&) noexcept = default;

  /// Reads a cache written by Encode(); its entries become the previous build's.
  static Result<BuildCache> Decode(std::string_view bytes);
  /// This build's recorded entries, for the next build.
  std::string Encode() const;
  /// The folder a cache written by Encode() describes, read past its entries without
  /// decoding them: a build that does not use the cache needs nothing else from it.
  static Result<std::string> DestinationOf(std::string_view bytes);

  /// The previous build's entry for `key`, or null.
  const CacheEntry* Previous(const std::string& key) const;
  /// Records what this build rendered (or reused) for `key`.
  void Record(const std::string& key, CacheEntry entry);
  /// Once this build's files are final: asks the output for the stamp of each file this
  /// build wrote (stamp 0 in its entry; a reused file keeps the stamp it was reused by),
  /// and drops the entries of files it has none for (they will be rendered next time).
  /// `stamp` is called from several threads (a `stat` each: 28 ms for 10 000 files on
  /// one core).
  void StampOutputs(const std::function<std::optional<uint64_t>(const std::string& path)>& stamp);
  size_t recorded_size() const { return recorded_.size(); }
  /// Records every file of this build's output and the folder it is in (an absolute path).
  void RecordFiles(std::string destination, std::vector<std::string> files);
  /// Files written into the previous build's output since (SitePatch's new pages): the next
  /// build deletes them too when it no longer makes them.
  void AddPreviousFiles(const std::vector<std::string>& files);
  /// The previous build's folder ("" when unknown) and every file it wrote there.
  const std::string& previous_destination() const { return previous_destination_; }
  const std::vector<std::string>& previous_files() const { return previous_files_; }
  size_t previous_size() const { return previous_.size(); }
  /// Each page's identity (RenderCache's PageId), by page number, for the page numbers in
  /// this build's entries; and the previous build's, for those in its entries.
  void RecordPageIds(std::vector<uint64_t> ids);
  const std::vector<uint64_t>& previous_page_ids() const { return previous_page_ids_; }

  /// The Markdown half, in its own file (markdown.bin): a log of records, each with its
  /// own checksum, so a build that rendered a few bodies appends them instead of writing
  /// the file again. A record whose length runs past the end (a crashed append) ends the
  /// log (the records before it still count), and DecodeMarkdown fails. DecodeMarkdown
  /// reads only the records' lengths and keys: a record's checksum is checked when a
  /// page takes it, its HTML's when it is read, and a damaged one is then as good as
  /// missing. `owner` keeps `bytes` alive (a mapped file); without one they are copied.
  Status DecodeMarkdown(std::string_view bytes, std::shared_ptr<const void> owner = nullptr);
  /// The whole log: the records this build used or rendered.
  std::string EncodeMarkdown() const;
  /// Takes the previous build's entry for `key` out of the cache, if there is one and its
  /// checksum holds (a damaged record is no entry, and the next save rewrites the log).
  /// With `lazy`, the entry's HTML is left out and `lazy` says where it is (LoadHtml);
  /// without, a record that holds no HTML is no entry (taken, not kept: its body is
  /// rendered and recorded again).
  std::optional<MarkdownEntry> TakeMarkdown(uint64_t key, LazyHtml* lazy = nullptr);
  /// The HTML `html` points at, or nullopt when the record holds none or it does not match
  /// its hash (a damaged log, then written anew by the next save). The log outlives the
  /// build.
  std::optional<std::string> LoadHtml(const LazyHtml& html);
  /// The entry taken for `key` (a body or a front matter) is still right: its record
  /// stays in the log.
  void KeepMarkdown(uint64_t key);
  /// Parsed front matter (see FrontMatterCache), in the same log as the bodies under keys
  /// of its own. Take, then KeepMarkdown or Record as for bodies.
  std::optional<Value> TakeFrontMatter(uint64_t key);
  /// False when `v` cannot be stored (nodes from another file).
  bool RecordFrontMatter(uint64_t key, const Value& v);
  /// Records this build's entry, rendered by cmark now.
  void RecordMarkdown(uint64_t key, const RenderedMarkdown& md, const std::vector<LinkCall>& links);
  /// Whether the records made from now on hold the body's HTML (by default they do not).
  /// Everything else a record holds (summary, headings, word count, link calls) lets a
  /// page whose job is reused, and the lists and checks that read it, skip cmark-gfm; the
  /// HTML is read only by a job rendered again, which is then given the body rendered
  /// again from its file instead (a few pages after an edit; every page after a template
  /// change, as a build without the cache). Kept, it was 3/4 of the log (96 of 124 MB on
  /// 10 000 pages), whose writing made a first build 13-20 % slower than a build without
  /// the cache (8 % now, docs/benchmarks.md "Session 19"). A build for `serve`
  /// (BuildOptions::session) keeps it: its records are in memory, and it renders from
  /// them after every change.
  void set_keep_html(bool keep) { keep_html_ = keep; }
  /// How markdown.bin is brought up to date: not at all (no body was rendered), by
  /// appending this build's new records, or by writing it anew (no usable file, or more
  /// than half of it is records no page uses any more).
  enum class MarkdownSave { kNone, kAppend, kRewrite };
  MarkdownSave markdown_save() const;
  /// Streams the log to `sink`: the new records only (`append`), or the whole file.
  /// False when the spool could not be read back (the log then lacks some new records).
  bool WriteMarkdown(bool append, const std::function<void(std::string_view)>& sink) const;
  /// From now on, records this build makes go to `spool` instead of staying in memory
  /// until the log is written (see RecordSpool). For a build that saves its cache to disk;
  /// not with CarryOver.
  void SetSpool(std::unique_ptr<RecordSpool> spool) { spool_ = std::move(spool); }
  /// The header the Markdown log starts with: a spool made with it as its head can
  /// become the log (SaveMarkdownAs).
  static std::string MarkdownLogHead();
  /// Writes the whole log (as WriteMarkdown(false)) as `file` by making the spool's file
  /// it, with the kept and in-memory records after the spooled ones (RecordSpool::SaveAs).
  /// False when it cannot (no spool, another head, an error): `file` is then as it was.
  /// The spool takes no more records afterwards.
  bool SaveMarkdownAs(const std::string& file) const;

  /// For a cache kept in memory from one build to the next (`serve`), instead of
  /// Encode/Decode: when this build's output was committed its entries (stamped) and its
  /// manifest (RecordFiles) become the previous build's; when it was not, the previous
  /// build's stay. The Markdown and front matter records all stay, old and new.
  void CarryOver(bool committed);

 private:
  std::map<std::string, CacheEntry> previous_;
  std::map<std::string, CacheEntry> recorded_;
  // Markdown records are views into the previous file's bytes (kept alive by the owners).
  std::vector<std::shared_ptr<const void>> markdown_owners_;
  std::unordered_map<uint64_t, std::string_view> markdown_previous_;
  std::unordered_map<uint64_t, std::string_view> markdown_taken_;
  std::unordered_map<uint64_t, std::string_view> markdown_kept_;
  std::unordered_map<uint64_t, std::string> markdown_new_;  // encoded records
  /// Takes the previous build's record for `key` out of the log (the whole record).
  std::optional<std::string_view> TakeRecord(uint64_t key);
  /// The previous log's records this build kept, but not those it made again.
  void WriteKept(const std::function<void(std::string_view)>& sink) const;
  /// Keeps a record this build made: in the spool when there is one, else in memory.
  void AddRecord(uint64_t key, std::string record);
  /// A record was found damaged when a page took it.
  void MarkDamaged();
  size_t markdown_file_size_ = 0;  // bytes of the log read, 0: none
  bool markdown_damaged_ = false;
  bool keep_html_ = false;
  std::string previous_destination_;
  std::vector<std::string> previous_files_;
  std::vector<uint64_t> previous_page_ids_;
  std::vector<uint64_t> page_ids_;
  std::string destination_;
  std::vector<std::string> files_;
  std::unique_ptr<RecordSpool> spool_;
  std::unordered_set<uint64_t> spooled_;  // keys of the records in the spool
  size_t spooled_bytes_ = 0;
  MovableMutex mu_;  // a cache is moved only before a build uses it
};

}  // namespace yhdessa
