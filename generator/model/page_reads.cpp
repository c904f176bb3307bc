#include "generator/model/page_reads.h"

#include <algorithm>
#include <cstdint>

namespace yhdessa {

namespace page_reads_internal {
constinit thread_local PageReads* current = nullptr;
}

namespace {

void SortUnique(std::vector<int>& pages) {
  if (pages.size() < 64) {
    std::sort(pages.begin(), pages.end());
    pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
    return;
  }
  // Lists and feeds read their pages over and over (sorting them): a bitmap is faster
  // than sorting every read.
  int max = *std::max_element(pages.begin(), pages.end());
  std::vector<uint64_t> seen(static_cast<size_t>(max) / 64 + 1, 0);
  for (int p : pages) seen[static_cast<size_t>(p) / 64] |= uint64_t{1} << (p % 64);
  pages.clear();
  for (size_t w = 0; w < seen.size(); ++w) {
    for (uint64_t bits = seen[w]; bits; bits &= bits - 1)
      pages.push_back(static_cast<int>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits))));
  }
}

}  // namespace

void PageReads::Normalize() {
  if (all) {
    pages.clear();
    places.clear();
    return;
  }
  SortUnique(pages);
  SortUnique(places);
}

void PageReads::Merge(const PageReads& other) {
  if (all) return;
  if (other.all) {
    all = true;
    pages.clear();
    places.clear();
    return;
  }
  pages.insert(pages.end(), other.pages.begin(), other.pages.end());
  places.insert(places.end(), other.places.begin(), other.places.end());
}

RecordPageReads::RecordPageReads(PageReads& into)
    : into_(into), previous_(page_reads_internal::current) {
  page_reads_internal::current = &into_;
}

RecordPageReads::~RecordPageReads() {
  page_reads_internal::current = previous_;
  if (previous_) previous_->Merge(into_);
}

}  // namespace yhdessa
