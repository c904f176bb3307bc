// The manifest codec and the rule fingerprint. nlohmann-json is used here only; callers see
// RoundDefinition and Status.
#include "common/round/round_definition.h"

#include <sodium.h>

#include <cctype>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace yhdessa {

namespace {

using Json = nlohmann::ordered_json;

Json ProposalToJson(const ProposalDefinition& p) {
  Json j;
  j["id"] = p.id;
  j["title"] = p.title;
  j["cost"] = p.cost;
  j["summary"] = p.summary;
  j["url"] = p.url;
  return j;
}

// Reads one member with a field path in the error; `required` members must be present.
class Reader {
 public:
  Reader(const Json& obj, std::string path) : obj_(obj), path_(std::move(path)) {}

  Status String(const char* key, std::string* out, bool required = false) const {
    auto it = obj_.find(key);
    if (it == obj_.end()) return required ? Missing(key) : Status::Ok();
    if (!it->is_string()) return Expected(key, "a string");
    *out = it->get<std::string>();
    return Status::Ok();
  }
  Status Int(const char* key, int64_t* out, bool required = false) const {
    auto it = obj_.find(key);
    if (it == obj_.end()) return required ? Missing(key) : Status::Ok();
    if (!it->is_number_integer()) return Expected(key, "an integer");
    *out = it->get<int64_t>();
    return Status::Ok();
  }
  Status Bool(const char* key, bool* out) const {
    auto it = obj_.find(key);
    if (it == obj_.end()) return Status::Ok();
    if (!it->is_boolean()) return Expected(key, "true or false");
    *out = it->get<bool>();
    return Status::Ok();
  }
  std::string Field(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  Status Missing(const char* key) const {
    return Status::InvalidArgument(Field(key) + ": missing");
  }
  Status Expected(const char* key, const char* what) const {
    return Status::InvalidArgument(Field(key) + ": expected " + what);
  }

 private:
  const Json& obj_;
  std::string path_;
};

Status ParseProposal(const Json& j, const std::string& path, ProposalDefinition* p) {
  if (!j.is_object()) return Status::InvalidArgument(path + ": expected an object");
  Reader r(j, path);
  YH_RETURN_IF_ERROR(r.String("id", &p->id, true));
  YH_RETURN_IF_ERROR(r.String("title", &p->title));
  YH_RETURN_IF_ERROR(r.Int("cost", &p->cost, true));
  YH_RETURN_IF_ERROR(r.String("summary", &p->summary));
  YH_RETURN_IF_ERROR(r.String("url", &p->url));
  if (p->cost < 0) return Status::InvalidArgument(path + ".cost: must not be negative");
  return Status::Ok();
}

Status ParseArea(const Json& j, const std::string& path, AreaDefinition* a) {
  if (!j.is_object()) return Status::InvalidArgument(path + ": expected an object");
  Reader r(j, path);
  YH_RETURN_IF_ERROR(r.String("id", &a->id, true));
  YH_RETURN_IF_ERROR(r.String("name", &a->name));
  YH_RETURN_IF_ERROR(r.Int("budget", &a->budget, true));
  if (a->budget < 0) return Status::InvalidArgument(path + ".budget: must not be negative");
  auto it = j.find("proposals");
  if (it == j.end()) return Status::Ok();
  if (!it->is_array()) return r.Expected("proposals", "an array");
  for (size_t i = 0; i < it->size(); ++i) {
    ProposalDefinition p;
    YH_RETURN_IF_ERROR(ParseProposal((*it)[i], path + ".proposals[" + std::to_string(i) + "]", &p));
    a->proposals.push_back(std::move(p));
  }
  return Status::Ok();
}

// The frozen fields only, in a fixed order, one line each: the fingerprint's input.
std::string CanonicalRules(const RoundDefinition& r) {
  std::ostringstream s;
  s << "id=" << r.id << "\nrule=" << r.rule << "\nmin_choices=" << r.min_choices
    << "\nmax_choices=" << r.max_choices << "\nknapsack=" << (r.knapsack ? 1 : 0)
    << "\nvoter_areas=" << r.voter_areas << "\n";
  for (const auto& a : r.areas) {
    // Lengths prefix each id so that no id can imitate a separator.
    s << "area " << a.id.size() << ":" << a.id << " budget=" << a.budget << "\n";
    for (const auto& p : a.proposals) {
      s << "proposal " << p.id.size() << ":" << p.id << " cost=" << p.cost << "\n";
    }
  }
  return s.str();
}

int DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's algorithm: days since 1970-01-01 in the proleptic Gregorian calendar.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int>(era * 146097 + static_cast<int64_t>(doe) - 719468);
}

}  // namespace

