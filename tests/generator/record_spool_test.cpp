#include "generator/cache/record_spool.h"

#include <catch2/catch.hpp>

#include "generator/cache/build_cache.h"
#include "temp_folder.h"

using namespace yhdessa;
using yhdessa::testing::TempDir;

namespace {

std::string ReplayAll(const RecordSpool& spool) {
  std::string out;
  REQUIRE(spool.Replay([&](std::string_view bytes) { out.append(bytes); }));
  return out;
}

RenderedMarkdown Body(int i) {
  RenderedMarkdown md;
  md.html = "<p>page " + std::to_string(i) + "</p>\n" + std::string(3000 + i, 'x');
  md.first_paragraph = "page " + std::to_string(i);
  md.word_count = static_cast<size_t>(i);
  return md;
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
  CHECK(std::filesystem::is_empty(dir + "/cache"));
}

TEST_CASE("record spool: a cache with a spool writes the same log as one without") {
  BuildCache in_memory, spooled;
  spooled.SetSpool(NewFileSpool(TempDir("spool-log").string()));
  for (BuildCache* c : {&in_memory, &spooled}) {
    for (int i = 0; i < 50; ++i) c->RecordMarkdown(1000 + i, Body(i), {});
    c->RecordMarkdown(1000, Body(0), {});  // the same key twice is one record
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
    CHECK(x->md.html == Body(i).html);
    CHECK(y->md.html == x->md.html);
    CHECK(y->md.first_paragraph == x->md.first_paragraph);
  }
  auto fm = read_b.TakeFrontMatter(7);
  REQUIRE(fm);
  CHECK(fm->text() == "x");
}
