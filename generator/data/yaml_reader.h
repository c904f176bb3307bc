// YAML reader: the only user of libyaml. Turns YAML text into a Value tree with positions.
//
// `first_line` is the line of `text` within its file, so that positions in front matter
// are relative to the whole Markdown file, not to the front-matter block (Eleventy and
// Jekyll users know the pain when they are not). Syntax errors are reported with the
// position and the words libyaml gives, translated the same way. Duplicate keys are errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/diagnostic.h"
#include "generator/data/value.h"

namespace yhdessa {

/// Parses one YAML document. Returns nullopt after reporting into `diags` on error.
/// An empty document gives a null Value.
std::optional<Value> ParseYaml(std::string_view text, const std::string& file, int first_line,
                               DiagnosticList& diags);

}  // namespace yhdessa
