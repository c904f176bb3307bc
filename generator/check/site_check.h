// Site checks for `yhdessa check`: everything the communications team should fix before
// publishing, as `file:line: rule: message` lines (or JSON for CI).
//
// The build's own errors (broken links and anchors, missing alt texts, bad front matter)
// come first; then rules that only warn in a build: heading order, tables with headers,
// lang attributes, readability per page and plain-language limits (pages with
// `plain_language: true`), translation status, and the accessibility statement's age.
// Pure: it reads the model and the rendered files; `--external` link probing lives in
// http/external_links.h.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "generator/check/readability.h"
#include "generator/model/site.h"

namespace yhdessa {

struct Finding {
  Severity severity = Severity::kError;
  std::string file;
  int line = 0;
  std::string rule;
  std::string message;
};

struct PageReadability {
  std::string file;
  std::string url;
  ReadabilityReport report;
};

struct CheckReport {
  std::vector<Finding> findings;  // sorted by file, line, rule
  std::vector<PageReadability> readability;
  bool has_errors() const;
};

/// Turns build diagnostics into findings (rule from the kind of problem).
void AddBuildFindings(const DiagnosticList& diags, CheckReport& report);

/// Runs every rule over the built site. `files` are the rendered output files.
void CheckSite(const Site& site, const std::map<std::string, std::string>& files,
               CheckReport& report);

/// The content hash a translation records in `translation_of`: 12 hex digits of the
/// source page's translatable text, i.e. its title, `description`, `summary` and body.
/// Typed data (a plan's goals, a round's rules) is shared, not translated, and not hashed.
std::string SourceHash(const Page& source);

std::string FormatFindingsText(const CheckReport& report);
std::string FormatFindingsJson(const CheckReport& report);

}  // namespace yhdessa
