#include "generator/content/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "generator/content/text.h"
#include "generator/core/bump_arena.h"

namespace yhdessa {
namespace {

// Marks the start of a heading's content in the HTML so its id can be put on the tag.
constexpr char kHeadingMark = '\x1F';
// Marks where a directive's paragraph was, as "\x1E<index>\x1E"; removed from the HTML.
constexpr char kDirectiveMark = '\x1E';

// GFM's extensions, found once (finding one by name walks cmark's registry).
struct Extensions {
  cmark_syntax_extension* table;
  cmark_syntax_extension* strikethrough;
  cmark_syntax_extension* autolink;
  cmark_syntax_extension* tasklist;
  cmark_syntax_extension* tagfilter;
};

const Extensions& GfmExtensions() {
  static const Extensions extensions = [] {
    cmark_gfm_core_extensions_ensure_registered();
    return Extensions{
        cmark_find_syntax_extension("table"), cmark_find_syntax_extension("strikethrough"),
        cmark_find_syntax_extension("autolink"), cmark_find_syntax_extension("tasklist"),
        cmark_find_syntax_extension("tagfilter")};
  }();
  return extensions;
}

// "www." in any case. Found from its first letter, not from the dot: Finnish text has a
// full stop in every sentence but hardly a 'w' (one memchr per '.' was most of the time
// spent choosing the extensions).
bool HasWwwDot(std::string_view text) {
  for (char first : {'w', 'W'}) {
    for (size_t at = text.find(first); at != std::string_view::npos && at + 3 < text.size();
         at = text.find(first, at + 1)) {
      if ((text[at + 1] | 0x20) == 'w' && (text[at + 2] | 0x20) == 'w' && text[at + 3] == '.')
        return true;
    }
  }
  return false;
}

// What the body's '[' can start, found in one pass: a task-list marker ("[ ]", "[x]" or any
// other one character in brackets, a superset) and a footnote (a reference and a
// definition both start "[^").
struct Brackets {
  bool one_character = false;
  bool footnote = false;
};
Brackets FindBrackets(std::string_view text) {
  Brackets b;
  for (size_t at = text.find('['); at != std::string_view::npos && !(b.one_character && b.footnote);
       at = text.find('[', at + 1)) {
    if (at + 2 < text.size() && text[at + 2] == ']') b.one_character = true;
    if (at + 1 < text.size() && text[at + 1] == '^') b.footnote = true;
  }
  return b;
}

// Attaches the extensions that could change this body's HTML. An extension only acts from
// its own characters: autolink from "://", "www." and '@' (it also splits every text node at
// ':', '@' and 'w' and walks all text again after parsing: 3 % of a build whose pages have
// no bare address), strikethrough from '~', a task list from "[ ]"/"[x]", the tag filter on
// raw HTML. The table extension is always attached: a table needs no '|' ("a\n:-:").
void AttachExtensions(cmark_parser* parser, std::string_view body, const Brackets& brackets) {
  const Extensions& e = GfmExtensions();
  auto attach = [&](cmark_syntax_extension* ext) {
    if (ext) cmark_parser_attach_syntax_extension(parser, ext);
  };
  attach(e.table);
  if (body.find('~') != std::string_view::npos) attach(e.strikethrough);
  if (body.find("://") != std::string_view::npos || body.find('@') != std::string_view::npos ||
      HasWwwDot(body))
    attach(e.autolink);
  if (brackets.one_character) attach(e.tasklist);
  if (body.find('<') != std::string_view::npos) attach(e.tagfilter);
}

std::string PlainText(cmark_node* node) {
  std::string out;
  cmark_iter* it = cmark_iter_new(node);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_EXIT) {
      // Blocks end with a space so words of adjacent paragraphs do not run together.
      if (n != node && !out.empty() && out.back() != ' ' &&
          (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) {
        out += ' ';
      }
      continue;
    }
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* s = cmark_node_get_literal(n)) out += s;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      default:
        break;
    }
  }
  cmark_iter_free(it);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Words of one text: characters that start a run of non-spaces. `in_word` carries over
