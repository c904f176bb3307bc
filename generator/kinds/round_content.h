// Participatory-budgeting rounds as content: a section with `kind: pb-round` and its
// proposals as pages with `kind: proposal` (keys in the voting-server issue and README).
//
// ParseRoundSection and ParseProposal check one page each; CollectRounds joins proposals
// to their rounds and areas across the site and reports proposals for an unknown round or
// area (with "did you mean") and ids used twice. The result is what the generator writes
// as round manifests for the voting server (common/round/round_definition.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "common/round/round_definition.h"
#include "generator/content/front_matter.h"

namespace yhdessa {

struct ProposalInfo;

std::optional<RoundDefinition> ParseRoundSection(const FrontMatter& fm, DiagnosticList& diags);
std::optional<ProposalInfo> ParseProposal(const FrontMatter& fm, const std::string& file_stem,
                                          DiagnosticList& diags);

struct RoundSource {
  RoundDefinition round;  // areas without proposals
  SourcePos pos;          // of the round's section file
};

struct ProposalSource {
  const ProposalInfo* proposal;
  std::string url;  // the proposal page's URL
  std::string file;
};

/// Adds every proposal to its round's area (in the order given). Errors are reported.
std::vector<RoundDefinition> CollectRounds(std::vector<RoundSource> rounds,
                                           const std::vector<ProposalSource>& proposals,
                                           DiagnosticList& diags);

}  // namespace yhdessa
