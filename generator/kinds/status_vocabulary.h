// StatusVocabulary: the traffic-light statuses a site uses for plan measures and projects,
// declared once in site.yaml so one status changed in one line changes every page,
// summary, chart and data file that shows it.
//
//   statuses:
//     - id: valmis
//       label: {fi: Valmis, sv: Klar, en: Done}
//       colour: "#1b5e20"
//       icon: check          # check | progress | empty | new | repeat, or any short text
//
// Statuses are always shown as text with an icon and a colour, never colour alone.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "generator/data/value.h"

namespace yhdessa {

struct StatusDef {
  std::string id;
  std::map<std::string, std::string> label;  // lang -> label
  std::string colour;                        // CSS colour of the marker
  std::string icon;  // a glyph shown before the label (hidden from screen readers)

  const std::string& Label(const std::string& lang) const;
};

struct StatusVocabulary {
  std::vector<StatusDef> statuses;  // in the order of site.yaml (legend order)
  const StatusDef* Find(const std::string& id) const;
  std::vector<std::string> Ids() const;
};

/// Reads `statuses:` from site.yaml (`v` may be null: an empty vocabulary).
std::optional<StatusVocabulary> ParseStatusVocabulary(const Value* v, DiagnosticList& diags);

/// CSS giving each status label its colour (an asset, so pages need no inline style).
std::string StatusStylesheet(const StatusVocabulary& vocab);

/// Checks a status id used in content: unknown ids are errors with "did you mean".
bool CheckStatus(const StatusVocabulary& vocab, const Value& v, const std::string& id,
                 DiagnosticList& diags);

}  // namespace yhdessa
