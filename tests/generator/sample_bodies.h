// A page body's rendered Markdown made up for the build cache's tests: its HTML (over 3 KB,
// so that a few hundred fill a megabyte of log), first paragraph and word count differ by `i`.
#pragma once

#include <string>

#include "generator/content/markdown.h"

namespace yhdessa::testing {

inline RenderedMarkdown SampleBody(int i) {
  RenderedMarkdown md;
  md.html = "<p>page " + std::to_string(i) + "</p>\n" + std::string(3000 + i, 'x');
  md.first_paragraph = "page " + std::to_string(i);
  md.word_count = static_cast<size_t>(i);
  return md;
}

}  // namespace yhdessa::testing