std::string ManifestPath(const std::string& round_id) {
  return "_yhdessa/rounds/" + round_id + ".json";
}

std::string RoundToJson(const RoundDefinition& r) {
  Json j;
  j["format"] = 1;
  j["id"] = r.id;
  j["title"] = r.title;
  j["opens"] = r.opens;
  j["closes"] = r.closes;
  j["rule"] = r.rule;
  j["min_choices"] = r.min_choices;
  j["max_choices"] = r.max_choices;
  j["knapsack"] = r.knapsack;
  j["voter_areas"] = r.voter_areas;
  j["eligibility"] = r.eligibility;
  j["url"] = r.url;
  Json areas = Json::array();
  for (const auto& a : r.areas) {
    Json ja;
    ja["id"] = a.id;
    ja["name"] = a.name;
    ja["budget"] = a.budget;
    Json props = Json::array();
    for (const auto& p : a.proposals) props.push_back(ProposalToJson(p));
    ja["proposals"] = std::move(props);
    areas.push_back(std::move(ja));
  }
  j["areas"] = std::move(areas);
  return j.dump(2) + "\n";
}

Result<RoundDefinition> RoundFromJson(const std::string& text) {
  Json j;
  try {
    j = Json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidArgument(std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object()) return Status::InvalidArgument("expected a JSON object");
  Reader r(j, "");
  int64_t format = 0;
  YH_RETURN_IF_ERROR(r.Int("format", &format, true));
  if (format != 1) {
    return Status::InvalidArgument("format: unsupported manifest format " + std::to_string(format) +
                                   " (this program reads 1)");
  }
  RoundDefinition round;
  YH_RETURN_IF_ERROR(r.String("id", &round.id, true));
  YH_RETURN_IF_ERROR(r.String("title", &round.title));
  YH_RETURN_IF_ERROR(r.String("opens", &round.opens, true));
  YH_RETURN_IF_ERROR(r.String("closes", &round.closes, true));
  YH_RETURN_IF_ERROR(r.String("rule", &round.rule));
  int64_t min_choices = round.min_choices, max_choices = round.max_choices;
  YH_RETURN_IF_ERROR(r.Int("min_choices", &min_choices));
  YH_RETURN_IF_ERROR(r.Int("max_choices", &max_choices));
  if (min_choices < 0 || min_choices > 100000) {
    return Status::InvalidArgument("min_choices: out of range");
  }
  if (max_choices < 0 || max_choices > 100000) {
    return Status::InvalidArgument("max_choices: out of range");
  }
  round.min_choices = static_cast<int>(min_choices);
  round.max_choices = static_cast<int>(max_choices);
  YH_RETURN_IF_ERROR(r.Bool("knapsack", &round.knapsack));
  YH_RETURN_IF_ERROR(r.String("voter_areas", &round.voter_areas));
  YH_RETURN_IF_ERROR(r.String("eligibility", &round.eligibility));
  YH_RETURN_IF_ERROR(r.String("url", &round.url));
  for (const char* key : {"opens", "closes"}) {
    auto t = ParseIsoTimestamp(key == std::string("opens") ? round.opens : round.closes);
    if (!t.ok()) return Status::InvalidArgument(std::string(key) + ": " + t.status().message());
  }
  bool known_rule = false;
  for (const auto& k : KnownRules()) known_rule = known_rule || k == round.rule;
  if (!known_rule) {
    return Status::InvalidArgument("rule: unknown rule '" + round.rule +
                                   "' (expected greedy, mes or mes-add1)");
  }
  if (round.voter_areas != "one" && round.voter_areas != "all") {
    return Status::InvalidArgument("voter_areas: expected 'one' or 'all', got '" +
                                   round.voter_areas + "'");
  }
  auto it = j.find("areas");
  if (it == j.end()) return r.Missing("areas");
  if (!it->is_array()) return r.Expected("areas", "an array");
  std::set<std::string> area_ids, proposal_ids;
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string path = "areas[" + std::to_string(i) + "]";
    AreaDefinition a;
    YH_RETURN_IF_ERROR(ParseArea((*it)[i], path, &a));
    if (!area_ids.insert(a.id).second) {
      return Status::InvalidArgument(path + ".id: area '" + a.id + "' appears twice");
    }
    for (size_t k = 0; k < a.proposals.size(); ++k) {
      if (!proposal_ids.insert(a.proposals[k].id).second) {
        return Status::InvalidArgument(path + ".proposals[" + std::to_string(k) +
                                       "].id: proposal '" + a.proposals[k].id +
                                       "' appears twice in the round");
      }
    }
    round.areas.push_back(std::move(a));
  }
  return round;
}