// from the previous text node (emphasis and links do not split a word). Eight bytes at a
// time, without a branch per character: the loop that tested each one was a twentieth
// of the build's time, mostly mispredicted branches at the edges of words.
size_t CountWords(const char* text, bool& in_word) {
  static constexpr auto kSpace = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned char c : {' ', '\n', '\t', '\r'}) t[c] = 1;
    return t;
  }();
  if (!text) return 0;
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  // The high bit of each byte of x that equals c (exact: no borrow between bytes).
  auto equal = [&](uint64_t x, unsigned char c) {
    uint64_t t = x ^ (kOnes * c);
    return ~(((t & kLow7) + kLow7) | t) & kHigh;
  };
  const auto* c = reinterpret_cast<const unsigned char*>(text);
  size_t size = std::strlen(text), n = 0, i = 0;
  uint64_t space_before = !in_word;  // 1 when the byte before is a space
#if defined(__SSE2__)
  // Sixteen bytes at a time where SSE2 is there (all of x86-64): a compare per kind of
  // space gives one bit per byte, and word starts are counted from a 256-entry table
  // (popcount is a libgcc call without -mpopcnt). A third of the eight-byte loop's cost.
  static constexpr auto kBitCount = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned v = 0; v < 256; ++v) t[v] = static_cast<unsigned char>(std::popcount(v));
    return t;
  }();
  const __m128i blank = _mm_set1_epi8(' '), newline = _mm_set1_epi8('\n'),
                tab = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r');
  for (; i + 16 <= size; i += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(c + i));
    __m128i spaces =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, blank), _mm_cmpeq_epi8(x, newline)),
                     _mm_or_si128(_mm_cmpeq_epi8(x, tab), _mm_cmpeq_epi8(x, cr)));
    auto space = static_cast<unsigned>(_mm_movemask_epi8(spaces));
    unsigned before = (space << 1) | static_cast<unsigned>(space_before);  // bit k: byte k-1
    unsigned starts = ~space & before & 0xFFFFu;
    n += kBitCount[starts & 0xFFu] + kBitCount[starts >> 8];
    space_before = space >> 15;
  }
#endif
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 8 <= size; i += 8) {
      uint64_t x;
      std::memcpy(&x, c + i, 8);
      uint64_t space = equal(x, ' ') | equal(x, '\n') | equal(x, '\t') | equal(x, '\r');
      uint64_t before = (space << 8) | (space_before << 7);  // byte k: is byte k-1 a space
      // One bit per byte at most: summed by a multiplication into the top byte, not by
      // popcount (without -mpopcnt, which Debian's x86-64 baseline lacks, a libgcc call).
      n += static_cast<size_t>((((~space & before & kHigh) >> 7) * kOnes) >> 56);
      space_before = space >> 63;
    }
  }
  for (; i < size; ++i) {
    uint64_t space = kSpace[c[i]];
    n += space_before & (space ^ 1u);
    space_before = space;
  }
  in_word = !space_before;
  return n;
}

std::string_view NodeUrl(cmark_node* node) {
  const char* url = cmark_node_get_url(node);
  return url ? url : "";
}

// Replaces `node` by its children (used to drop a dangerous link but keep its text).
void Unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    cmark_node_insert_before(node, child);
  }
  cmark_node_unlink(node);
  cmark_node_free(node);
}

// cmark-gfm's memory for one page comes from a per-thread BumpArena and goes back at once
// when the page is done: its allocator calls have no context argument, so the arena in use
// is found through a thread-local pointer. Nothing cmark allocated outlives the
// ArenaScope of RenderMarkdown (the HTML is post-processed into a std::string first).
thread_local BumpArena* current_arena = nullptr;

void* ArenaCalloc(size_t count, size_t size) {
  return current_arena->AllocateZeroed(count, size);
}
void* ArenaRealloc(void* p, size_t size) {
  return current_arena->Reallocate(p, size);
}
void ArenaFree(void*) {}  // given back by the Reset at the end of the page

cmark_mem arena_mem = {ArenaCalloc, ArenaRealloc, ArenaFree};

// Makes this thread's arena current for one page and resets it afterwards. A nested call
// on the same thread (not made today) would get an arena of its own.
class ArenaScope {
 public:
  ArenaScope() : previous_(current_arena) {
    static thread_local BumpArena thread_arena;
    arena_ = previous_ ? &nested_.emplace() : &thread_arena;
    current_arena = arena_;
  }
  ~ArenaScope() {
    arena_->Reset();
    current_arena = previous_;
  }
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;

