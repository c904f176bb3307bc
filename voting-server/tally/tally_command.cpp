#include "voting-server/tally/tally_command.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "voting-server/tally/greedy.h"
#include "voting-server/tally/mes.h"
#include "voting-server/tally/mes_add1.h"
#include "voting-server/tally/money.h"
#include "voting-server/tally/pabulib_reader.h"
#include "voting-server/tally/tally_json.h"

namespace yhdessa::tally {
namespace {

constexpr const char* kUsage =
    "usage: tally --pabulib FILE --rule greedy|mes|mes-add1 [--tie-break id|default] "
    "[--format json|text]\n";

struct Options {
  std::string file;
  std::string rule;
  TieBreak tie_break = TieBreak::kDefault;
  bool json = true;
};

// Returns an error message for `err`, or nullopt when the arguments are fine.
std::optional<std::string> ParseOptions(const std::vector<std::string>& args, Options& o) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") return std::string();
    if (a != "--pabulib" && a != "--rule" && a != "--tie-break" && a != "--format") {
      return "unknown argument '" + a + "'";
    }
    if (i + 1 >= args.size()) return a + " needs a value";
    const std::string& v = args[++i];
    if (a == "--pabulib") {
      o.file = v;
    } else if (a == "--rule") {
      if (v != "greedy" && v != "mes" && v != "mes-add1") {
        return "unknown rule '" + v + "' (use greedy, mes or mes-add1)";
      }
      o.rule = v;
    } else if (a == "--tie-break") {
      auto t = ParseTieBreak(v);
      if (!t) return "unknown tie-break '" + v + "' (use default or id)";
      o.tie_break = *t;
    } else {
      if (v != "json" && v != "text") return "unknown format '" + v + "' (use json or text)";
      o.json = v == "json";
    }
  }
  if (o.file.empty()) return std::string("--pabulib FILE is required");
  if (o.rule.empty()) return std::string("--rule is required");
  return std::nullopt;
}

// Amounts as JSON numbers: whole units as integers, otherwise with their cents.
nlohmann::json Money(int64_t cents) {
  if (cents % 100 == 0) return cents / 100;
  return static_cast<double>(cents) / 100.0;
}

std::string Explain(const Election& e, const ProjectResult& r, int64_t cost) {
  if (!r.mes) return {};
  const MesExplanation& x = *r.mes;
  std::string unit = e.vote_type == VoteType::kCumulative ? " per point" : "";
  if (r.selected_by_completion) {
    return "selected by the completion: it fitted in the money left after equal shares";
  }
  if (r.selected) {
    return "selected at step " + std::to_string(x.step) + ": its " + std::to_string(x.supporters) +
           " supporters paid at most " + FormatCents(x.max_payment_cents) + unit + " each";
  }
  if (x.supporters == 0) return "not selected: nobody voted for it";
  return "not selected: its " + std::to_string(x.supporters) + " supporters had " +
         FormatCents(x.money_left_cents) + " left of the " + FormatCents(cost) + " it costs";
}

std::vector<std::string> Ids(const Election& e, const std::vector<int>& projects) {
  std::vector<std::string> ids;
  for (int p : projects) ids.push_back(e.projects[p].id);
  return ids;
}

