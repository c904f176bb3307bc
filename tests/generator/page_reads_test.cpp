// PageReads: the render cache trusts that every page a render reads is noted. These pin
// down where the noting happens (const access to Site::pages) and where it must not.
#include "generator/model/page_reads.h"

#include <catch2/catch.hpp>
#include <thread>

#include "generator/model/site.h"

using namespace yhdessa;

namespace {

Site ThreePages() {
  Site site;
  site.pages.resize(3);
  for (int i = 0; i < 3; ++i) site.pages[i].fm.title = "p" + std::to_string(i);
  return site;
}

}  // namespace

TEST_CASE("page reads: const access is noted, sorted and unique, writes are not") {
  Site site = ThreePages();
  const Site& view = site;
  PageReads reads;
  {
    RecordPageReads record(reads);
    site.pages[0].fm.title = "muutettu";  // the model phases: not a read
    CHECK(view.pages[2].fm.title == "p2");
    CHECK(view.pages.at(1).fm.title == "p1");
    CHECK(view.pages[2].url.empty());
    CHECK(view.pages.back().fm.title == "p2");
    CHECK(view.pages.Place(0).url.empty());  // its place only: noted apart
    CHECK(view.pages.Place(2).url.empty());
    CHECK(view.pages.Place(0).parent == -1);
  }
  reads.Normalize();
  CHECK(reads.pages == std::vector<int>{1, 2});
  CHECK(reads.places == std::vector<int>{0, 2});
  CHECK_FALSE(reads.all);
  // Nothing is noted once the recorder is gone.
  CHECK(view.pages[0].fm.title == "muutettu");
  reads.Normalize();
  CHECK(reads.pages == std::vector<int>{1, 2});
}

TEST_CASE("page reads: iterating over every page reads all of them") {
  Site site = ThreePages();
  const Site& view = site;
  PageReads reads;
  {
    RecordPageReads record(reads);
    CHECK(view.pages[1].fm.title == "p1");
    size_t n = 0;
    for (const Page& p : view.pages) n += !p.fm.title.empty();
    CHECK(n == 3);
    CHECK(view.pages.Place(2).url.empty());
    CHECK(view.pages[0].fm.title == "p0");  // after all: nothing more to note
  }
  reads.Normalize();
  CHECK(reads.all);
  CHECK(reads.pages.empty());
  CHECK(reads.places.empty());
}

TEST_CASE("page reads: a nested recorder's reads count for the one it interrupted") {
  Site site = ThreePages();
  const Site& view = site;
  PageReads outer, inner;
  {
    RecordPageReads a(outer);
    CHECK(view.pages[0].fm.title == "p0");
    {
      RecordPageReads b(inner);
      CHECK(view.pages[2].fm.title == "p2");
    }
    NotePageReads(PageReads{{1}, {0}, false});
  }
  inner.Normalize();
  outer.Normalize();
  CHECK(inner.pages == std::vector<int>{2});
  CHECK(outer.pages == std::vector<int>{0, 1, 2});
  CHECK(outer.places == std::vector<int>{0});
}

TEST_CASE("page reads: each thread records its own reads") {
  Site site = ThreePages();
  const Site& view = site;
  PageReads mine, theirs;
  RecordPageReads record(mine);
  std::thread t([&] {
    RecordPageReads r(theirs);
    CHECK(view.pages[2].fm.title == "p2");
  });
  t.join();
  CHECK(view.pages[0].fm.title == "p0");
  mine.Normalize();
  theirs.Normalize();
  CHECK(mine.pages == std::vector<int>{0});
  CHECK(theirs.pages == std::vector<int>{2});
}

TEST_CASE("page reads: many reads, as a list's sorting makes, normalize to each page once") {
  PageReads reads;
  for (int round = 0; round < 50; ++round) {
    for (int p : {700, 3, 64, 63, 0, 129}) reads.pages.push_back(p);
  }
  reads.Normalize();
  CHECK(reads.pages == std::vector<int>{0, 3, 63, 64, 129, 700});
  PageReads few{{5, 2, 5}, {}, false};
  few.Normalize();
  CHECK(few.pages == std::vector<int>{2, 5});
}
