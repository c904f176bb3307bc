#include "generator/kinds/status_vocabulary.h"

namespace yhdessa {
namespace {

std::string IconGlyph(const std::string& name) {
  if (name == "check") return "✓";
  if (name == "progress") return "◐";
  if (name == "empty") return "○";
  if (name == "new") return "✦";
  if (name == "repeat") return "↻";
  return name;
}

}  // namespace

std::string StatusStylesheet(const StatusVocabulary& vocab) {
  std::string css = "/* Generated from site.yaml's statuses. */\n";
  for (const auto& s : vocab.statuses) {
    if (!s.colour.empty()) css += ".status-" + s.id + " { border-left-color: " + s.colour + "; }\n";
  }
  return css;
}

const std::string& StatusDef::Label(const std::string& lang) const {
  auto it = label.find(lang);
  if (it != label.end()) return it->second;
  auto fi = label.find("fi");
  if (fi != label.end()) return fi->second;
  return label.empty() ? id : label.begin()->second;
}

const StatusDef* StatusVocabulary::Find(const std::string& id) const {
  for (const auto& s : statuses) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

std::vector<std::string> StatusVocabulary::Ids() const {
  std::vector<std::string> ids;
  for (const auto& s : statuses) ids.push_back(s.id);
  return ids;
}

std::optional<StatusVocabulary> ParseStatusVocabulary(const Value* v, DiagnosticList& diags) {
  StatusVocabulary vocab;
  if (v == nullptr || v->is_null()) return vocab;
  if (!v->is_list()) {
    ReportAt(
        diags, v->pos(), "'statuses' must be a list of statuses",
        "e.g. statuses: [{id: valmis, label: {fi: Valmis}, colour: \"#1b5e20\", icon: check}]");
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& item : v->items()) {
    if (!item.is_map()) {
      ReportAt(diags, item.pos(), "a status must have id, label, colour and icon");
      ok = false;
      continue;
    }
    StatusDef s;
    for (const auto& [k, x] : item.entries()) {
      if (k == "id") {
        if (auto t = ReadString(x, "'id'", diags)) s.id = *t;
      } else if (k == "label") {
        if (x.is_scalar()) {
          s.label["fi"] = x.text();
        } else if (x.is_map()) {
          for (const auto& [lang, l] : x.entries()) {
            if (auto t = ReadString(l, "'label." + lang + "'", diags)) s.label[lang] = *t;
          }
        } else {
          ReportAt(diags, x.pos(), "'label' must be a text or a map from language to text");
          ok = false;
        }
      } else if (k == "colour" || k == "color") {
        if (auto t = ReadString(x, "'colour'", diags)) s.colour = *t;
      } else if (k == "icon") {
        if (auto t = ReadString(x, "'icon'", diags)) s.icon = IconGlyph(*t);
      } else {
        ReportAt(diags, x.key_pos(), "'" + k + "' is not a status setting",
                 "a status has id, label, colour and icon");
        ok = false;
      }
    }
    if (s.id.empty()) {
      ReportAt(diags, item.pos(), "a status needs an 'id'");
      ok = false;
      continue;
    }
    if (s.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
      ReportAt(diags, item.pos(), "status id '" + s.id + "' may hold only a-z, 0-9 and '-'",
               "the id is used in CSS class names and URLs; the label is what readers see");
      ok = false;
      continue;
    }
    if (!s.colour.empty() && s.colour.find_first_of(";{}<>\"") != std::string::npos) {
      ReportAt(diags, item.pos(), "status colour '" + s.colour + "' is not a CSS colour",
               "e.g. colour: \"#1b5e20\"");
      ok = false;
      continue;
    }
    if (vocab.Find(s.id)) {
      ReportAt(diags, item.pos(), "status '" + s.id + "' is declared twice");
      ok = false;
      continue;
    }
    if (s.label.empty()) s.label["fi"] = s.id;
    vocab.statuses.push_back(std::move(s));
  }
  if (!ok) return std::nullopt;
  return vocab;
}

bool CheckStatus(const StatusVocabulary& vocab, const Value& v, const std::string& id,
                 DiagnosticList& diags) {
  if (vocab.Find(id)) return true;
  std::string near = DidYouMean(id, vocab.Ids());
  std::string known;
  for (const auto& s : vocab.statuses) known += (known.empty() ? "" : ", ") + s.id;
  ReportAt(diags, v.pos(), "unknown status '" + id + "'",
           near.empty() ? "statuses are declared in site.yaml: " + known
                        : "did you mean '" + near + "'?");
  return false;
}

}  // namespace yhdessa