nlohmann::json ToJson(const Options& o, const Election& e, const TallyResult& r) {
  nlohmann::json j;
  j["rule"] = o.rule;
  j["tie_break"] = TieBreakName(o.tie_break);
  j["vote_type"] = VoteTypeName(e.vote_type);
  j["voters"] = e.ballots.size();
  j["budget"] = Money(e.budget);
  std::vector<std::string> selected = Ids(e, r.selected);
  std::sort(selected.begin(), selected.end());
  j["selected"] = selected;
  j["total_cost"] = Money(r.total_cost);
  if (o.rule != "greedy") {
    j["share_per_voter"] = Money(r.share_cents);
    j["mes_runs"] = r.mes_runs;
  }
  nlohmann::json projects = nlohmann::json::array();
  for (size_t p = 0; p < e.projects.size(); ++p) {
    const ProjectResult& pr = r.projects[p];
    nlohmann::json pj;
    pj["id"] = e.projects[p].id;
    pj["cost"] = Money(e.projects[p].cost);
    pj["votes"] = pr.votes;
    pj["selected"] = pr.selected;
    if (pr.mes) {
      pj["supporters"] = pr.mes->supporters;
      if (pr.selected_by_completion) {
        pj["selected_by"] = "completion";
      } else if (pr.selected) {
        pj["selected_by"] = "equal shares";
        pj["step"] = pr.mes->step;
        pj["max_payment_per_supporter"] = Money(pr.mes->max_payment_cents);
      }
      if (!pr.selected) pj["supporters_money_left"] = Money(pr.mes->money_left_cents);
      pj["explanation"] = Explain(e, pr, e.projects[p].cost);
    }
    projects.push_back(std::move(pj));
  }
  j["projects"] = std::move(projects);
  j["ties"] = TiesJson(e, r);
  return j;
}

void WriteText(const Options& o, const Election& e, const TallyResult& r, std::ostream& out) {
  out << "rule: " << o.rule << " (tie-break: " << TieBreakName(o.tie_break) << ")\n";
  out << "budget: " << FormatCents(e.budget) << ", used: " << FormatCents(r.total_cost) << ", "
      << r.selected.size() << " of " << e.projects.size() << " projects selected, "
      << e.ballots.size() << " voters\n";
  if (o.rule != "greedy") {
    out << "share per voter: " << FormatCents(r.share_cents) << " (" << r.mes_runs
        << " MES runs)\n";
  }
  out << "selected, in order:\n";
  for (int p : r.selected) {
    out << "  " << e.projects[p].id << "  cost " << FormatCents(e.projects[p].cost) << "  votes "
        << r.projects[p].votes;
    std::string why = Explain(e, r.projects[p], e.projects[p].cost);
    if (!why.empty()) out << "  -- " << why;
    out << '\n';
  }
  if (o.rule != "greedy") {
    out << "not selected:\n";
    for (size_t p = 0; p < e.projects.size(); ++p) {
      if (r.projects[p].selected) continue;
      out << "  " << e.projects[p].id << "  -- " << Explain(e, r.projects[p], e.projects[p].cost)
          << '\n';
    }
  }
  for (const TieRecord& t : r.ties) {
    out << "tie at step " << t.step << ":";
    for (const std::string& id : Ids(e, t.tied)) out << ' ' << id;
    out << "; decided by " << t.reason << " for";
    for (const std::string& id : Ids(e, t.winners)) out << ' ' << id;
    out << '\n';
  }
}

}  // namespace

int RunTallyCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Options o;
  if (auto problem = ParseOptions(args, o)) {
    if (!problem->empty()) err << "tally: " << *problem << '\n';
    err << kUsage;
    return problem->empty() ? 0 : 2;
  }
  std::ifstream in(o.file, std::ios::binary);
  if (!in) {
    err << o.file << ": error: cannot open the file\n";
    return 1;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  auto data = ReadPabulib(text, o.file);
  if (!data.ok()) {
    err << data.status().message() << '\n';
    return 1;
  }
  for (const Diagnostic& w : data->warnings) err << FormatDiagnostic(w) << '\n';
  const Election& e = data->election;
  Status s = CheckTallyable(e);
  if (s.ok()) s = Validate(e);
  if (!s.ok()) {
    err << o.file << ": error: " << s.message() << '\n';
    return 1;
  }
  TallyResult r = o.rule == "greedy" ? Greedy(e, o.tie_break)
                  : o.rule == "mes"  ? Mes(e, o.tie_break)
                                     : MesAdd1(e, o.tie_break);
  if (o.json) {
    out << ToJson(o, e, r).dump(2) << '\n';
  } else {
    WriteText(o, e, r, out);
  }
  return 0;
}

}  // namespace yhdessa::tally
