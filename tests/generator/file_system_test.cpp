// DiskFileSystem::ReadFile: every byte of a file, whatever its size, without relying on a
// read that returns 0 at the end when the size is known.
#include "generator/core/file_system.h"

#include "generator/core/file_time.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "temp_folder.h"

using namespace yhdessa;
using namespace yhdessa::testing;

namespace {

void Write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("file system: ReadFile reads empty, small and large files whole") {
  auto dir = TempDir("read-file");
  std::string large;
  for (int i = 0; large.size() < 300000; ++i) large += "rivi " + std::to_string(i) + "\n";
  Write(dir / "empty.md", "");
  Write(dir / "small.md", "---\ntitle: A\n---\nteksti\n");
  Write(dir / "large.md", large);
  auto fs = NewDiskFileSystem(dir.string());
  CHECK(fs->ReadFile("empty.md").value() == "");
  CHECK(fs->ReadFile("small.md").value() == "---\ntitle: A\n---\nteksti\n");
  CHECK(fs->ReadFile("large.md").value() == large);
  CHECK(fs->ReadFile("missing.md").status().code() == StatusCode::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST_CASE("file system: ReadFile reads to the end a file whose size says 0") {
  // Files in /proc report a size of 0 and still have text.
  auto fs = NewDiskFileSystem("/proc/self");
  auto text = fs->ReadFile("status");
  REQUIRE(text.ok());
  CHECK(text.value().find("Name:") == 0);
  CHECK(text.value().size() > 100);
}

TEST_CASE("file system: ReadFileAndVersion gives the text and Stat's version of one look") {
  auto dir = TempDir("read-version");
  Write(dir / "a.md", "---\ntitle: A\n---\nteksti\n");
  auto disk = NewDiskFileSystem(dir.string());
  MemoryFileSystem memory;
  memory.Add("a.md", "---\ntitle: A\n---\nteksti\n");
  for (const FileSystem* fs :
       {static_cast<const FileSystem*>(disk.get()), static_cast<const FileSystem*>(&memory)}) {
    FileSystem::FileVersion v{7, 7};
    auto text = fs->ReadFileAndVersion("a.md", v);
    REQUIRE(text.ok());
    CHECK(*text == "---\ntitle: A\n---\nteksti\n");
    std::optional<FileSystem::FileVersion> looked = fs->Stat("a.md");
    REQUIRE(looked);
    CHECK(v.id == looked->id);
    CHECK(v.changed_at == looked->changed_at);
    // A missing file leaves the version as it was.
    FileSystem::FileVersion untouched{7, 7};
    CHECK_FALSE(fs->ReadFileAndVersion("missing.md", untouched).ok());
    CHECK(untouched.id == 7);
  }
  // A write after the read gives another version.
  FileSystem::FileVersion before;
  REQUIRE(disk->ReadFileAndVersion("a.md", before).ok());
  Write(dir / "a.md", "---\ntitle: A\n---\nmuutettu teksti\n");
  CHECK(disk->Stat("a.md")->id != before.id);
  std::filesystem::remove_all(dir);
}

TEST_CASE(
    "file system: TimedFileSystem counts every read, failed ones too, and passes on the rest") {
  MemoryFileSystem base;
  base.Add("content/a.md", "a");
  base.Add("content/b/c.md", "c");
  FileTime time;
  TimedFileSystem fs(base, time);
  CHECK(fs.ReadFile("content/a.md").value() == "a");
  FileSystem::FileVersion version;
  CHECK(fs.ReadFileAndVersion("content/b/c.md", version).value() == "c");
  CHECK(version.id == base.Stat("content/b/c.md")->id);
  CHECK_FALSE(fs.ReadFile("content/missing.md").ok());
  CHECK(time.files() == 3);
  CHECK(time.ms() >= 0);
  // Looks are not reads.
  CHECK(fs.ListFiles("content") == base.ListFiles("content"));
  CHECK(fs.IsFile("content/a.md"));
  CHECK(fs.IsDirectory("content/b"));
  CHECK(fs.Stat("content/a.md")->id == base.Stat("content/a.md")->id);
  CHECK(fs.DiskPath("content/a.md") == base.DiskPath("content/a.md"));
  CHECK(time.files() == 3);
}
