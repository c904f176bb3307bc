#include "generator/output/output_directory.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "generator/output/in_place_update.h"

using namespace yhdessa;
namespace fs = std::filesystem;

namespace {
std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
fs::path TempDir(const std::string& name) {
  fs::path p =
      fs::temp_directory_path() / ("yhdessa-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
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

TEST_CASE("output in place: only changed files are replaced, at commit; stale files go") {
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
