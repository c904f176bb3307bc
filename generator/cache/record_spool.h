// RecordSpool: where a build puts the cache records it makes, until the cache is saved.
//
// A first build with the cache on renders every Markdown body, and the encoded record of
// each (its HTML, headings and link calls: about the size of the page) waits for the end
// of the build to be written into markdown.bin. Kept in memory, those records were two
// thirds more peak memory than the build itself (10 000 pages: 400 MiB against 230 MiB).
// A spool takes each record as it is made and gives them all back, in order, when the
// log is written; when the log is written anew, the spool's file becomes the log.
// BuildCache uses one when it is given one; `serve`, which never writes its cache to
// disk, keeps its records in memory instead.
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
  /// Makes the spool's own file `file`, replacing it in one step: the spool's head, the
  /// records appended, then what `tail` writes. The records are not copied again (a
  /// first build spools about the size of its sources; copying them into the log was
  /// most of the time it took to save the cache). Only for a spool whose head is `head`.
  /// False when it cannot (another head, a write failed, no file that can be given a
  /// name): `file` is then as it was and the spool as before. After it, Append is false
  /// and Replay gives the records it gave before.
  using Sink = std::function<void(std::string_view)>;
  virtual bool SaveAs(const std::string& file, std::string_view head,
                      const std::function<void(const Sink&)>& tail) = 0;
};

/// A spool in an unnamed temporary file in `folder` (created if missing; not in the
/// folder's listing, so a crash leaves nothing behind), which starts with `head` (a log's
/// header: not replayed, kept by SaveAs). Null when it cannot be created (the cache then
/// keeps its records in memory, as without a spool).
std::unique_ptr<RecordSpool> NewFileSpool(const std::string& folder, std::string head = "");

}  // namespace yhdessa
