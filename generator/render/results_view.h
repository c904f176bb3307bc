// Views of a closed round's results: the results page (per area the selected proposals,
// greedy and MES side by side, every proposal with the MES explanation sentence, links to
// the open data) and the receipts page. Pure: data in, ViewData out.
//
// Sentences come from the theme's UI strings with placeholders ({supporters}, {left},
// {cost}, {price}), so each language words them its own way; amounts are formatted here.
#pragma once

#include <cstdint>
#include <string>

#include "generator/model/round_results.h"
#include "generator/render/view_data.h"

namespace yhdessa {

struct ResultsViewContext {
  std::string lang;
  std::string round_title;
  std::string round_url;     // the round page in this language
  std::string results_url;   // the results page in this language
  std::string receipts_url;  // the receipts page in this language
  std::string files_url;     // where the data files are (the default language's results page)
  UiString str;
};

ViewData ResultsView(const PublishedResults& results, const ResultsViewContext& ctx);
ViewData ReceiptsView(const PublishedResults& results, const ResultsViewContext& ctx);

/// "3 150 €", "3 150,50 €" (fi, sv); "€3,150", "€3,150.50" (en).
std::string FormatEuroCents(int64_t cents, const std::string& lang);

/// The sentence that explains a proposal's MES outcome, e.g. (fi) "Ei valittu: sen 212
/// kannattajalla oli jäljellä 3 150 € sen 9 800 €:n hinnasta."; "" without MES data.
std::string MesExplanationSentence(const ProposalOutcome& p, const std::string& lang,
                                   const UiString& str);

/// The rule's name for readers: UI string `rule_<rule>` ("rule_mes-add1").
std::string RuleName(const std::string& rule, const std::string& lang, const UiString& str);

}  // namespace yhdessa
