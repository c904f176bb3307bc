// yhdessa: the command line of the static-site generator. Parses arguments, runs the
// build pipeline against the disk, prints diagnostics and the summary line.
#include <sys/resource.h>
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#ifdef YHDESSA_WITH_MIMALLOC
#include <mimalloc.h>
#endif

#include "generator/build.h"
#include "generator/cache/cache_file.h"
#include "generator/cache/record_spool.h"
#include "generator/cache/source_cache.h"
#include "generator/cache/source_index.h"
#include "generator/check/site_check.h"
#include "generator/core/change_watcher.h"
#include "generator/core/file_system.h"
#include "generator/http/external_links.h"
#include "generator/http/preview_server.h"
#include "generator/output/in_place_update.h"
#include "generator/output/output_directory.h"
#include "generator/patch/site_patch.h"

namespace {

constexpr int kExitOk = 0, kExitContent = 1, kExitUsage = 2;

const char* kUsage =
    "usage: yhdessa build [--source DIR] [--destination DIR] [--drafts] [--future] [--expired]\n"
    "                     [--base-url URL] [--no-cache] [--quiet] [--verbose]\n"
    "       yhdessa serve [same options] [--bind HOST] [--port N]\n"
    "       yhdessa check [--source DIR] [--external] [--format text|json]\n"
    "       yhdessa --help | --version\n";

struct Args {
  std::string command;
  std::string source = ".";
  std::string destination;  // default: <source>/public
  std::string base_url;
  std::string bind = "127.0.0.1";
  int port = 8080;
  bool drafts = false, future = false, expired = false, quiet = false, verbose = false;
  bool external = false;
  bool no_cache = false;  // the build cache is on unless --no-cache (see README)
  std::string format = "text";
};

// Collects a build in memory: `check` never touches public/.
class MemoryOutput : public yhdessa::OutputSink {
 public:
  yhdessa::Status Write(const std::string& path, std::string_view data) override {
    std::lock_guard<std::mutex> lock(mu_);
    files[path] = std::string(data);
    return yhdessa::Status::Ok();
  }
  yhdessa::Status Copy(const yhdessa::FileSystem&, const std::string&,
                       const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    files[path] = "";
    return yhdessa::Status::Ok();
  }
  std::map<std::string, std::string> files;

 private:
  std::mutex mu_;
};

class DiskOutput : public yhdessa::OutputSink {
 public:
  explicit DiskOutput(yhdessa::OutputFolder& dir) : dir_(dir) {}
  yhdessa::Status Write(const std::string& path, std::string_view data) override {
    return dir_.Write(path, data);
  }
  yhdessa::Status Copy(const yhdessa::FileSystem& fs, const std::string& source,
                       const std::string& path) override {
    std::string disk = fs.DiskPath(source);
    if (disk.empty()) {
      auto data = fs.ReadFile(source);
      if (!data.ok()) return data.status();
      return dir_.Write(path, *data);
    }
    return dir_.Copy(disk, path);
  }
  bool Reuse(const std::string& path, uint64_t stamp) override { return dir_.Reuse(path, stamp); }
  void PrepareFolders(std::vector<std::string> folders) override {
    dir_.PrepareFolders(std::move(folders));
  }

