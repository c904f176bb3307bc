// The serve loop's watchers, inotify and polling, against a real folder: every kind of
// change is seen once (bursts coalesced), nothing is seen when nothing changed, folders
// created after start are watched and their files named, hidden files and unwatched paths
// are ignored.
#include "generator/core/change_watcher.h"

#include <unistd.h>

#include <algorithm>
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
    // Polling sees files only; inotify names the folders (files may have come and gone in
    // them before they were watched).
    CHECK(w->WaitForChange(kQuiet) == inotify);
    if (inotify) CheckChanges(*w, inotify, {"content/new/", "content/new/deeper/"});
    Put(root / "content" / "new" / "deeper" / "d.md", "d\n");
    CHECK(w->WaitForChange(kSeen));
    CheckChanges(*w, inotify, {"content/new/deeper/d.md"});
    Put(root / "content" / "new" / "deeper" / "d.md", "d, edited\n");
    CHECK(w->WaitForChange(kSeen));
  }
  SECTION("a new folder's files are named, even those written before its watch") {
    // Made and written at once (a page bundle saved): the watch on the new folders comes
    // only when the first event is read, after some of the files are there.
    fs::create_directories(root / "content" / "new" / "deeper");
    Put(root / "content" / "new" / "index.md", "n\n");
    Put(root / "content" / "new" / "deeper" / "d.md", "d\n");
    Put(root / "content" / "new" / ".index.md.swp", "swap\n");
    CHECK(w->WaitForChange(kSeen));
    CheckChanges(
        *w, inotify,
        {"content/new/", "content/new/deeper/", "content/new/deeper/d.md", "content/new/index.md"});
  }
  SECTION("a folder made and emptied, or deleted, before the watcher looks is named") {
    // A build between the two could have made a page of the file (serve reads events only
    // between builds): the folder stands for whatever was below it.
    fs::create_directories(root / "content" / "new");
    Put(root / "content" / "new" / "p.md", "p\n");
    fs::remove(root / "content" / "new" / "p.md");
    fs::create_directories(root / "content" / "gone");
    Put(root / "content" / "gone" / "q.md", "q\n");
    fs::remove_all(root / "content" / "gone");
    CHECK(w->WaitForChange(kQuiet) == inotify);
    if (inotify) {
      REQUIRE(w->Changes());
      std::vector<std::string> changes = *w->Changes();
      CHECK(std::count(changes.begin(), changes.end(), "content/new/") == 1);
      CHECK(std::count(changes.begin(), changes.end(), "content/gone/") == 1);
    }
  }
  SECTION("a folder moved in names its files; one moved away is not known") {
    fs::create_directories(root / "elsewhere" / "x");
    Put(root / "elsewhere" / "x" / "a.md", "a\n");
    fs::rename(root / "elsewhere" / "x", root / "content" / "x");
    CHECK(w->WaitForChange(kSeen));
    CheckChanges(*w, inotify, {"content/x/", "content/x/a.md"});
    fs::rename(root / "content" / "x", root / "elsewhere" / "x");
    CHECK(w->WaitForChange(kSeen));
    CHECK_FALSE(w->Changes());  // its files left without events of their own
  }
  SECTION("a folder deleted with its files names the files") {
    Put(root / "content" / "news" / "b.md", "b\n");
    CHECK(w->WaitForChange(kSeen));
    fs::remove_all(root / "content" / "news");
    CHECK(w->WaitForChange(kSeen));
    CheckChanges(*w, inotify, {"content/news/", "content/news/b.md"});
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
  REQUIRE(w->Changes());
  CHECK(*w->Changes() == std::vector<std::string>{"content/"});
  Put(root / "content" / "a.md", "a\n");
  CHECK(w->WaitForChange(kSeen));
  REQUIRE(w->Changes());
  CHECK(*w->Changes() == std::vector<std::string>{"content/a.md"});
  fs::remove_all(root);
}
