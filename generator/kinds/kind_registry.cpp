#include "generator/kinds/kind_registry.h"

#include <algorithm>

#include "generator/kinds/round_content.h"

namespace yhdessa {
namespace {

using F = Field;

const std::vector<Field> kLinks{{"title", F::kText, true, {}}, {"url", F::kText, true, {}}};

}  // namespace

const std::vector<KindInfo>& Kinds() {
  static const std::vector<KindInfo> k{
      {"plan",
       {{"period", F::kText},
        {"approval", F::kAny},
        {"goals", F::kAny, true},
        {"summary", F::kText}}},
      {"project",
       {{"theme", F::kText},
        {"goals", F::kTextList},
        {"tasks", F::kTextList},
        {"stakeholders",
         F::kListOfMaps,
         false,
         {{"name", F::kText, true, {}}, {"role", F::kText, false, {}}}},
        {"impact", F::kTextList},
        {"duration", F::kText},
        {"cost", F::kMap, false, {{"text", F::kText, false, {}}, {"euros", F::kInt, false, {}}}},
        {"contacts", F::kTextList},
        {"status", F::kText},
        {"links",
         F::kMap,
         false,
         {{"ev_carrier", F::kText, false, {}}, {"digital_roadmap", F::kBool, false, {}}}}}},
      {"service",
       {{"what", F::kText},
        {"how_to_take_part", F::kText},
        {"audience", F::kText},
        {"links", F::kListOfMaps, false, kLinks}}},
      {"body",
       {{"statutory", F::kBool},
        {"members", F::kAny},
        {"contact", F::kText},
        {"links", F::kListOfMaps, false, kLinks}}},
      {"assessment",
       {{"alternatives",
         F::kListOfMaps,
         true,
         {{"id", F::kText, true, {}}, {"name", F::kText, true, {}}}},
        {"dimensions",
         F::kListOfMaps,
         true,
         {{"id", F::kText, true, {}},
          {"name", F::kText, true, {}},
          {"entries", F::kMapOfTexts, true, {}}}}}},
      {"pb-round",
       {{"round", F::kText, true},
        {"opens", F::kAny, true},
        {"closes", F::kAny, true},
        {"rule", F::kText},
        {"areas", F::kAny, true},
        {"min_choices", F::kInt},
        {"max_choices", F::kInt},
        {"knapsack", F::kBool},
        {"voter_areas", F::kText},
        {"eligibility", F::kText}}},
      {"proposal",
       {{"round", F::kText, true},
        {"area", F::kText, true},
        {"id", F::kText},
        {"cost", F::kInt, true},
        {"summary", F::kText},
        {"image", F::kText},
        {"image_alt", F::kText}}},
  };
  return k;
}

std::vector<std::string> AllKindKeys() {
  std::vector<std::string> out;
  for (const auto& kind : Kinds()) {
    for (const auto& f : kind.fields) {
      if (std::find(out.begin(), out.end(), f.key) == out.end()) out.push_back(f.key);
    }
  }
  return out;
}

std::optional<KindContext> ParseKindContext(const std::map<std::string, Value>& extra,
                                            DiagnosticList& diags) {
  KindContext ctx;
  auto s = extra.find("statuses");
  auto vocab = ParseStatusVocabulary(s == extra.end() ? nullptr : &s->second, diags);
  if (!vocab) return std::nullopt;
  ctx.statuses = std::move(*vocab);
  if (auto b = extra.find("responsible_bodies"); b != extra.end()) {
    auto list = ReadStringList(b->second, "'responsible_bodies'", diags);
    if (!list) return std::nullopt;
    ctx.responsible_bodies = std::move(*list);
  }
  return ctx;
}

std::shared_ptr<const TypedContent> ParseTypedContent(const FrontMatter& fm,
                                                      const std::string& file_stem,
                                                      const KindContext& ctx,
                                                      DiagnosticList& diags) {
  if (fm.kind.empty()) return nullptr;
  const KindInfo* info = nullptr;
  std::vector<std::string> names;
  for (const auto& k : Kinds()) {
    names.push_back(k.name);
    if (k.name == fm.kind) info = &k;
  }
  const Value* kind_value = fm.raw.Find("kind");
  if (!info) {
    std::string near = DidYouMean(fm.kind, names);
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    ReportAt(diags, kind_value ? kind_value->pos() : fm.raw.pos(), "unknown kind '" + fm.kind + "'",
             near.empty() ? "kinds are: " + list : "did you mean '" + near + "'?");
    return nullptr;
  }
  if (!CheckSchema(fm.raw, info->fields, "a " + fm.kind + " page", false, diags)) return nullptr;
  auto typed = std::make_shared<TypedContent>();
  typed->kind = fm.kind;
  if (fm.kind == "plan") {
    typed->plan = ParsePlan(fm.raw, ctx.statuses, ctx.responsible_bodies, diags);
    if (!typed->plan) return nullptr;
  } else if (fm.kind == "pb-round") {
    typed->round = ParseRoundSection(fm, diags);
    if (!typed->round) return nullptr;
  } else if (fm.kind == "proposal") {
    typed->proposal = ParseProposal(fm, file_stem, diags);
    if (!typed->proposal) return nullptr;
  }
  return typed;
}

}  // namespace yhdessa