 private:
  yhdessa::OutputFolder& dir_;
};

// What `serve` keeps in memory from one build to the next, instead of the cache files
// `yhdessa build` loads and saves: a rebuild reads and parses only the sources that
// changed, renders only the pages whose inputs changed, and writes only the files whose
// content changed (in place, as a warm `build` does).
struct ServeState {
  yhdessa::BuildCache cache;
  yhdessa::SourceCache sources;
  /// The last good build's model, for edits that only change page texts (SitePatch).
  yhdessa::BuildSession session;
  /// The files changed since `session`'s build while the builds after it failed (a typo
  /// saved, then fixed): the site on disk is still that build's, so the fix is patched
  /// with them.
  std::set<std::string> unbuilt;
};

// Diagnostics to stderr and, formatted, to `*report` when given.
void Report(const yhdessa::FileSystem& fs, yhdessa::DiagnosticList& diags, std::string* report) {
  diags.FillSourceLines([&](const std::string& file) -> std::string_view {
    // Diagnostics are few; reading the file again keeps the pipeline free of this concern.
    static thread_local std::string text;
    auto t = fs.ReadFile(file);
    text = t.ok() ? *t : std::string();
    return text;
  });
  std::cerr << diags.Format();
  if (report) *report = diags.Format();
}

int Usage(const std::string& error) {
  if (!error.empty()) std::cerr << "yhdessa: " << error << "\n";
  std::cerr << kUsage;
  return kExitUsage;
}

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// The folder's absolute, normal name: the build cache remembers which folder it describes.
std::string AbsoluteFolder(const std::string& folder) {
  std::error_code ec;
  std::string path = std::filesystem::absolute(folder, ec).lexically_normal().string();
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// `serve`'s check of a patch: a build run as if the patch had declined, which writes only
// the files that differ from those on disk (in place), stopped between its phases when a
// new change arrives.
struct CheckRun {
  const std::atomic<bool>* stop = nullptr;  // set: a change arrived; the build ends unwritten
  bool stopped = false;                     // out: it did
  std::vector<std::string> changed;         // out: the files the build wrote anew or deleted
};

// Builds once; diagnostics go to stderr and, formatted, to `*report` when given. `serve`
// passes its in-memory caches (`serve`); `build` loads the cache from the source tree's
// cache folder and saves it after. Either way the output folder is updated in place when
// the cache describes it, and built beside it and swapped in otherwise.
// `keep_session`: serve keeps its session (SitePatch's model of the site on disk) when the
// build fails, and builds into a new one meanwhile. `check` (with `serve`): the build
// checks a patch (CheckRun), keeps the session unless it succeeds and prints no summary.
int Build(const Args& a, std::string& destination, std::string* report = nullptr,
          ServeState* serve = nullptr, bool keep_session = false, CheckRun* check = nullptr) {
  auto start = std::chrono::steady_clock::now();
  auto fs = yhdessa::NewDiskFileSystem(a.source);
  destination = a.destination.empty() ? a.source + "/public" : a.destination;
  yhdessa::BuildOptions options;
  options.filter = {a.drafts, a.future, a.expired, static_cast<int64_t>(std::time(nullptr))};
  options.base_url = a.base_url;
  if (check) {
    options.stop = check->stop;
    keep_session = true;
  }
  const bool quiet = a.quiet || check;  // a check prints its own line (CheckPatch)
#if !defined(__SANITIZE_ADDRESS__)
  options.leave_model_to_exit = report == nullptr;  // `yhdessa build`: the process ends here
#endif
  // Long builds show progress on a terminal; CI logs get only the summary line.
  bool tty = !quiet && isatty(STDERR_FILENO);
  std::mutex progress_mu;
  if (tty) {
    options.progress = [&](size_t done, size_t total) {
      std::lock_guard<std::mutex> lock(progress_mu);
      std::fprintf(stderr, "\r  rendering %zu/%zu", done, total);
      if (done == total) std::fprintf(stderr, "\r\033[K");
    };
  }
  std::map<std::string, double> cache_ms;  // the steps around BuildSite, for --verbose
  // The build cache: pages whose inputs are unchanged are kept from the previous site.
  std::string cache_dir = yhdessa::CacheFolder(a.source);
  std::optional<yhdessa::BuildCache> loaded;
  std::optional<yhdessa::SourceIndex> sources;  // with `loaded`: files not read again
  yhdessa::BuildCache* cache = nullptr;
  std::optional<yhdessa::BuildSession> next;  // the new session, while the old one is kept
  if (!a.no_cache && serve) {
    cache = &serve->cache;
    options.sources = &serve->sources;
    if (keep_session && serve->session.ready()) {
      next.emplace();
      options.session = &*next;
    } else {
      serve->session.Clear();  // freed before the build makes a new one
      options.session = &serve->session;
    }
  } else if (!a.no_cache) {
    std::string note;
    auto load_start = std::chrono::steady_clock::now();
    loaded = yhdessa::LoadCache(cache_dir, note);
    sources.emplace(yhdessa::LoadSourceIndex(cache_dir));
    options.source_index = &*sources;
    cache_ms["load cache"] = MillisecondsSince(load_start);
    if (!note.empty() && !quiet) std::cerr << note << "\n";
    // New records wait on disk, not in memory, until the cache is saved; when the log is
    // written anew (a first build), the spool's file becomes it.
    loaded->SetSpool(yhdessa::NewFileSpool(cache_dir, yhdessa::BuildCache::MarkdownLogHead()));
    cache = &*loaded;
  }
  options.cache = cache;
  // With the manifest of the site on disk, only changed files are written (in place);
  // otherwise (no cache, the first build of `serve`) the site is built beside it and
  // swapped in, so no file of an earlier site survives.
  std::string folder = AbsoluteFolder(destination);
  std::unique_ptr<yhdessa::OutputFolder> out;
  bool in_place = cache && cache->previous_destination() == folder;
  if (in_place) {
    auto update = yhdessa::InPlaceUpdate::Create(destination, cache->previous_files());
    if (update.ok()) out = std::move(*update);
    in_place = update.ok();
  }
  if (!out) {
    auto staging = yhdessa::OutputDirectory::Create(destination);
    if (!staging.ok()) {
      std::cerr << "error: " << staging.status().message() << "\n";
      if (report) *report = "error: " + staging.status().message() + "\n";
      return kExitContent;
    }
    if (cache) (*staging)->KeepStamps();  // stamped after the commit, from the writes
    out = std::move(*staging);
  }
  DiskOutput sink(*out);
  yhdessa::DiagnosticList diags;
  yhdessa::BuildStats stats = yhdessa::BuildSite(*fs, sink, options, diags);
  if (stats.stopped) {
    check->stopped = true;
    out->Abort();
    if (cache) cache->CarryOver(false);
    return kExitOk;
  }
  Report(*fs, diags, report);
  // The in-memory cache forgets this build's entries, the last good site's stay.
  // `touched`: the output may be partly the new site (a commit that failed half-way), so
  // no model describes it: the next change builds in full.
  auto failed = [&](bool touched) {
    out->Abort();
    if (serve && cache) cache->CarryOver(false);
    if (serve && (!next || touched)) serve->session.Clear();
    return kExitContent;
  };
  if (diags.has_errors()) {
    size_t n = diags.error_count();
    std::cerr << "yhdessa: build failed with " << n << (n == 1 ? " error" : " errors") << "; "
              << destination << (serve ? " stays as it was\n" : " was not changed\n");
    return failed(false);
  }
  // No cache file may describe a site other than the one on disk: drop the old one before
  // the site changes (with --no-cache and in `serve` too), save the new one (with the
  // files' stamps) after.
  if (loaded) {
    yhdessa::RemoveOutputCache(cache_dir);
  } else {
    yhdessa::RemoveOutputCacheOf(cache_dir, folder);
  }
  auto commit_start = std::chrono::steady_clock::now();
  yhdessa::Status s = out->Commit();
  cache_ms["commit"] = MillisecondsSince(commit_start);
  if (!s.ok()) {
    std::cerr << "error: " << s.message() << "\n";
    if (report) *report += "error: " + s.message() + "\n";
    return failed(true);
  }
  if (cache) {
    auto stamp_start = std::chrono::steady_clock::now();
    cache->StampOutputs([&](const std::string& path) { return out->Stamp(path); });
    cache_ms["stamp outputs"] = MillisecondsSince(stamp_start);
    auto files_start = std::chrono::steady_clock::now();
    cache->RecordFiles(folder, out->Files());
    cache_ms["record files"] = MillisecondsSince(files_start);
  }
  if (serve && cache) cache->CarryOver(true);
  if (next) std::swap(serve->session, *next);  // the old one is freed on the way out
  if (check && in_place) check->changed = static_cast<yhdessa::InPlaceUpdate&>(*out).changed();
  if (loaded) {
    auto save_start = std::chrono::steady_clock::now();
    yhdessa::Status saved = yhdessa::SaveCache(cache_dir, *loaded);
    if (saved.ok()) saved = yhdessa::SaveSourceIndex(cache_dir, *sources);
    cache_ms["save cache"] = MillisecondsSince(save_start);
    if (!saved.ok() && !quiet)
      std::cerr << "note: " << saved.message() << "; the next build renders everything\n";
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  if (a.verbose) {
    for (const auto& phase : stats.phases) {
      std::fprintf(stderr, "  %-16s %8.1f ms  (CPU %.1f ms, peak memory %.0f MiB)\n",
                   phase.name.c_str(), phase.wall_ms, phase.cpu_ms, phase.peak_rss_mib);
    }
    // The file work inside those phases, summed over the threads that did it.
    for (const auto& [name, work] :
         {std::pair{"reading files", stats.reading}, std::pair{"writing files", stats.writing}}) {
      std::fprintf(stderr, "  %-16s %8.1f ms  (%zu files; the threads' time summed)\n", name,
                   work.ms, work.files);
    }
    for (const char* name :
         {"load cache", "commit", "stamp outputs", "record files", "save cache"}) {
      if (cache_ms.count(name)) std::fprintf(stderr, "  %-16s %8.1f ms\n", name, cache_ms[name]);
    }
    std::fprintf(stderr, "  rendered %zu of %zu pages, %zu of %zu Markdown bodies%s\n",
                 stats.pages_rendered, stats.html_pages, stats.bodies_rendered, stats.bodies,
                 cache ? "" : " (no cache)");
    if (!stats.partials_rendered_once.empty()) {
      std::string names;
      for (const auto& n : stats.partials_rendered_once) names += (names.empty() ? "" : ", ") + n;
      std::fprintf(stderr, "  partials rendered once per language: %s\n", names.c_str());
    }
    if (cache) {
      std::fprintf(stderr,
                   "  parsed %zu sources, front matter of %zu (the others from the cache)\n",
                   stats.sources_parsed, stats.front_matters_parsed);
    }
    if (in_place) {
      auto& update = static_cast<const yhdessa::InPlaceUpdate&>(*out);
      std::fprintf(stderr, "  updated in place: %zu files written, %zu deleted\n",
                   update.replaced(), update.deleted());
    }
  }
  if (!quiet) {
    std::printf("yhdessa: %zu pages, %zu sections, %zu files in %lld ms -> %s\n", stats.pages,
                stats.sections, stats.files, static_cast<long long>(ms), destination.c_str());
    std::fflush(stdout);
  }
  return kExitOk;
}

// `serve`'s fast path: applies `changes` to the kept model when they only change page
// texts (SitePatch) and writes the files that change in place. False: build in full.
// `reported`: set when the patch declined because of what a build reports in the
// change's files (PatchResult::reported).
bool Patch(const Args& a, const std::string& destination, ServeState& state,
           const std::vector<std::string>& changes, bool* reported) {
  if (!state.session.ready()) return false;
  auto start = std::chrono::steady_clock::now();
  auto fs = yhdessa::NewDiskFileSystem(a.source);
  // No previous files: the commit deletes only a deleted page's files (AddStale below); it
  // replaces what was written.
  auto update = yhdessa::InPlaceUpdate::Create(destination, {});
  if (!update.ok()) return false;
  DiskOutput sink(**update);
  yhdessa::DiagnosticList diags;
  yhdessa::PatchResult r =
      yhdessa::PatchSite(state.session, *fs, changes, std::time(nullptr), sink, diags);
  if (r.outcome != yhdessa::PatchResult::kPatched) {
    *reported = r.reported;
    (*update)->Abort();
    if (a.verbose) std::fprintf(stderr, "  full rebuild: %s\n", r.reason.c_str());
    return false;
  }
  (*update)->AddStale(r.removed);
  yhdessa::Status s = (*update)->Commit();
  if (!s.ok()) {
    state.session.Clear();
    if (a.verbose) std::fprintf(stderr, "  full rebuild: %s\n", s.message().c_str());
    return false;
  }
  // The files written, a new page's among them: the next build deletes those it no longer makes.
  state.cache.AddPreviousFiles(r.written);
  if (a.verbose) {
    std::fprintf(stderr,
                 "  patched %zu page text%s: %zu jobs rendered, %zu files written, %zu deleted\n",
                 r.pages, r.pages == 1 ? "" : "s", r.jobs, r.written.size(), r.removed.size());
  }
  if (!a.quiet) {
    std::printf("yhdessa: patched %zu page%s (%zu file%s) in %.0f ms -> %s\n", r.pages,
                r.pages == 1 ? "" : "s", r.written.size(), r.written.size() == 1 ? "" : "s",
                MillisecondsSince(start), destination.c_str());
    std::fflush(stdout);
  }
  return true;
}

int Check(const Args& a) {
  auto fs = yhdessa::NewDiskFileSystem(a.source);
  yhdessa::BuildOptions options;
  options.filter = {false, false, false, static_cast<int64_t>(std::time(nullptr))};
  options.keep_sources = true;  // readability and translation hashes read the sources
  MemoryOutput out;
  yhdessa::DiagnosticList diags;
  yhdessa::Site site;
  yhdessa::BuildSite(*fs, out, options, diags, &site);
  yhdessa::CheckReport report;
  yhdessa::AddBuildFindings(diags, report);
  yhdessa::CheckSite(site, out.files, report);
  if (a.external) yhdessa::CheckExternalLinks(site, report);
  std::cout << (a.format == "json" ? yhdessa::FormatFindingsJson(report)
                                   : yhdessa::FormatFindingsText(report));
  return report.has_errors() ? kExitContent : kExitOk;
}

// User + system time of the whole process so far.
double CpuMilliseconds() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
  return ms(u.ru_utime) + ms(u.ru_stime);
}

std::atomic<bool> g_stop{false};
void OnSignal(int) {
  g_stop = true;
}

// How long the sources stay unchanged after a patch before serve checks it with a build:
// longer than the pause between two quick saves, so the check seldom has to stop.
constexpr std::chrono::milliseconds kCheckDelay{1000};

// `serve` checks each patch with a build, as if the patch had declined, once the sources
// have been quiet for kCheckDelay. The patch (SitePatch) renders what it can tell the
// change touches; the build renders what the build cache says changed and writes, in
// place, only files whose bytes differ from those on disk: after a right patch, none. So
// whatever a patch missed, and anything else that made the site on disk differ from a
// build (a file in it changed by hand), is put right within about a second and named in
// the terminal, and the next patch starts from the build's model, not the patch's.
// While the build runs, a thread waits for the next change and stops it (BuildOptions::
// stop) when one comes: a save waits for the check to stop (10-30 ms on 10 000 pages, at
// most about 70), not for the build.
// True: it stopped, and the change it saw (taken from the watcher) waits.
bool CheckPatch(const Args& a, std::string& destination, ServeState& state,
                yhdessa::ChangeWatcher& watcher, yhdessa::PreviewServer& server) {
  auto start = std::chrono::steady_clock::now();
  if (a.verbose) std::fprintf(stderr, "  checking the patched site with a build:\n");
  std::atomic<bool> stop{false}, done{false};
  std::chrono::steady_clock::time_point stopped_at;  // written before `stop`, read after the join
  // The watcher is this thread's alone until it is joined (ChangeWatcher is not thread-safe).
  std::thread watch([&] {
    while (!done.load()) {
      bool change = watcher.WaitForChange(std::chrono::milliseconds(20));
      if (change || g_stop.load()) {  // Ctrl+C stops the check too
        stopped_at = std::chrono::steady_clock::now();
        stop = true;
        return;
      }
    }
  });
  CheckRun check;
  check.stop = &stop;
  std::string report;
  int rc = Build(a, destination, &report, &state, true, &check);
  done = true;
  watch.join();
  // A change that came after the build's last look waits too. The build may have read it
  // (saved after the check began, before it read the file): what it wrote or reported may
  // be the change's doing, not the patch's, so it is not reported; the change is handled
  // next (patched against the check's model, or built) and shows what it does.
  bool waiting = stop.load() && !g_stop.load();
  if (stop.load()) {
    if (a.verbose) {
      std::fprintf(stderr, "  check %s: a new change (%.1f ms to stop)\n",
                   check.stopped ? "stopped" : "overtaken", MillisecondsSince(stopped_at));
    }
    if (!check.stopped && rc == kExitOk && !check.changed.empty()) server.NotifyReload();
    return waiting;
  }
  if (rc != kExitOk) {
    // The build reports errors the patch did not see: the site is shown with them, as if
    // the change had been built, and the next change builds in full.
    state.session.Clear();
    std::fprintf(stderr, "yhdessa: the build that checks the patch failed (errors above)\n");
    server.NotifyError(report);
    return false;
  }
  if (!check.changed.empty()) {
    std::string names;
    for (size_t i = 0; i < check.changed.size() && i < 5; ++i)
      names += (i ? ", " : "") + check.changed[i];
    if (check.changed.size() > 5) names += ", ...";
    std::fprintf(stderr,
                 "yhdessa: a build after the patch changed %zu file%s that differed from it "
                 "(%s); the site is the build's now\n",
                 check.changed.size(), check.changed.size() == 1 ? "" : "s", names.c_str());
    server.NotifyReload();
  } else if (a.verbose) {
    std::fprintf(stderr, "  checked: the patched site is the build's (%.0f ms)\n",
                 MillisecondsSince(start));
  }
  return false;
}

// Builds, serves, watches the sources and rebuilds on every change; open tabs reload (or
// show the errors over the last good version) after each rebuild.
int Serve(const Args& a) {
  std::string destination = a.destination.empty() ? a.source + "/public" : a.destination, report;
  ServeState state;
  // Watching starts before the first build, so a save during it is not missed.
  auto watcher =
      yhdessa::NewChangeWatcher(a.source, {"site.yaml", "content", "data", "static", "themes"});
  // A broken first build still serves, with the errors shown.
  bool first_ok = Build(a, destination, &report, &state) == kExitOk;
  yhdessa::PreviewServer server;
  yhdessa::Status s = server.Start(destination, a.bind, a.port);
  if (!s.ok()) {
    std::cerr << "error: " << s.message() << "\n";
    return kExitContent;
  }
  if (!first_ok) server.NotifyError(report);
  std::printf(
      "yhdessa: serving %s on http://%s:%d/ (drafts and future pages shown; watching with %s; "
      "Ctrl+C stops)\n",
      destination.c_str(), a.bind.c_str(), server.port(), watcher->method());
  std::fflush(stdout);
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  // After a patch: when to check it (CheckPatch). `waiting`: a change came during the check.
  std::optional<std::chrono::steady_clock::time_point> check_at;
  bool waiting = false;
  while (!g_stop) {
    if (!waiting) {
      auto wait = std::chrono::milliseconds(200);
      if (check_at) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            *check_at - std::chrono::steady_clock::now());
        wait = std::clamp(left, std::chrono::milliseconds(0), wait);
      }
      if (!watcher->WaitForChange(wait)) {
        if (check_at && std::chrono::steady_clock::now() >= *check_at) {
          check_at.reset();
          waiting = CheckPatch(a, destination, state, *watcher, server);
        }
        continue;
      }
    }
    waiting = false;
    auto start = std::chrono::steady_clock::now();
    double cpu_start = CpuMilliseconds();
    // What changed since the kept session's build: this change and those of the builds
    // that failed after it. Unknown (a folder moved, events lost): nothing is kept.
    std::optional<std::vector<std::string>> changes;
    if (auto now = watcher->Changes()) {
      state.unbuilt.insert(now->begin(), now->end());
      changes.emplace(state.unbuilt.begin(), state.unbuilt.end());
    }
    // The old model is kept through the build (beside the new one, in memory) only when the
    // patch found what makes the build likely to fail: the fix can then be patched.
    bool reported = false;
    bool patched = changes && Patch(a, destination, state, *changes, &reported);
    int rc =
        patched ? kExitOk : Build(a, destination, &report, &state, changes.has_value() && reported);
    if (patched) {
      check_at = std::chrono::steady_clock::now() + kCheckDelay;
    } else {
      check_at.reset();  // a build's site needs no check
    }
    if (rc == kExitOk || !state.session.ready()) state.unbuilt.clear();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    if (rc == kExitOk) {
      server.NotifyReload();
    } else {
      server.NotifyError(report);
    }
    // CPU time as well: on a busy machine the wall time says more about the neighbours.
    std::fprintf(stderr, "yhdessa: rebuilt in %lld ms (CPU %.0f ms)\n", static_cast<long long>(ms),
                 CpuMilliseconds() - cpu_start);
  }
  server.Stop();
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef YHDESSA_WITH_MIMALLOC
  // 2 MiB pages (transparent huge pages, asked for with madvise) for the heap: a
  // 10 000-page build touches 220 MiB, one fault per 4 KiB page (53 000 faults). With
  // this 23 000 faults, 2-3 % less CPU and wall, 7 MiB more memory (docs/benchmarks.md,
  // session 10). Set before the build allocates much.
  mi_option_enable(mi_option_large_os_pages);
  // And from the first segment of each thread on: by default mimalloc commits a thread's
  // first segment lazily, 4 KiB page by page (for programs with many small threads); here
  // that was two thirds of the page faults (23 000 -> 7 600) and 4 % of the CPU.
  mi_option_set(mi_option_eager_commit_delay, 0);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return Usage("missing command");
  Args a;
  a.command = args[0];
  if (a.command == "--help" || a.command == "-h" || a.command == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (a.command == "--version") {
    std::cout << "yhdessa 0.1.0\n";
    return kExitOk;
  }
  if (a.command != "build" && a.command != "serve" && a.command != "check") {
    return Usage("unknown command '" + a.command + "'");
  }
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& f = args[i];
    auto value = [&](std::string& dst) -> bool {
      if (i + 1 >= args.size()) return false;
      dst = args[++i];
      return true;
    };
    std::string port;
    if (f == "--source" || f == "-s") {
      if (!value(a.source)) return Usage(f + " needs a folder");
    } else if (f == "--destination" || f == "-d") {
      if (!value(a.destination)) return Usage(f + " needs a folder");
    } else if (f == "--base-url") {
      if (!value(a.base_url)) return Usage(f + " needs a URL");
    } else if (f == "--bind" && a.command == "serve") {
      if (!value(a.bind)) return Usage(f + " needs a host");
    } else if (f == "--port" && a.command == "serve") {
      if (!value(port)) return Usage(f + " needs a number");
      char* end = nullptr;
      long p = std::strtol(port.c_str(), &end, 10);
      if (*end || p < 0 || p > 65535) return Usage("--port must be 0-65535 (0: any free port)");
      a.port = static_cast<int>(p);
    } else if (f == "--external" && a.command == "check") {
      a.external = true;
    } else if (f == "--format" && a.command == "check") {
      if (!value(a.format) || (a.format != "text" && a.format != "json"))
        return Usage("--format is text or json");
    } else if (f == "--drafts") {
      a.drafts = true;
    } else if (f == "--future") {
      a.future = true;
    } else if (f == "--expired") {
      a.expired = true;
    } else if (f == "--cache" && a.command != "check") {
      a.no_cache = false;
    } else if (f == "--no-cache" && a.command != "check") {
      a.no_cache = true;
    } else if (f == "--quiet" || f == "-q") {
      a.quiet = true;
    } else if (f == "--verbose" || f == "-v") {
      a.verbose = true;
    } else {
      return Usage("unknown option '" + f + "'");
    }
  }
  if (a.command == "serve") {
    // Previews show drafts and future pages, as `hugo server -D` does.
    a.drafts = a.future = true;
    if (a.base_url.empty()) a.base_url = "http://" + a.bind + ":" + std::to_string(a.port) + "/";
  }
  if (a.command == "check") return Check(a);
  std::string destination;
  if (a.command == "build") return Build(a, destination);
  return Serve(a);
}
