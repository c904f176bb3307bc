// The build pipeline: site sources in, site files out.
//
//   load config -> load theme -> read + parse content (parallel) -> assemble the model
//   -> render Markdown (parallel) -> check anchors -> render pages (parallel)
//   -> copy static files
//
// BuildSite reads only through FileSystem and writes only through OutputSink, so tests
// build whole sites in memory. Every phase reports into one DiagnosticList and the build
// goes on as far as it can, so one run shows all errors; nothing is written once an
// error is known before rendering. Timings per phase are returned for --verbose.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/diagnostic.h"
#include "generator/cache/build_cache.h"
#include "generator/core/file_system.h"
#include "generator/model/site.h"

namespace yhdessa {

class SourceCache;
class SourceIndex;
struct BuildSession;

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual Status Write(const std::string& path, std::string_view data) = 0;
  /// Copies `source` (a path in `fs`) to `path` in the output.
  virtual Status Copy(const FileSystem& fs, const std::string& source, const std::string& path) = 0;
  /// Puts the previous build's file at `path` into this output unchanged, when the sink
  /// still has it and it still carries `stamp` (see BuildCache). False: render it anew.
  virtual bool Reuse(const std::string& /*path*/, uint64_t /*stamp*/) { return false; }
  /// A hint, given once the site's pages are known: the folders (relative to the output
  /// root, in any order) that most files will go into. A sink may make them ahead, while
  /// the build is busy with Markdown; Write must work whether it did or not.
  virtual void PrepareFolders(std::vector<std::string> /*folders*/) {}
};

struct BuildOptions {
  BuildFilter filter;
  std::string base_url;  // overrides site.yaml's base_url when not empty
  /// Called now and then while files are rendered (done, total), from any thread; the
  /// command line shows it on a terminal. May be empty.
  std::function<void(size_t, size_t)> progress;
  /// Keep every page's source text after Markdown is rendered (checks read it); a plain
  /// build frees it, about a fifth of its memory.
  bool keep_sources = false;
  /// The process exits right after this build: the model and the renderer's views are
  /// left for the OS to free instead of being destroyed piece by piece on one thread (a
  /// few per cent of a large build's wall time). Only for `yhdessa build` outside the
  /// sanitizer builds, where it would be a leak.
  bool leave_model_to_exit = false;
  /// The build cache (generator/cache/): pages whose inputs did not change since the
  /// previous build are reused through OutputSink::Reuse instead of rendered. May be null.
  BuildCache* cache = nullptr;
  /// Parsed content files kept in memory between builds (`serve`): only files that changed
  /// since the previous build with this cache are read and parsed; those that are go
  /// through the build cache's front matter (FrontMatterCache). May be null.
  SourceCache* sources = nullptr;
  /// What the previous `yhdessa build` found in each content file (SourceIndex): a file
  /// whose version is unchanged is not read, its page made from the index and the build
  /// cache. Used only with `cache`, without `sources` and without keep_sources. May be null.
  SourceIndex* source_index = nullptr;
  /// Filled with what the build rendered from (the model, the renderer, the jobs' finger-
  /// prints) when it succeeds with `cache`, for SitePatch (`serve`); cleared otherwise.
  /// May be null.
  BuildSession* session = nullptr;
  /// Set by another thread to end the build early, with no error (BuildStats::stopped;
  /// what it wrote so far is to be discarded): `serve` stops the build that checks a patch
  /// when a new change arrives. The build looks at it between its phases, after each of its loops
  /// over the pages and jobs, and in those loops, which skip what is left once it is set; between
  /// those looks lie serial steps (the model, the render cache) of up to tens of
  /// milliseconds on 10 000 pages. May be null.
  const std::atomic<bool>* stop = nullptr;
};

struct BuildStats {
  size_t pages = 0;           // content pages (not lists)
  size_t sections = 0;        // sections and the home page
  size_t files = 0;           // every file written or copied
  size_t html_pages = 0;      // HTML pages of the site (content pages, lists, pagination)
  size_t pages_rendered = 0;  // of those, rendered by this build (the others reused from the cache)
  size_t bodies = 0;          // Markdown bodies
  size_t bodies_rendered = 0;       // of those, rendered by cmark-gfm (the others from the cache)
  size_t sources_parsed = 0;        // content files read and parsed (the others from SourceCache)
  size_t front_matters_parsed = 0;  // of those, YAML parsed (the others from FrontMatterCache)
  std::vector<std::string> partials_rendered_once;  // the same on every page of a language
  struct Phase {
    std::string name;
    double wall_ms = 0;
    double cpu_ms = 0;        // user + system time of all the process's threads in the phase
    double peak_rss_mib = 0;  // the process's peak resident memory so far, at the phase's end
  };
  std::vector<Phase> phases;
  /// The file work inside the phases: source files read (through the FileSystem) and
  /// output files written or copied, with the time the threads spent in those calls,
  /// summed over the threads (FileTime). Filled by a build that gets to its end.
  struct FileWork {
    size_t files = 0;
    double ms = 0;
  };
  FileWork reading;
  FileWork writing;
  /// BuildOptions::stop ended the build: what it made so far must not be committed.
  bool stopped = false;
};

/// Builds the site. When `model` is given, the assembled site (pages with their rendered
/// Markdown) is moved there for checks that need more than the output files.
BuildStats BuildSite(const FileSystem& fs, OutputSink& out, const BuildOptions& options,
                     DiagnosticList& diags, Site* model = nullptr);

}  // namespace yhdessa