 private:
  BumpArena* previous_;
  std::optional<BumpArena> nested_;
  BumpArena* arena_;
};

// One pass over cmark's HTML (rewriting it with repeated find/replace was quadratic on
// pages with many tables):
// - "<h2>\x1Fid\x1F" -> "<h2 id=\"id\">" (the marker the heading walk inserted);
// - task-list checkboxes become text: they would be unlabeled form controls;
// - tables get a focusable scroll box, so wide tables scroll by themselves at 400 % zoom
//   instead of widening the page, and header cells get scope="col".
// - "\x1E<n>\x1E" -> nothing; directive n's html_offset is set to that place.
std::string PostProcess(std::string_view s, const MarkdownOptions& options,
                        std::vector<Directive>& directives) {
  const std::string done = "<span class=\"task task-done\">☑<span class=\"visually-hidden\"> " +
                           HtmlEscape(options.task_done_label) + ":</span></span> ";
  const std::string open = "<span class=\"task\">☐<span class=\"visually-hidden\"> " +
                           HtmlEscape(options.task_open_label) + ":</span></span> ";
  struct Rule {
    std::string_view from;
    std::string_view to;
  };
  const Rule rules[] = {
      {"<input type=\"checkbox\" checked=\"\" disabled=\"\" /> ", done},
      {"<input type=\"checkbox\" disabled=\"\" /> ", open},
      {"<table>", "<div class=\"table-wrap\" tabindex=\"0\"><table>"},
      {"</table>", "</table></div>"},
      {"<th>", "<th scope=\"col\">"},
      {"<th align=", "<th scope=\"col\" align="},
  };
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  // Three memchr scans (for '<' and for the rare heading and directive marks), each restarted only
  // when passed: find_first_of would call memchr once per byte.
  auto find = [&](char c, size_t from) {
    const void* at = from < s.size() ? std::memchr(s.data() + from, c, s.size() - from) : nullptr;
    return at ? static_cast<size_t>(static_cast<const char*>(at) - s.data()) : s.size();
  };
  size_t next_tag = find('<', 0);
  size_t next_mark = find(kHeadingMark, 0);
  size_t next_directive = find(kDirectiveMark, 0);
  // Bytes from `run` to `i` are copied only when a rewrite needs them in `out` (or at the
  // end): most tags are left as they are, and appending the text before each one was
  // two appends per tag.
  size_t i = 0, run = 0;
  auto flush = [&] {
    out.append(s.data() + run, i - run);
    run = i;
  };
  while (i < s.size()) {
    if (next_tag < i) next_tag = find('<', i);
    if (next_mark < i) next_mark = find(kHeadingMark, i);
    if (next_directive < i) next_directive = find(kDirectiveMark, i);
    i = std::min({next_tag, next_mark, next_directive});
    if (i == s.size()) break;
    std::string_view rest(s.data() + i, s.size() - i);
    if (s[i] == kDirectiveMark) {
      size_t end = s.find(kDirectiveMark, i + 1);
      size_t n = end == std::string::npos ? directives.size() : 0;
      for (size_t k = i + 1; k < end && n < directives.size(); ++k) {
        n = s[k] >= '0' && s[k] <= '9' ? n * 10 + static_cast<size_t>(s[k] - '0')
                                       : directives.size();
      }
      if (end != std::string::npos && end > i + 1 && n < directives.size()) {
        flush();
        directives[n].html_offset = out.size();
        i = end + 1;
        if (i < s.size() && s[i] == '\n') ++i;  // the custom block's own line break
        run = i;
      } else {
        ++i;  // a stray control character from the source: kept
      }
      continue;
    }
    if (s[i] == kHeadingMark) {
      // Preceded by "<hN>": put the id on the tag.
      flush();
      size_t end = s.find(kHeadingMark, i + 1);
      if (end != std::string::npos && out.size() >= 4 && out.back() == '>' &&
          out[out.size() - 4] == '<' && out[out.size() - 3] == 'h') {
        out.pop_back();
        out += " id=\"";
        out.append(s, i + 1, end - i - 1);
        out += "\">";
        i = end + 1;
        run = i;
      } else {
        ++i;  // a stray control character from the source: kept
      }
      continue;
    }
    // Every rule's tag starts "<i", "<t" or "</t": most tags (<p>, <a>, </li>) are
    // passed over without comparing them with each rule.
    char c1 = rest.size() > 1 ? rest[1] : '\0';
    bool maybe = c1 == 'i' || c1 == 't' || (c1 == '/' && rest.size() > 2 && rest[2] == 't');
    bool matched = false;
    for (const Rule& r : rules) {
      if (!maybe) break;
      if (rest.substr(0, r.from.size()) == r.from) {
        flush();
        out += r.to;
        i += r.from.size();
        run = i;
        matched = true;
        break;
      }
    }
    if (!matched) ++i;  // any other tag: copied with the text that follows
  }
  i = s.size();
  flush();
  return out;
}

}  // namespace

