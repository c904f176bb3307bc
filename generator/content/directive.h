// Directives: a component named in a Markdown page, in the style of Hugo's and Zola's
// shortcodes but safe in plain Markdown and in safe mode (no raw HTML needed):
//
//   {{< ballot round="omakouvola-2026" area="alue-1" >}}
//
// A directive is a paragraph of its own, on one line: "{{<", a name, arguments
// key="value" separated by spaces, ">}}". Names and keys are lowercase letters, digits,
// '-' and '_'; values are in double quotes and cannot contain one. Inside a code block or
// a code span the same text stays literal, as does a paragraph that starts with "\{{<".
//
// This file only knows the syntax. What a directive means (which names exist, which
// arguments they need) is decided after the whole site is read (kinds/ballot_directive.h),
// so Markdown stays free of rounds and templates.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"

namespace yhdessa {

struct DirectiveArg {
  std::string key;
  std::string value;
  SourcePos key_pos;
  SourcePos value_pos;  // of the value's first character, after the quote
};

struct Directive {
  std::string name;
  SourcePos pos;  // of "{{<"
  SourcePos name_pos;
  std::vector<DirectiveArg> args;  // in source order, keys unique
  size_t html_offset = 0;  // where the Markdown renderer left room for it in the page's HTML

  const DirectiveArg* Find(std::string_view key) const;
};

/// True when `line` (a paragraph's source from its first character) is meant as a
/// directive: it starts with "{{<".
bool LooksLikeDirective(std::string_view line);

/// Parses `line`, which starts with "{{<" at position `at` (the column is that of the
/// first '{'). Reports a malformed directive at the offending column and returns nullopt.
std::optional<Directive> ParseDirective(std::string_view line, const SourcePos& at,
                                        DiagnosticList& diags);

}  // namespace yhdessa
