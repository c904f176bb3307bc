// SourceIndex: what the previous `yhdessa build` found in each content file, by the file's
// version, so a warm build does not read the files that did not change.
//
// A file's version is FileSystem::Version: size, modification and change times in
// nanoseconds and inode, from one stat (git trusts the same fields for its index). An
// edit, a checkout or a copy changes at least one of them, so a changed version means
// "read it again"; an unchanged one stands for an unchanged text. For such a file the
// index gives what ParsePage found in the text: where the front matter starts and the
// key of its parsed tree in the build cache (FrontMatterCache), where the body starts
// and its hash (the key of its rendered Markdown in MarkdownCache). The build makes the
// page from these (PageFromFrontMatter) and reads the body only if it must render it.
//
// Only files whose parse reported nothing are indexed (their messages must show on every
// build), and only bodies without directives (those are never taken from the cache).
// Anything missing later (a tree or a body no longer in the cache) means the file is read
// as if it were not indexed: the index costs time when it is wrong, never a wrong site.
//
// On disk: <site>/.yhdessa-cache/sources.bin, written by temp file + rename, with a format
// line and a checksum; an unreadable file is an empty index. Record() is safe to call
// from several threads.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.h"
#include "generator/core/movable_mutex.h"

namespace yhdessa {

struct SourceFacts {
  uint64_t version = 0;           // FileSystem::Version when it was read
  int front_matter_line = 0;      // 0: the file has none
  uint64_t front_matter_key = 0;  // FrontMatterCache::Key of its text
  uint64_t body_offset = 0;
  int body_line = 1;
  uint64_t body_hash = 0;  // HashBytes of the body
};

class SourceIndex {
 public:
  SourceIndex() = default;
  SourceIndex(SourceIndex&&) noexcept = default;
  SourceIndex& operator=(SourceIndex&&) noexcept = default;

  /// Reads an index written by Encode(); its entries become the previous build's.
  static Result<SourceIndex> Decode(std::string_view bytes);
  /// This build's entries.
  std::string Encode() const;

  /// The previous build's facts of `file` when its version is still `version`.
  const SourceFacts* Find(const std::string& file, uint64_t version) const;
  /// This build's facts of `file` (read now, or taken from Find).
  void Record(const std::string& file, const SourceFacts& facts);
  size_t recorded_size() const { return recorded_.size(); }
  /// Whether the previous build left no facts (a first build: every file is read).
  bool no_previous() const { return previous_.empty(); }

 private:
  std::unordered_map<std::string, SourceFacts> previous_;
  std::map<std::string, SourceFacts> recorded_;
  MovableMutex mu_;  // an index is moved only before a build uses it
};

/// The index in the cache folder `folder` (empty when missing or unreadable).
SourceIndex LoadSourceIndex(const std::string& folder);
Status SaveSourceIndex(const std::string& folder, const SourceIndex& index);

}  // namespace yhdessa
