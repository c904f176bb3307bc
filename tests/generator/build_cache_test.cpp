// BuildCache on its own, in memory: what its Markdown log gives back when it holds no
// HTML, and the stamps of a build's outputs. (The log's spool is in record_spool_test.cpp,
// the cache's use by builds in incremental_test.cpp.)
#include "generator/cache/build_cache.h"

#include <catch2/catch.hpp>

#include <string>

#include "generator/cache/content_hash.h"
#include "sample_bodies.h"

using namespace yhdessa;
using yhdessa::testing::SampleBody;

TEST_CASE("build cache: a log without HTML gives back every entry but the HTML") {
  BuildCache with, without;
  with.set_keep_html(true);
  size_t html = 0;
  for (int i = 0; i < 20; ++i) {
    with.RecordMarkdown(1000 + i, SampleBody(i), {});
    without.RecordMarkdown(1000 + i, SampleBody(i), {});
    html += SampleBody(i).html.size();
  }
  std::string a = with.EncodeMarkdown(), b = without.EncodeMarkdown();
  CHECK(a.size() == b.size() + html);
  BuildCache read;
  REQUIRE(read.DecodeMarkdown(b).ok());
  for (int i = 0; i < 10; ++i) {
    LazyHtml lazy;
    auto e = read.TakeMarkdown(1000 + i, &lazy);
    REQUIRE(e);
    CHECK(e->md.first_paragraph == SampleBody(i).first_paragraph);
    CHECK(e->md.word_count == SampleBody(i).word_count);
    CHECK_FALSE(lazy.kept);
    CHECK(lazy.hash == HashBytes(SampleBody(i).html));  // what the render cache compares
    CHECK_FALSE(read.LoadHtml(lazy));
    read.KeepMarkdown(1000 + i);
  }
  // An entry whose HTML is needed at once is none: its body is rendered again.
  CHECK_FALSE(read.TakeMarkdown(1010));
  // None of that is damage: nothing new, nothing to write.
  CHECK(read.markdown_save() == BuildCache::MarkdownSave::kNone);
}

TEST_CASE("build cache: written outputs are stamped, an entry with a file missing dropped") {
  BuildCache cache;
  for (int i = 0; i < 300; ++i) {
    CacheEntry e;
    e.fingerprint = static_cast<uint64_t>(i);
    e.outputs.push_back({"p" + std::to_string(i) + "/index.html", 0});
    if (i % 7 == 0) e.outputs.push_back({"missing" + std::to_string(i), 0});
    cache.Record("job" + std::to_string(i), e);
  }
  // A reused file's entry comes with the stamp it was reused by, and keeps it.
  cache.Record("reused", CacheEntry{1, {{"reused/index.html", 42}}, {}});
  cache.StampOutputs([](const std::string& path) -> std::optional<uint64_t> {
    if (path.rfind("missing", 0) == 0) return std::nullopt;
    return HashBytes(path);
  });
  CHECK(cache.recorded_size() == 300 - 43 + 1);  // i = 0, 7, ..., 294 dropped
  auto decoded = BuildCache::Decode(cache.Encode());
  REQUIRE(decoded.ok());
  REQUIRE(decoded->Previous("reused"));
  CHECK(decoded->Previous("reused")->outputs.at(0).stamp == 42);
  for (int i = 0; i < 300; ++i) {
    const CacheEntry* e = decoded->Previous("job" + std::to_string(i));
    if (i % 7 == 0) {
      CHECK(e == nullptr);
      continue;
    }
    REQUIRE(e != nullptr);
    REQUIRE(e->outputs.size() == 1);
    CHECK(e->outputs[0].stamp == HashBytes("p" + std::to_string(i) + "/index.html"));
  }
}
