// Front matter: the YAML block between `---` lines at the top of a Markdown file.
//
// SplitFrontMatter finds the block and the body and remembers on which line each starts,
// so every later error (YAML, Markdown links, images) points at the right line of the
// file. ParseFrontMatter reads the keys every page understands; other keys are kept in
// `raw` for templates (`page.params.*`) and typed kinds. A key that is one typo away from
// a known key is an error ("'titel' ... did you mean 'title'?"): silently ignoring a
// misspelled `draft` would publish a draft.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"
#include "generator/data/value.h"

namespace yhdessa {

struct SplitDocument {
  std::string_view front_matter;  // without the --- lines; empty if there is none
  int front_matter_line = 0;      // 1-based line where front_matter starts (0: none)
  std::string_view body;
  int body_line = 1;  // 1-based line where body starts
};

/// Splits `text`. Reports "front matter is not closed" when the opening --- has no match.
std::optional<SplitDocument> SplitFrontMatter(std::string_view text, const std::string& file,
                                              DiagnosticList& diags);

struct FrontMatter {
  std::string title;
  std::string description;
  std::optional<DateTime> date;
  std::optional<DateTime> lastmod;
  std::optional<DateTime> publish_date;
  std::optional<DateTime> expiry_date;
  bool draft = false;
  bool toc = false;
  int64_t weight = 0;
  std::string slug;
  std::string layout;
  std::string kind;             // typed content: plan, project, pb-round, ...
  bool plain_language = false;  // selkokieli: `yhdessa check` holds it to site.yaml's limits
  std::string translation_of;   // on a translation: the source's content hash when translated
  std::vector<std::string> aliases;
  std::map<std::string, std::vector<std::string>> taxonomies;  // name -> terms
  Value raw;  // the whole front matter, for templates and typed kinds
};

/// Keys every page understands (taxonomy names come from site.yaml on top of these).
const std::vector<std::string>& CommonFrontMatterKeys();

/// Reads `fm` (a map, or null for no front matter). `taxonomies` are the names declared in
/// site.yaml; `kind_keys` are keys that typed kinds own (not typos). `fm` becomes `raw`.
std::optional<FrontMatter> ParseFrontMatter(Value fm, const std::vector<std::string>& taxonomies,
                                            const std::vector<std::string>& kind_keys,
                                            DiagnosticList& diags);

}  // namespace yhdessa
