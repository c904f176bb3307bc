#include "generator/model/page_reads.h"

#include <algorithm>

namespace yhdessa {

namespace page_reads_internal {
constinit thread_local PageReads* current = nullptr;
}

void PageReads::Normalize() {
  if (all) {
    pages.clear();
    return;
  }
  std::sort(pages.begin(), pages.end());
  pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
}

void PageReads::Merge(const PageReads& other) {
  if (all) return;
  if (other.all) {
    all = true;
    pages.clear();
    return;
  }
  pages.insert(pages.end(), other.pages.begin(), other.pages.end());
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
