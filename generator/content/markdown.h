// Markdown: the only user of cmark-gfm. Renders a page body to HTML.
//
// GitHub-flavoured Markdown (tables, strikethrough, autolinks, task lists, footnotes).
// Safe by default: raw HTML is dropped and links or images with a javascript:, vbscript:,
// data: or file: address are unwrapped to their text, unless `unsafe_html` is set (then
// GFM's tag filter still removes <script>, <iframe> and friends).
//
// Headings get unique ids (see Slugify) and an anchor link whose accessible name says
// where it leads; the list of headings is returned for tables of contents and for
// checking #anchor links. Every link and image address goes through `resolve`, which
// maps source-file links to page URLs and reports broken ones; images without alt text
// are errors (WCAG 1.1.1). Positions in diagnostics are lines of the whole file.
//
// A paragraph that starts with "{{<" is a directive (content/directive.h): it is parsed,
// reported when malformed, and replaced by nothing, its place kept as an offset into the
// HTML; code blocks and code spans are never directives.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"
#include "generator/content/directive.h"

namespace yhdessa {

struct MarkdownOptions {
  bool unsafe_html = false;
  // RenderedMarkdown::word_count is counted only when asked: the theme shows it (a tenth of
  // the walk over the tree, 3 % of a build whose theme does not).
  bool count_words = true;
  std::string anchor_label = "Link to this section";  // visually hidden text of heading anchors
  std::string task_done_label = "done";
  std::string task_open_label = "not done";
};

struct Heading {
  int level = 0;
  std::string text;  // plain text
  std::string id;
  int line = 0;  // in the whole file
};

/// Called for every link and image address. Returns the address to emit (possibly the
/// same), after reporting any problem into the diagnostics itself.
using LinkResolver =
    std::function<std::string(const std::string& url, bool is_image, SourcePos pos)>;

struct RenderedMarkdown {
  std::string html;
  std::vector<Heading> headings;
  std::string first_paragraph;  // plain text of the first paragraph, for summaries
  size_t word_count = 0;        // 0 unless MarkdownOptions::count_words
  /// Directives found (content/directive.h), in page order. Each one's paragraph is left
  /// out of `html`; its html_offset says where the renderer puts the component.
  std::vector<Directive> directives;
};

/// Renders `body`, whose first line is line `first_line` of `file`.
RenderedMarkdown RenderMarkdown(std::string_view body, const std::string& file, int first_line,
                                const MarkdownOptions& options, const LinkResolver& resolve,
                                DiagnosticList& diags);

/// True for addresses that are never emitted in safe mode (javascript:, vbscript:, data:,
/// file:), compared case-insensitively and ignoring leading spaces and control characters.
bool IsDangerousUrl(std::string_view url);

}  // namespace yhdessa
