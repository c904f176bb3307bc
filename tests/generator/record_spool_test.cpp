#include "generator/cache/record_spool.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "generator/cache/build_cache.h"
#include "generator/cache/cache_file.h"
#include "sample_bodies.h"
#include "temp_folder.h"

using namespace yhdessa;
using yhdessa::testing::SampleBody;
using yhdessa::testing::TempDir;

namespace {

std::string ReplayAll(const RecordSpool& spool) {
  std::string out;
  REQUIRE(spool.Replay([&](std::string_view bytes) { out.append(bytes); }));
  return out;
}

}  // namespace

TEST_CASE("record spool: gives back every record, in order, and leaves no file") {
  const std::string dir = TempDir("spool").string();
  auto spool = NewFileSpool(dir + "/cache");
  REQUIRE(spool);
  std::string expected;
  for (int i = 0; i < 300; ++i) {
    std::string record(5000 + i, static_cast<char>('a' + i % 26));  // > 1 MiB in all
    REQUIRE(spool->Append(record));
    expected += record;
  }
  CHECK(ReplayAll(*spool) == expected);
  CHECK(ReplayAll(*spool) == expected);  // replayable
  // Nothing of its own: the folder holds only the .gitignore it was made with.
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/cache"))
    CHECK(entry.path().filename() == ".gitignore");
}

TEST_CASE("record spool: records appended after a replay follow the earlier ones") {
  auto spool = NewFileSpool(TempDir("spool-later").string());
  REQUIRE(spool);
  std::string expected;
  for (int round = 0; round < 3; ++round) {
    // Small records (kept in memory until a megabyte has gathered) and one large one.
    for (int i = 0; i < 40; ++i) {
      std::string record(100 + i, static_cast<char>('a' + (round * 40 + i) % 26));
      REQUIRE(spool->Append(record));
      expected += record;
    }
    CHECK(ReplayAll(*spool) == expected);
    std::string large((1 << 20) + 17 * round, static_cast<char>('A' + round));
    REQUIRE(spool->Append(large));
    expected += large;
    CHECK(ReplayAll(*spool) == expected);
  }
}

TEST_CASE("record spool: a cache with a spool writes the same log as one without") {
  BuildCache in_memory, spooled;
  in_memory.set_keep_html(true);
  spooled.set_keep_html(true);
  spooled.SetSpool(NewFileSpool(TempDir("spool-log").string()));
  for (BuildCache* c : {&in_memory, &spooled}) {
    for (int i = 0; i < 50; ++i) c->RecordMarkdown(1000 + i, SampleBody(i), {});
    c->RecordMarkdown(1000, SampleBody(0), {});  // the same key twice is one record
    CHECK(c->RecordFrontMatter(7, Value::Scalar("x", false, {"a.md", 2, 8})));
    CHECK(c->markdown_save() == BuildCache::MarkdownSave::kRewrite);
  }
  std::string a = in_memory.EncodeMarkdown(), b = spooled.EncodeMarkdown();
  CHECK(a.size() == b.size());
  // Records come in another order; each decodes to the same entry.
  BuildCache read_a, read_b;
  REQUIRE(read_a.DecodeMarkdown(a).ok());
  REQUIRE(read_b.DecodeMarkdown(b).ok());
  for (int i = 0; i < 50; ++i) {
    auto x = read_a.TakeMarkdown(1000 + i), y = read_b.TakeMarkdown(1000 + i);
    REQUIRE(x);
    REQUIRE(y);
    CHECK(x->md.html == SampleBody(i).html);
    CHECK(y->md.html == x->md.html);
    CHECK(y->md.first_paragraph == x->md.first_paragraph);
  }
  auto fm = read_b.TakeFrontMatter(7);
  REQUIRE(fm);
  CHECK(fm->text() == "x");
}

namespace {

std::string ReadBytes(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("record spool: the spool's file becomes the Markdown log, with the kept records") {
  const std::string folder = (TempDir("spool-save") / "cache").string();
  const std::string log = folder + "/markdown.bin";
  // A first build: every record is spooled, and saving makes the spool's file the log.
  BuildCache first;
  first.set_keep_html(true);
  first.SetSpool(NewFileSpool(folder, BuildCache::MarkdownLogHead()));
  for (int i = 0; i < 400; ++i) first.RecordMarkdown(1000 + i, SampleBody(i), {});  // > 1 MiB
  CHECK(first.RecordFrontMatter(7, Value::Scalar("x", false, {"a.md", 2, 8})));
  REQUIRE(first.markdown_save() == BuildCache::MarkdownSave::kRewrite);
  BuildCache in_memory;
  in_memory.set_keep_html(true);
  for (int i = 0; i < 400; ++i) in_memory.RecordMarkdown(1000 + i, SampleBody(i), {});
  CHECK(in_memory.RecordFrontMatter(7, Value::Scalar("x", false, {"a.md", 2, 8})));
  REQUIRE(SaveCache(folder, first).ok());
  // As long as a log written from memory (the same records; read back below), nothing
  // else left in the folder, and the mode an ordinary file gets.
  CHECK(ReadBytes(log).size() == in_memory.EncodeMarkdown().size());
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    std::string name = entry.path().filename().string();
    CHECK((name == "markdown.bin" || name == "build.bin" || name == ".gitignore"));
  }
  struct stat st;
  REQUIRE(::stat(log.c_str(), &st) == 0);
  mode_t mask = ::umask(0);
  ::umask(mask);
  CHECK((st.st_mode & 0777) == (0666 & ~mask));
  // Saved once, the spool takes no more records (they would land in the log's file).
  CHECK_FALSE(first.SaveMarkdownAs(log));

  // The next build keeps half of the records, adds new ones and writes the log anew.
  std::string note;
  BuildCache second = LoadCache(folder, note);
  CHECK(note.empty());
  second.set_keep_html(true);
  second.SetSpool(NewFileSpool(folder, BuildCache::MarkdownLogHead()));
  for (int i = 0; i < 400; i += 2) {
    REQUIRE(second.TakeMarkdown(1000 + i));
    second.KeepMarkdown(1000 + i);
  }
  for (int i = 400; i < 420; ++i) second.RecordMarkdown(1000 + i, SampleBody(i), {});
  REQUIRE(second.SaveMarkdownAs(log));
  BuildCache third = LoadCache(folder, note);
  for (int i = 0; i < 420; ++i) {
    auto e = third.TakeMarkdown(1000 + i);
    if (i < 400 && i % 2 == 1) {
      CHECK_FALSE(e);  // not kept
      continue;
    }
    REQUIRE(e);
    CHECK(e->md.html == SampleBody(i).html);
  }
}

TEST_CASE("record spool: a spool with another head does not become the log") {
  const std::string folder = (TempDir("spool-head") / "cache").string();
  BuildCache cache;
  cache.set_keep_html(true);
  cache.SetSpool(NewFileSpool(folder));  // no head
  cache.RecordMarkdown(1, SampleBody(1), {});
  CHECK_FALSE(cache.SaveMarkdownAs(folder + "/markdown.bin"));
  CHECK_FALSE(std::filesystem::exists(folder + "/markdown.bin"));
  // SaveCache writes the log from the spool's records instead.
  REQUIRE(SaveCache(folder, cache).ok());
  std::string note;
  BuildCache loaded = LoadCache(folder, note);
  auto e = loaded.TakeMarkdown(1);
  REQUIRE(e);
  CHECK(e->md.html == SampleBody(1).html);
}