Result<int64_t> ParseIsoTimestamp(const std::string& text) {
  const auto bad = [&] {
    return Status::InvalidArgument("'" + text +
                                   "' is not a date and time like 2025-09-01T09:00:00+03:00");
  };
  auto digits = [&](size_t pos, size_t n, int* out) {
    if (pos + n > text.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
      v = v * 10 + (text[i] - '0');
    }
    *out = v;
    return true;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digits(0, 4, &y) || text.size() < 10 || text[4] != '-' || !digits(5, 2, &mo) ||
      text[7] != '-' || !digits(8, 2, &d)) {
    return bad();
  }
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1]) return bad();
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (mo == 2 && d == 29 && !leap) return bad();
  int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  if (text.size() == 10) return days * 86400;
  if ((text[10] != 'T' && text[10] != ' ') || !digits(11, 2, &h) || text.size() < 16 ||
      text[13] != ':' || !digits(14, 2, &mi)) {
    return bad();
  }
  size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!digits(pos + 1, 2, &s)) return bad();
    pos += 3;
  }
  if (h > 23 || mi > 59 || s > 60) return bad();
  int64_t offset = 0;
  if (pos == text.size()) return bad();  // a local time without offset is ambiguous
  if (text[pos] == 'Z' && pos + 1 == text.size()) {
    offset = 0;
  } else if ((text[pos] == '+' || text[pos] == '-') && text.size() == pos + 6 &&
             text[pos + 3] == ':') {
    int oh = 0, om = 0;
    if (!digits(pos + 1, 2, &oh) || !digits(pos + 4, 2, &om) || oh > 23 || om > 59) return bad();
    offset = (oh * 3600 + om * 60) * (text[pos] == '-' ? -1 : 1);
  } else {
    return bad();
  }
  return days * 86400 + h * 3600 + mi * 60 + s - offset;
}

std::string RulesFingerprint(const RoundDefinition& round) {
  const std::string canonical = CanonicalRules(round);
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(canonical.data()),
                     canonical.size(), nullptr, 0);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : hash) {
    hex.push_back(kHex[c >> 4]);
    hex.push_back(kHex[c & 15]);
  }
  return hex;
}

std::string DescribeRuleChanges(const RoundDefinition& before, const RoundDefinition& after) {
  std::vector<std::string> changes;
  auto field = [&](const char* name, const std::string& a, const std::string& b) {
    if (a != b) changes.push_back(std::string(name) + " " + a + " -> " + b);
  };
  field("rule", before.rule, after.rule);
  field("min_choices", std::to_string(before.min_choices), std::to_string(after.min_choices));
  field("max_choices", std::to_string(before.max_choices), std::to_string(after.max_choices));
  field("knapsack", before.knapsack ? "true" : "false", after.knapsack ? "true" : "false");
  field("voter_areas", before.voter_areas, after.voter_areas);

  std::map<std::string, const AreaDefinition*> old_areas, new_areas;
  for (const auto& a : before.areas) old_areas[a.id] = &a;
  for (const auto& a : after.areas) new_areas[a.id] = &a;
  for (const auto& a : before.areas) {
    auto it = new_areas.find(a.id);
    if (it == new_areas.end()) {
      changes.push_back("area " + a.id + ": removed");
      continue;
    }
    const AreaDefinition& b = *it->second;
    if (a.budget != b.budget) {
      changes.push_back("area " + a.id + ": budget " + std::to_string(a.budget) + " -> " +
                        std::to_string(b.budget));
    }
    std::map<std::string, const ProposalDefinition*> new_props;
    std::set<std::string> old_ids;
    for (const auto& p : b.proposals) new_props[p.id] = &p;
    for (const auto& p : a.proposals) {
      old_ids.insert(p.id);
      auto pit = new_props.find(p.id);
      if (pit == new_props.end()) {
        changes.push_back("proposal " + p.id + ": removed");
      } else if (pit->second->cost != p.cost) {
        changes.push_back("proposal " + p.id + ": cost " + std::to_string(p.cost) + " -> " +
                          std::to_string(pit->second->cost));
      }
    }
    for (const auto& p : b.proposals) {
      if (!old_ids.count(p.id)) changes.push_back("proposal " + p.id + ": added");
    }
  }
  for (const auto& b : after.areas) {
    if (!old_areas.count(b.id)) changes.push_back("area " + b.id + ": added");
  }
  if (changes.empty() && RulesFingerprint(before) != RulesFingerprint(after)) {
    // Same content in a different order still changes what voters were shown.
    changes.push_back("order of areas or proposals changed");
  }
  std::string out;
  for (const auto& c : changes) {
    if (!out.empty()) out += "; ";
    out += c;
  }
  return out;
}

}  // namespace yhdessa
