#include "generator/output/output_directory.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

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
