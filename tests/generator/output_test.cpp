#include "generator/output/output_directory.h"

#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "generator/output/in_place_update.h"
#include "temp_folder.h"

using namespace yhdessa;
using namespace yhdessa::testing;
namespace fs = std::filesystem;

namespace {

ino_t Inode(const fs::path& p) {
  struct stat st;
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_ino;
}

std::unique_ptr<InPlaceUpdate> Update(const fs::path& site, std::vector<std::string> files) {
  auto update = InPlaceUpdate::Create(site.string(), std::move(files));
  REQUIRE(update.ok());
  return std::move(*update);
}

}  // namespace

TEST_CASE("output: commit swaps in the new site and leaves no stale files") {
  fs::path root = TempDir("commit");
  fs::path pub = root / "public";
  fs::create_directories(pub / "old");
  std::ofstream(pub / "old" / "stale.html") << "stale";
  auto out = OutputDirectory::Create(pub.string());
  REQUIRE(out.ok());
  REQUIRE((*out)->Write("a/index.html", "uusi").ok());
  CHECK((*out)->Write("a/index.html", "twice").code() == StatusCode::kAlreadyExists);
  CHECK(Slurp(pub / "old" / "stale.html") == "stale");  // untouched until commit
  REQUIRE((*out)->Commit().ok());
  CHECK(Slurp(pub / "a" / "index.html") == "uusi");
  CHECK_FALSE(fs::exists(pub / "old"));
  CHECK(std::distance(fs::directory_iterator(root), fs::directory_iterator()) ==
        1);  // no staging left
  fs::remove_all(root);
}

TEST_CASE(
    "output: the stamps of written files are taken as they are written, and hold after commit") {
  fs::path root = TempDir("stamps");
  fs::path pub = root / "public";
  fs::create_directories(pub);
  std::ofstream(pub / "vanha.html") << "vanha";
  auto out = OutputDirectory::Create(pub.string());
  REQUIRE(out.ok());
  (*out)->KeepStamps();
  REQUIRE((*out)->Write("a/index.html", "uusi").ok());
  REQUIRE((*out)->Write("b.html", "toinen").ok());
  // Before the commit, a file the build did not write is the destination's.
  CHECK((*out)->Stamp("vanha.html") == FileStamp((pub / "vanha.html").string()));
  REQUIRE((*out)->Commit().ok());
  for (const char* path : {"a/index.html", "b.html"}) {
    INFO(path);
    std::optional<uint64_t> kept = (*out)->Stamp(path);
    REQUIRE(kept);
    CHECK(kept == FileStamp((pub / path).string()));
  }
  // A file changed after it was written no longer carries the stamp taken then.
  std::ofstream(pub / "b.html", std::ios::app) << " muutettu";
  CHECK((*out)->Stamp("b.html") != FileStamp((pub / "b.html").string()));
  fs::remove_all(root);
}

TEST_CASE("output: abort leaves the previous site exactly as it was") {
  fs::path root = TempDir("abort");
  fs::path pub = root / "public";
  fs::create_directories(pub);
  std::ofstream(pub / "index.html") << "vanha";
  {
    auto out = OutputDirectory::Create(pub.string());
    REQUIRE(out.ok());
    REQUIRE((*out)->Write("index.html", "uusi").ok());
    (*out)->Abort();
  }
  {
    auto out = OutputDirectory::Create(pub.string());
    REQUIRE(out.ok());
    REQUIRE((*out)->Write("index.html", "uusi").ok());
    // destroyed without Commit(): same as Abort()
  }
  CHECK(Slurp(pub / "index.html") == "vanha");
  CHECK(std::distance(fs::directory_iterator(root), fs::directory_iterator()) == 1);
  fs::remove_all(root);
}

TEST_CASE("output: folders made ahead (PrepareFolders) while files are written") {
  fs::path root = TempDir("prepare");
  fs::path pub = root / "public";
  std::vector<std::string> folders;
  for (int i = 0; i < 2000; ++i)
    folders.push_back("osio-" + std::to_string(i % 7) + "/sivu-" + std::to_string(i));
  folders.push_back("../ulos");  // never outside the output folder
  folders.push_back("");
  {
    auto out = OutputDirectory::Create(pub.string());
    REQUIRE(out.ok());
    (*out)->PrepareFolders(folders);
    // Written while the folders are being made, in another order: every write succeeds.
    for (int i = 1999; i >= 0; --i) {
      std::string path =
          "osio-" + std::to_string(i % 7) + "/sivu-" + std::to_string(i) + "/index.html";
      REQUIRE((*out)->Write(path, std::to_string(i)).ok());
    }
    REQUIRE((*out)->Commit().ok());
  }
  CHECK(Slurp(pub / "osio-6" / "sivu-1000" / "index.html") == "1000");
  CHECK_FALSE(fs::exists(root / "ulos"));
  // Aborted while the folders are being made: nothing is left behind.
  {
    auto out = OutputDirectory::Create(pub.string());
    REQUIRE(out.ok());
    (*out)->PrepareFolders(folders);
    (*out)->Abort();
  }
  CHECK(std::distance(fs::directory_iterator(root), fs::directory_iterator()) == 1);
  CHECK(Slurp(pub / "osio-6" / "sivu-1000" / "index.html") == "1000");
  // Dropped without Commit or Abort: the same.
  {
    auto out = OutputDirectory::Create(pub.string());
    REQUIRE(out.ok());
    (*out)->PrepareFolders(folders);
  }
  CHECK(std::distance(fs::directory_iterator(root), fs::directory_iterator()) == 1);
  fs::remove_all(root);
}

