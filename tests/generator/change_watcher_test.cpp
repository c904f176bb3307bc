// The serve loop's watchers, inotify and polling, against a real folder: every kind of
// change is seen once (bursts coalesced), nothing is seen when nothing changed, folders
// created after start are watched, hidden files and unwatched paths are ignored.
#include "generator/core/change_watcher.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "temp_folder.h"

using namespace yhdessa;
using yhdessa::testing::TempDir;
namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

void Put(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// Long enough for a loaded machine; the watcher returns as soon as it has settled.
constexpr milliseconds kSeen{5000};
// A change would have been reported well within this.
constexpr milliseconds kQuiet{300};

// What the watcher says changed: inotify names the files, polling cannot tell.
void CheckChanges(const ChangeWatcher& w, bool inotify, std::vector<std::string> files) {
  auto changes = w.Changes();
  if (!inotify) {
    CHECK_FALSE(changes);
    return;
  }
  REQUIRE(changes);
  CHECK(*changes == files);
}

}  // namespace

TEST_CASE("change watcher: sees every kind of change once, and nothing else") {
  bool inotify = GENERATE(true, false);
  fs::path root = TempDir(inotify ? "watch-inotify" : "watch-polling");
  fs::create_directories(root / "content" / "news");
  fs::create_directories(root / "public");
  Put(root / "site.yaml", "title: A\n");
  Put(root / "content" / "a.md", "a\n");
  WatchOptions options;
  options.poll_interval = milliseconds(20);
  std::unique_ptr<ChangeWatcher> w =
      inotify ? NewInotifyWatcher(root.string(), {"site.yaml", "content"}, options)
              : NewPollingWatcher(root.string(), {"site.yaml", "content"}, options);
  REQUIRE(w);
  CHECK(w->method() == std::string(inotify ? "inotify" : "polling"));
  CHECK_FALSE(w->WaitForChange(kQuiet));

  SECTION("a file is modified") {
    Put(root / "content" / "a.md", "changed\n");
    CHECK(w->WaitForChange(kSeen));
    CheckChanges(*w, inotify, {"content/a.md"});
  }
  SECTION("a file is created in a subfolder") {
    Put(root / "content" / "news" / "b.md", "b\n");
    CHECK(w->WaitForChange(kSeen));
    CheckChanges(*w, inotify, {"content/news/b.md"});
  }
  SECTION("a file is deleted") {
    fs::remove(root / "content" / "a.md");
    CHECK(w->WaitForChange(kSeen));
    CheckChanges(*w, inotify, {"content/a.md"});
  }
  SECTION("a file is renamed") {
    fs::rename(root / "content" / "a.md", root / "content" / "news" / "c.md");
    CHECK(w->WaitForChange(kSeen));
    CheckChanges(*w, inotify, {"content/a.md", "content/news/c.md"});
  }
  SECTION("site.yaml is saved the way editors do: temporary file, then rename") {
    Put(root / "site.yaml.tmp", "title: B\n");
    fs::rename(root / "site.yaml.tmp", root / "site.yaml");
    CHECK(w->WaitForChange(kSeen));
    CheckChanges(*w, inotify, {"site.yaml"});
  }
  SECTION("a new folder is watched, and so are the files later written in it") {
    fs::create_directories(root / "content" / "new" / "deeper");
    // An empty folder changes no page: inotify reports it, polling (files only) does not.
    CHECK(w->WaitForChange(kQuiet) == inotify);
    // A folder's files are not listed: what changed below it is not known.
    CHECK_FALSE(w->Changes());
    Put(root / "content" / "new" / "deeper" / "d.md", "d\n");
    CHECK(w->WaitForChange(kSeen));
    CheckChanges(*w, inotify, {"content/new/deeper/d.md"});
    Put(root / "content" / "new" / "deeper" / "d.md", "d, edited\n");
    CHECK(w->WaitForChange(kSeen));
  }
  SECTION("a burst of events is one change") {
    for (int i = 0; i < 20; ++i) Put(root / "content" / "a.md", std::string(i + 1, 'x'));
    Put(root / "content" / "news" / "b.md", "b\n");
    CHECK(w->WaitForChange(kSeen));
    CheckChanges(*w, inotify, {"content/a.md", "content/news/b.md"});
  }
  SECTION("hidden files (editor swap files) and unwatched folders are ignored") {
    Put(root / "content" / ".a.md.swp", "swap\n");
    Put(root / "public" / "index.html", "output\n");
    Put(root / "notes.txt", "not a source\n");
    CHECK_FALSE(w->WaitForChange(kQuiet));
  }
  // Whatever happened was reported once: nothing is left over for the next call.
  CHECK_FALSE(w->WaitForChange(kQuiet));
  fs::remove_all(root);
}

TEST_CASE("change watcher: NewChangeWatcher prefers inotify on Linux") {
  fs::path root = TempDir("watch-default");
  auto w = NewChangeWatcher(root.string(), {"content"});
  REQUIRE(w);
  CHECK(w->method() == std::string("inotify"));
  fs::create_directories(root / "content");  // a watched folder created after start
  CHECK(w->WaitForChange(kSeen));
  Put(root / "content" / "a.md", "a\n");
  CHECK(w->WaitForChange(kSeen));
  fs::remove_all(root);
}
