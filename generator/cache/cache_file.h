// The build cache on disk: <site>/.yhdessa-cache/ (ignored by git through its own
// .gitignore), build.bin (rendered
// files) and markdown.bin (rendered bodies; large, so written only when it changed).
//
// LoadCacheFile never fails the build: a missing file is an empty cache; a truncated,
// corrupt or other-version file is an empty cache with a one-line note for the user.
// (markdown.bin's records are checked when a page uses them: one found damaged then is a
// missing record, rendered or parsed again, without a note.)
// SaveCacheFile writes a temporary file and renames it over the old one, so a crash
// leaves the old cache or the new one, never half of one. The caller removes the cache
// before it replaces the site and saves it after, so a cache never describes a site that
// is not the one on disk.
#pragma once

#include <string>

#include "common/status.h"
#include "generator/cache/build_cache.h"

namespace yhdessa {

/// "<source>/.yhdessa-cache".
std::string CacheFolder(const std::string& source);

/// Makes the cache folder `folder` when it is missing, with a `.gitignore` that ignores
/// all of it (as pytest's and ruff's caches do): a site's repository never takes the cache
/// in, whatever the site's own .gitignore says. Failures are left to the writes after it.
void MakeCacheFolder(const std::string& folder);

/// The cache in `folder`; `note` gets a one-line reason when one existed but is unusable.
BuildCache LoadCache(const std::string& folder, std::string& note);
Status SaveCache(const std::string& folder, const BuildCache& cache);
/// Removes the part that describes the output (build.bin).
void RemoveOutputCache(const std::string& folder);
/// Removes it only when it describes `destination` (an absolute path) or is unreadable: a
/// build without the cache replaces that site, and the other sites' caches stay valid.
void RemoveOutputCacheOf(const std::string& folder, const std::string& destination);

}  // namespace yhdessa