TEST_CASE("output: refuses paths outside the output folder") {
  fs::path root = TempDir("escape");
  auto out = OutputDirectory::Create((root / "public").string());
  REQUIRE(out.ok());
  CHECK_FALSE((*out)->Write("../evil.html", "x").ok());
  CHECK_FALSE((*out)->Write("/etc/evil", "x").ok());
  fs::remove_all(root);
}

TEST_CASE("output: a staging folder left by a crashed build is removed by the next one") {
  fs::path root = TempDir("stale");
  fs::path stale = root / ".public.staging-999999999";  // no such process
  fs::create_directories(stale / "x");
  auto out = OutputDirectory::Create((root / "public").string());
  REQUIRE(out.ok());
  CHECK_FALSE(fs::exists(stale));
  REQUIRE((*out)->Commit().ok());
  fs::remove_all(root);
}

TEST_CASE("output in place: only changed files are replaced, at commit, stale files go") {
  fs::path root = TempDir("inplace");
  fs::path pub = root / "public";
  fs::create_directories(pub / "a");
  fs::create_directories(pub / "old" / "deep");
  std::ofstream(pub / "a" / "index.html") << "sama";
  std::ofstream(pub / "b.html") << "vanha";
  std::ofstream(pub / "old" / "deep" / "index.html") << "stale";
  std::ofstream(pub / "hand-made.txt") << "not ours";  // not in the previous build: kept
  auto stamp_a = FileStamp((pub / "a" / "index.html").string());
  auto out = InPlaceUpdate::Create(pub.string(), {"a/index.html", "b.html", "old/deep/index.html"});
  REQUIRE(out.ok());
  REQUIRE((*out)->Write("a/index.html", "sama").ok());
  REQUIRE((*out)->Write("b.html", "uusi").ok());
  REQUIRE((*out)->Write("c/d/index.html", "uusi sivu").ok());
  CHECK((*out)->Write("b.html", "twice").code() == StatusCode::kAlreadyExists);
  CHECK_FALSE((*out)->Write("../evil.html", "x").ok());
  CHECK(Slurp(pub / "b.html") == "vanha");  // untouched until commit
  CHECK_FALSE(fs::exists(pub / "c"));
  REQUIRE((*out)->Commit().ok());
  CHECK((*out)->replaced() == 2);
  CHECK((*out)->deleted() == 1);
  // Their names, deleted first (serve names the files its check of a patch put right).
  auto changed = (*out)->changed();
  REQUIRE(changed.size() == 3);
  CHECK(changed[0] == "old/deep/index.html");
  std::sort(changed.begin() + 1, changed.end());
  CHECK(changed[1] == "b.html");
  CHECK(changed[2] == "c/d/index.html");
  CHECK(Slurp(pub / "b.html") == "uusi");
  CHECK(Slurp(pub / "c" / "d" / "index.html") == "uusi sivu");
  CHECK(FileStamp((pub / "a" / "index.html").string()) == stamp_a);  // same bytes: not rewritten
  CHECK_FALSE(fs::exists(pub / "old"));                              // emptied folders go too
  CHECK(Slurp(pub / "hand-made.txt") == "not ours");
  auto files = (*out)->Files();
  std::sort(files.begin(), files.end());
  CHECK(files == std::vector<std::string>{"a/index.html", "b.html", "c/d/index.html"});
  CHECK(std::distance(fs::directory_iterator(root), fs::directory_iterator()) == 1);
  fs::remove_all(root);
}

TEST_CASE("output in place: abort leaves the destination exactly as it was") {
  fs::path root = TempDir("inplace-abort");
  fs::path pub = root / "public";
  fs::create_directories(pub / "old");
  std::ofstream(pub / "index.html") << "vanha";
  std::ofstream(pub / "old" / "index.html") << "stale";
  {
    auto out = InPlaceUpdate::Create(pub.string(), {"index.html", "old/index.html"});
    REQUIRE(out.ok());
    REQUIRE((*out)->Write("index.html", "uusi").ok());
    REQUIRE((*out)->Write("new/index.html", "uusi").ok());
    // destroyed without Commit(): same as Abort()
  }
  CHECK(Slurp(pub / "index.html") == "vanha");
  CHECK(Slurp(pub / "old" / "index.html") == "stale");
  CHECK_FALSE(fs::exists(pub / "new"));
  CHECK(std::distance(fs::directory_iterator(root), fs::directory_iterator()) == 1);
  fs::remove_all(root);
}

