// The typed content kinds (`kind:` in front matter), each with its schema, and the parse
// step that turns a page's front matter into typed data for the renderer.
//
// Keys of every kind are known to the front-matter reader, so "tasks" is not taken for a
// typo of "tags". The site's status vocabulary and list of responsible bodies come from
// site.yaml (`statuses:`, `responsible_bodies:`).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "common/round/round_definition.h"
#include "generator/content/front_matter.h"
#include "generator/kinds/plan.h"
#include "generator/kinds/schema.h"
#include "generator/kinds/status_vocabulary.h"

namespace yhdessa {

struct KindInfo {
  std::string name;
  std::vector<Field> fields;
};

const std::vector<KindInfo>& Kinds();
/// Every key of every kind, for ParseFrontMatter.
std::vector<std::string> AllKindKeys();

struct KindContext {
  StatusVocabulary statuses;
  std::vector<std::string> responsible_bodies;
};

/// A proposal of a participatory-budgeting round (`kind: proposal`).
struct ProposalInfo {
  std::string round;
  std::string area;
  ProposalDefinition def;
  std::string image;
  std::string image_alt;
  SourcePos pos;
};

struct TypedContent {
  std::string kind;
  std::optional<Plan> plan;
  std::optional<RoundDefinition> round;  // pb-round, areas without proposals yet
  std::optional<ProposalInfo> proposal;
};

/// Reads the context from site.yaml's extra keys.
std::optional<KindContext> ParseKindContext(const std::map<std::string, Value>& extra,
                                            DiagnosticList& diags);

/// Checks `fm` against its kind; returns nullptr when the page has no kind or on errors.
/// `file_stem` is the page's file name without extension (the default proposal id).
std::shared_ptr<const TypedContent> ParseTypedContent(const FrontMatter& fm,
                                                      const std::string& file_stem,
                                                      const KindContext& ctx,
                                                      DiagnosticList& diags);

}  // namespace yhdessa
