// ServeOutput, `serve`'s output folder on disk: the first build swaps in a clean folder;
// later builds write only changed files, delete stale ones (and their empty folders),
// keep reused ones, and leave the folder untouched when aborted.
#include "generator/output/serve_output.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace yhdessa;
namespace fs = std::filesystem;

namespace {

fs::path TempDir(const std::string& name) {
  fs::path p =
      fs::temp_directory_path() / ("yhdessa-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

ino_t Inode(const fs::path& p) {
  struct stat st;
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_ino;
}

}  // namespace

TEST_CASE("serve output: first build swaps, later builds change only what changed") {
  fs::path root = TempDir("serve-output");
  fs::path site = root / "public";
  fs::create_directories(site / "old");
  std::ofstream(site / "old" / "stale.html") << "from an earlier site";
  std::ofstream(root / "logo.svg") << "<svg/>";

  ServeOutput out(site.string());
  REQUIRE(out.Begin().ok());
  REQUIRE(out.Write("index.html", "home v1").ok());
  REQUIRE(out.Write("a/index.html", "a v1").ok());
  REQUIRE(out.Write("b/c/index.html", "c v1").ok());
  REQUIRE(out.Copy((root / "logo.svg").string(), "logo.svg").ok());
  REQUIRE(out.Commit().ok());
  CHECK_FALSE(fs::exists(site / "old"));  // the first build leaves no stale file
  CHECK(Slurp(site / "a" / "index.html") == "a v1");
  REQUIRE(out.Stamp("a/index.html"));
  std::optional<uint64_t> a_stamp = out.Stamp("a/index.html");
  ino_t home = Inode(site / "index.html"), logo = Inode(site / "logo.svg");

  SECTION("a rebuild writes changed files only and deletes the stale ones") {
    REQUIRE(out.Begin().ok());
    REQUIRE(out.Write("index.html", "home v1").ok());  // same content: not written
    CHECK(out.Reuse("a/index.html", *a_stamp));        // kept without being rendered
    CHECK_FALSE(out.Reuse("a/index.html", *a_stamp + 1));
    REQUIRE(out.Write("d/index.html", "d v1").ok());  // new
    REQUIRE(out.Copy((root / "logo.svg").string(), "logo.svg").ok());
    CHECK_FALSE(out.Write("d/index.html", "again").ok());
    REQUIRE(out.Commit().ok());
    CHECK(out.changed() == 2);  // d written, b/c deleted
    CHECK(Inode(site / "index.html") == home);
    CHECK(Inode(site / "logo.svg") == logo);
    CHECK(Slurp(site / "a" / "index.html") == "a v1");
    CHECK(Slurp(site / "d" / "index.html") == "d v1");
    CHECK_FALSE(fs::exists(site / "b"));  // its emptied folders too
    CHECK(out.Stamp("d/index.html"));
    CHECK_FALSE(out.Stamp("b/c/index.html"));
  }
  SECTION("a changed page is replaced, not written over") {
    REQUIRE(out.Begin().ok());
    REQUIRE(out.Write("index.html", "home v2").ok());
    REQUIRE(out.Write("a/index.html", "a v1").ok());
    REQUIRE(out.Write("b/c/index.html", "c v1").ok());
    REQUIRE(out.Copy((root / "logo.svg").string(), "logo.svg").ok());
    REQUIRE(out.Commit().ok());
    CHECK(out.changed() == 1);
    CHECK(Slurp(site / "index.html") == "home v2");
    CHECK(Inode(site / "index.html") != home);  // a reader of the old file keeps it whole
    CHECK(out.Stamp("index.html") != out.Stamp("a/index.html"));
  }
  SECTION("an aborted build leaves the site as it was") {
    REQUIRE(out.Begin().ok());
    REQUIRE(out.Write("index.html", "broken").ok());
    out.Abort();
    CHECK(Slurp(site / "index.html") == "home v1");
    CHECK(fs::exists(site / "b" / "c" / "index.html"));
    // The next build still knows the committed site.
    REQUIRE(out.Begin().ok());
    CHECK(out.Reuse("a/index.html", *a_stamp));
  }
  fs::remove_all(root);
}