TEST_CASE("output in place: a file is reused only while it carries its stamp") {
  fs::path root = TempDir("inplace-reuse");
  fs::path pub = root / "public";
  fs::create_directories(pub);
  std::ofstream(pub / "a.html") << "alkuperäinen";
  std::ofstream(pub / "b.html") << "alkuperäinen";
  uint64_t a = *FileStamp((pub / "a.html").string());
  uint64_t b = *FileStamp((pub / "b.html").string());
  std::ofstream(pub / "b.html") << "käsin muokattu";  // edited by hand since
  auto out = InPlaceUpdate::Create(pub.string(), {"a.html", "b.html"});
  REQUIRE(out.ok());
  CHECK((*out)->Reuse("a.html", a));
  CHECK_FALSE((*out)->Reuse("b.html", b));
  CHECK_FALSE((*out)->Reuse("missing.html", a));
  REQUIRE((*out)->Write("b.html", "alkuperäinen").ok());
  REQUIRE((*out)->Commit().ok());
  CHECK(Slurp(pub / "b.html") == "alkuperäinen");
  CHECK((*out)->deleted() == 0);
  fs::remove_all(root);
}

TEST_CASE("output in place: needs an existing folder") {
  fs::path root = TempDir("inplace-missing");
  CHECK_FALSE(InPlaceUpdate::Create((root / "public").string(), {}).ok());
  fs::remove_all(root);
}

// A sequence of builds into one output folder, as `serve` (and `build` with its cache)
// makes them: the first swaps in a clean folder, later ones update it in place.
TEST_CASE("output rebuilds: first build swaps, later builds change only what changed") {
  fs::path root = TempDir("output-rebuilds");
  fs::path site = root / "public";
  fs::create_directories(site / "old");
  std::ofstream(site / "old" / "stale.html") << "from an earlier site";
  std::ofstream(root / "logo.svg") << "<svg/>";

  auto first = OutputDirectory::Create(site.string());
  REQUIRE(first.ok());
  OutputFolder& out = **first;
  REQUIRE(out.Write("index.html", "home v1").ok());
  REQUIRE(out.Write("a/index.html", "a v1").ok());
  REQUIRE(out.Write("b/c/index.html", "c v1").ok());
  REQUIRE(out.Copy((root / "logo.svg").string(), "logo.svg").ok());
  REQUIRE(out.Commit().ok());
  std::vector<std::string> files = out.Files();
  CHECK_FALSE(fs::exists(site / "old"));  // the first build leaves no stale file
  CHECK(Slurp(site / "a" / "index.html") == "a v1");
  REQUIRE(out.Stamp("a/index.html"));
  std::optional<uint64_t> a_stamp = out.Stamp("a/index.html");
  ino_t home = Inode(site / "index.html"), logo = Inode(site / "logo.svg");

  SECTION("a rebuild writes changed files only and deletes the stale ones") {
    auto next = Update(site, files);
    REQUIRE(next->Write("index.html", "home v1").ok());  // same content: not written
    CHECK(next->Reuse("a/index.html", *a_stamp));        // kept without being rendered
    CHECK_FALSE(next->Reuse("a/index.html", *a_stamp + 1));
    REQUIRE(next->Write("d/index.html", "d v1").ok());  // new
    REQUIRE(next->Copy((root / "logo.svg").string(), "logo.svg").ok());
    CHECK_FALSE(next->Write("d/index.html", "again").ok());
    REQUIRE(next->Commit().ok());
    CHECK(next->replaced() == 1);  // d written
    CHECK(next->deleted() == 1);   // b/c deleted
    CHECK(Inode(site / "index.html") == home);
    CHECK(Inode(site / "logo.svg") == logo);
    CHECK(Slurp(site / "a" / "index.html") == "a v1");
    CHECK(Slurp(site / "d" / "index.html") == "d v1");
    CHECK_FALSE(fs::exists(site / "b"));  // its emptied folders too
    CHECK(next->Stamp("d/index.html"));
    CHECK_FALSE(next->Stamp("b/c/index.html"));
  }
  SECTION("a changed page is replaced, not written over") {
    auto next = Update(site, files);
    REQUIRE(next->Write("index.html", "home v2").ok());
    REQUIRE(next->Write("a/index.html", "a v1").ok());
    REQUIRE(next->Write("b/c/index.html", "c v1").ok());
    REQUIRE(next->Copy((root / "logo.svg").string(), "logo.svg").ok());
    REQUIRE(next->Commit().ok());
    CHECK(next->replaced() == 1);
    CHECK(next->deleted() == 0);
    CHECK(Slurp(site / "index.html") == "home v2");
    CHECK(Inode(site / "index.html") != home);  // a reader of the old file keeps it whole
    CHECK(next->Stamp("index.html") != next->Stamp("a/index.html"));
  }
  SECTION("an aborted build leaves the site as it was") {
    auto next = Update(site, files);
    REQUIRE(next->Write("index.html", "broken").ok());
    next->Abort();
    CHECK(Slurp(site / "index.html") == "home v1");
    CHECK(fs::exists(site / "b" / "c" / "index.html"));
    // The next build still works from the committed site.
    auto again = Update(site, files);
    CHECK(again->Reuse("a/index.html", *a_stamp));
  }
  fs::remove_all(root);
}
