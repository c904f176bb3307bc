#include "generator/kinds/accessibility_statement.h"

#include "generator/kinds/schema.h"

namespace yhdessa {
namespace {

LocalText ReadLocal(const Value* v) {
  LocalText t;
  if (!v) return t;
  if (v->is_scalar()) {
    t.by_lang[""] = v->text();
  } else if (v->is_map()) {
    for (const auto& [lang, x] : v->entries()) {
      if (x.is_scalar()) t.by_lang[lang] = x.text();
    }
  }
  return t;
}

std::string Text(const Value& map, const char* key) {
  const Value* v = map.Find(key);
  return v && v->is_scalar() ? v->text() : "";
}

}  // namespace

std::string LocalText::Get(const std::string& lang) const {
  if (auto it = by_lang.find(lang); it != by_lang.end()) return it->second;
  if (auto it = by_lang.find(""); it != by_lang.end()) return it->second;
  if (auto it = by_lang.find("fi"); it != by_lang.end()) return it->second;
  return by_lang.empty() ? "" : by_lang.begin()->second;
}

std::optional<AccessibilityStatement> ParseAccessibilityStatement(const Value& v,
                                                                  const std::string& file,
                                                                  DiagnosticList& diags) {
  using F = Field;
  const std::vector<Field> schema{
      {"organisation", F::kAny, true},
      {"compliance", F::kText, true},
      {"non_accessible",
       F::kListOfMaps,
       false,
       {{"content", F::kAny, true}, {"reason", F::kAny, true}}},
      {"prepared", F::kDate, true},
      {"reviewed", F::kDate, true},
      {"assessment", F::kText, true},
      {"assessed_by", F::kAny},
      {"feedback",
       F::kMap,
       true,
       {{"email", F::kText, true}, {"form", F::kText}, {"response_time_days", F::kInt}}},
      {"authority",
       F::kMap,
       true,
       {{"name", F::kAny, true},
        {"url", F::kText, true},
        {"email", F::kText},
        {"phone", F::kText}}},
  };
  if (!CheckSchema(v, schema, "the accessibility statement", true, diags)) return std::nullopt;
  AccessibilityStatement s;
  s.file = file;
  s.organisation = ReadLocal(v.Find("organisation"));
  s.compliance = Text(v, "compliance");
  if (s.compliance != "full" && s.compliance != "partial" && s.compliance != "none") {
    ReportAt(
        diags, v.Find("compliance")->pos(), "'compliance' must be full, partial or none",
        "partial: the site meets the requirements except for the content listed in non_accessible");
    return std::nullopt;
  }
  if (const Value* list = v.Find("non_accessible")) {
    for (const auto& item : list->items())
      s.non_accessible.push_back({ReadLocal(item.Find("content")), ReadLocal(item.Find("reason"))});
  }
  if (s.compliance == "partial" && s.non_accessible.empty()) {
    ReportAt(diags, v.Find("compliance")->pos(),
             "a partially compliant site must list its non_accessible content");
    return std::nullopt;
  }
  s.prepared = *ParseDateTime(Text(v, "prepared"));
  s.reviewed = *ParseDateTime(Text(v, "reviewed"));
  s.assessment = Text(v, "assessment");
  if (s.assessment != "self" && s.assessment != "third-party") {
    ReportAt(diags, v.Find("assessment")->pos(), "'assessment' must be self or third-party");
    return std::nullopt;
  }
  s.assessed_by = ReadLocal(v.Find("assessed_by"));
  const Value& fb = *v.Find("feedback");
  s.feedback_email = Text(fb, "email");
  s.feedback_form = Text(fb, "form");
  if (const Value* days = fb.Find("response_time_days"))
    s.response_time_days = std::stoll(days->text());
  const Value& au = *v.Find("authority");
  s.authority_name = ReadLocal(au.Find("name"));
  s.authority_url = Text(au, "url");
  s.authority_email = Text(au, "email");
  s.authority_phone = Text(au, "phone");
  return s;
}

}  // namespace yhdessa
