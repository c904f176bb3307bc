// PageReads: which pages one piece of rendering read, so that the build cache can tell
// which render jobs a change of one page touches (RenderCache).
//
// Recording sits in the one place every read passes: Site::pages is a PageList, whose
// const accessors note the index they hand out in the PageReads that is recording on the
// calling thread, if any; iterating over all pages (begin() on a const list) notes "all".
// The renderer reads the model only through a const Site, so nothing it reads can go
// unnoted, however a template or view is written; a missed read would let a warm build
// reuse a stale file. The model phases write through a non-const Site and note nothing,
// and with no recorder on the thread a read costs one thread-local load.
//
// A page's place in the site read through Place() is noted apart (`places`): RenderCache
// then checks only that page's place for the job, not what it shows (title, dates, ...).
// What is not a read of a page: its index (data() for pointer arithmetic, size()).
// Whatever is derived from pages into other members of Site (taxonomies, translations,
// rounds ...) is hashed by RenderCache as the site's structure instead, except what the
// pages' places already hold: a taxonomy's terms (its list page's child pages) and a
// term's pages (as sets; the renderer reads a term's list in order from its term page).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace yhdessa {

struct PageReads {
  std::vector<int> pages;   // sorted and unique once Normalize() ran
  std::vector<int> places;  // read through Place() only: likewise
  bool all = false;         // read every page: `pages` and `places` are then empty

  void Normalize();
  void Merge(const PageReads& other);
};

/// Records the reads of the calling thread into `into` while it exists. Recorders nest:
/// when one ends, what it recorded is added to the one it interrupted, since memoized
/// views are built inside whichever job needs them first.
class RecordPageReads {
 public:
  explicit RecordPageReads(PageReads& into);
  ~RecordPageReads();
  RecordPageReads(const RecordPageReads&) = delete;
  RecordPageReads& operator=(const RecordPageReads&) = delete;

 private:
  PageReads& into_;
  PageReads* previous_;
};

namespace page_reads_internal {
extern constinit thread_local PageReads* current;
}

inline void NotePageRead(size_t page) {
  if (PageReads* r = page_reads_internal::current) {
    // Reads of one page's fields come one after another: noted once.
    if (!r->all && (r->pages.empty() || r->pages.back() != static_cast<int>(page)))
      r->pages.push_back(static_cast<int>(page));
  }
}

inline void NotePlaceRead(size_t page) {
  if (PageReads* r = page_reads_internal::current) {
    if (!r->all && (r->places.empty() || r->places.back() != static_cast<int>(page)))
      r->places.push_back(static_cast<int>(page));
  }
}

inline void NoteAllPagesRead() {
  if (PageReads* r = page_reads_internal::current) {
    r->all = true;
    r->pages.clear();
    r->places.clear();
  }
}

/// Notes every page `reads` holds (a memoized view's reads, for each job that uses it).
inline void NotePageReads(const PageReads& reads) {
  if (PageReads* r = page_reads_internal::current) r->Merge(reads);
}

/// A vector of pages whose const element access is recorded (see above).
template <typename Page>
class PageList : public std::vector<Page> {
  using Base = std::vector<Page>;

 public:
  using Base::Base;
  PageList() = default;
  PageList(Base&& pages) : Base(std::move(pages)) {}  // NOLINT: a vector becomes the list
  PageList& operator=(Base&& pages) {
    Base::operator=(std::move(pages));
    return *this;
  }
  using typename Base::const_iterator;
  using typename Base::iterator;

  Page& operator[](size_t i) { return Base::operator[](i); }
  const Page& operator[](size_t i) const {
    NotePageRead(i);
    return Base::operator[](i);
  }
  /// Page `i` for reading its place in the site only — type, language, address, parent,
  /// which pages its lists hold, taxonomy — noted as such: RenderCache then checks that
  /// page's place for the job, not what it shows. Reading anything else through it (a
  /// title, a date, params, the order of its lists) would be a dependency the cache never
  /// sees.
  const Page& Place(size_t i) const {
    NotePlaceRead(i);
    return Base::operator[](i);
  }
  Page& at(size_t i) { return Base::at(i); }
  const Page& at(size_t i) const {
    NotePageRead(i);
    return Base::at(i);
  }
  Page& front() { return Base::front(); }
  const Page& front() const {
    NotePageRead(0);
    return Base::front();
  }
  Page& back() { return Base::back(); }
  const Page& back() const {
    NotePageRead(Base::size() - 1);
    return Base::back();
  }
  iterator begin() { return Base::begin(); }
  iterator end() { return Base::end(); }
  const_iterator begin() const {
    NoteAllPagesRead();
    return Base::begin();
  }
  const_iterator end() const { return Base::end(); }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }
  // Not needed so far; each would need the same care.
  void rbegin() const = delete;
  void crbegin() const = delete;
};

}  // namespace yhdessa
