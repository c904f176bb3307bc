// RecordSpool: where a build puts the cache records it makes, until the cache is saved.
//
// A first build with the cache on renders every Markdown body, and the encoded record of
// each (its HTML, headings and link calls: about the size of the page) waits for the end
// of the build to be written into markdown.bin. Kept in memory, those records were two
// thirds more peak memory than the build itself (10 000 pages: 400 MiB against 230 MiB).
// A spool takes each record as it is made and gives them all back, in order, when the
// log is written. BuildCache uses one when it is given one; `serve`, which never writes
// its cache to disk, keeps its records in memory instead.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace yhdessa {

class RecordSpool {
 public:
  virtual ~RecordSpool() = default;
  /// Keeps `record`. False when it could not (the cache then keeps it in memory).
  virtual bool Append(std::string_view record) = 0;
  /// Streams every record appended so far, in order. False on a read error.
  virtual bool Replay(const std::function<void(std::string_view)>& sink) const = 0;
};

/// A spool in an unnamed temporary file in `folder` (created if missing): it is removed
/// from the folder at once, so a crash leaves nothing behind. Null when it cannot be
/// created (the cache then keeps its records in memory, as without a spool).
std::unique_ptr<RecordSpool> NewFileSpool(const std::string& folder);

}  // namespace yhdessa