bool IsDangerousUrl(std::string_view url) {
  std::string scheme;
  for (char c : url) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 && scheme.empty()) continue;  // browsers skip leading spaces and controls
    if (c == ':') break;
    if (u == '\t' || u == '\n' || u == '\r') continue;  // and tabs/newlines inside the scheme
    if (!std::isalnum(u) && c != '+' && c != '-' && c != '.') return false;
    scheme += static_cast<char>(std::tolower(u));
  }
  if (url.find(':') == std::string_view::npos) return false;
  return scheme == "javascript" || scheme == "vbscript" || scheme == "data" || scheme == "file";
}

RenderedMarkdown RenderMarkdown(std::string_view body, const std::string& file, int first_line,
                                const MarkdownOptions& options, const LinkResolver& resolve,
                                DiagnosticList& diags) {
  RenderedMarkdown out;
  int opts = CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
  if (options.unsafe_html) opts |= CMARK_OPT_UNSAFE;
  // Footnotes only where one could be: with the option on, cmark-gfm walks the whole tree
  // twice more after parsing to number them, on every page.
  const Brackets brackets = FindBrackets(body);
  if (brackets.footnote) opts |= CMARK_OPT_FOOTNOTES;
  // The parser, the tree and the HTML buffer live in the arena and are never freed one by
  // one: the scope's Reset gives them back (freeing the tree walked every node).
  ArenaScope arena;
  cmark_parser* parser = cmark_parser_new_with_mem(opts, &arena_mem);
  AttachExtensions(parser, body, brackets);
  cmark_parser_feed(parser, body.data(), body.size());
  cmark_node* doc = cmark_parser_finish(parser);

  // Collect first, change after: the iterator must not see a tree being rewritten.
  std::vector<cmark_node*> headings, links, dangerous, directive_paragraphs;
  cmark_node* first_paragraph = nullptr;
  {
    // Words are counted in the same walk (a walk of its own was 4 % of the build), as
    // they would be in the rewritten tree: the text of a directive's paragraph is not
    // counted, and a dangerous image (unwrapped below) does not split a word.
    bool in_word = false;
    size_t words_before_directive = 0;
    cmark_node* directive_paragraph = nullptr;
    cmark_iter* it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(it);
      cmark_node_type type = cmark_node_get_type(n);
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
        if (ev == CMARK_EVENT_ENTER && options.count_words)
          out.word_count += CountWords(cmark_node_get_literal(n), in_word);
      } else if (type != CMARK_NODE_EMPH && type != CMARK_NODE_STRONG && type != CMARK_NODE_LINK &&
                 !(type == CMARK_NODE_IMAGE && !options.unsafe_html &&
                   IsDangerousUrl(NodeUrl(n)))) {
        in_word = false;  // breaks, blocks and other nodes separate words
      }
      if (ev != CMARK_EVENT_ENTER) {
        if (n == directive_paragraph) {
          out.word_count = words_before_directive;
          directive_paragraph = nullptr;
        }
        continue;
      }
      switch (type) {
        case CMARK_NODE_HEADING:
          headings.push_back(n);
          break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
          links.push_back(n);
          break;
        case CMARK_NODE_PARAGRAPH: {
          // The directive is read from the source: cmark would split its text at '<'
          // and could read '_' or '*' in a value as emphasis. Only paragraphs whose text
          // starts with "{{" are looked up (finding a line is linear in the page).
          cmark_node* first = cmark_node_first_child(n);
          const char* lit = first && cmark_node_get_type(first) == CMARK_NODE_TEXT
                                ? cmark_node_get_literal(first)
                                : nullptr;
          std::string_view src;
          int line = cmark_node_get_start_line(n);
          int col = cmark_node_get_start_column(n);
          if (lit && lit[0] == '{' && lit[1] == '{') {
            src = LineOf(body, line);
            src = col >= 1 && static_cast<size_t>(col) <= src.size() ? src.substr(col - 1)
                                                                     : std::string_view();
          }
          if (LooksLikeDirective(src)) {
            if (auto d = ParseDirective(src, SourcePos{file, line + first_line - 1, col}, diags)) {
              out.directives.push_back(std::move(*d));
              directive_paragraphs.push_back(n);
              directive_paragraph = n;
              words_before_directive = out.word_count;
            }
            break;
          }
          if (!first_paragraph &&
              cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_DOCUMENT) {
            first_paragraph = n;
          }
          break;
        }
        default:
          break;
      }
    }
    cmark_iter_free(it);
  }

  auto pos_of = [&](cmark_node* n) {
    // Inline nodes carry positions in cmark-gfm; fall back to the enclosing block.
    cmark_node* at = n;
    while (at && cmark_node_get_start_line(at) == 0) at = cmark_node_parent(at);
    int line = at ? cmark_node_get_start_line(at) : 1;
    int col = at ? cmark_node_get_start_column(at) : 0;
    return SourcePos{file, line + first_line - 1, col};
  };

  for (cmark_node* n : links) {
    bool is_image = cmark_node_get_type(n) == CMARK_NODE_IMAGE;
    const char* u = cmark_node_get_url(n);
    std::string url = u ? u : "";
    SourcePos pos = pos_of(n);
    if (is_image && PlainText(n).empty()) {
      diags.Error(pos, "image '" + url + "' has no alt text",
                  "describe the image inside the brackets: ![what the image shows](" + url +
                      "); screen-reader users hear this text (WCAG 1.1.1)");
    }
    if (!options.unsafe_html && IsDangerousUrl(url)) {
      dangerous.push_back(n);
      continue;
    }
    std::string resolved = resolve(url, is_image, pos);
    if (resolved != url) cmark_node_set_url(n, resolved.c_str());
  }
  for (cmark_node* n : dangerous) Unwrap(n);
  for (size_t k = 0; k < directive_paragraphs.size(); ++k) {
    cmark_node* mark = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, &arena_mem);
    std::string text = std::string(1, kDirectiveMark) + std::to_string(k) + kDirectiveMark;
    cmark_node_set_on_enter(mark, text.c_str());
    cmark_node_insert_before(directive_paragraphs[k], mark);
    cmark_node_unlink(directive_paragraphs[k]);
    cmark_node_free(directive_paragraphs[k]);
  }

  std::set<std::string> used_ids;
  for (cmark_node* h : headings) {
    Heading heading;
    heading.level = cmark_node_get_heading_level(h);
    heading.text = PlainText(h);
    heading.line = cmark_node_get_start_line(h) + first_line - 1;
    std::string base = Slugify(heading.text);
    if (base.empty()) base = "osio";
    std::string id = base;
    for (int i = 1; used_ids.count(id); ++i) id = base + "-" + std::to_string(i);
    used_ids.insert(id);
    heading.id = id;

    cmark_node* mark = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, &arena_mem);
    std::string mark_text = std::string(1, kHeadingMark) + id + kHeadingMark;
    cmark_node_set_on_enter(mark, mark_text.c_str());
    cmark_node_prepend_child(h, mark);
    cmark_node* anchor = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, &arena_mem);
    std::string a = " <a class=\"heading-anchor\" href=\"#" + id +
                    "\"><span aria-hidden=\"true\">#</span>"
                    "<span class=\"visually-hidden\">" +
                    HtmlEscape(options.anchor_label) + ": " + HtmlEscape(heading.text) +
                    "</span></a>";
    cmark_node_set_on_enter(anchor, a.c_str());
    cmark_node_append_child(h, anchor);
    out.headings.push_back(std::move(heading));
  }

  if (first_paragraph) out.first_paragraph = PlainText(first_paragraph);

  // Post-processed straight from cmark's buffer: copying it into a string first was one
  // more pass over every page's HTML.
  char* html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(parser));
  out.html = PostProcess(html, options, out.directives);
  out.html.shrink_to_fit();  // kept for every page until rendering: no spare capacity
  return out;
}

}  // namespace yhdessa
