#include "generator/kinds/schema.h"

#include <algorithm>

namespace yhdessa {
namespace {

const char* TypeName(Field::Type t) {
  switch (t) {
    case Field::kText:
      return "a text";
    case Field::kInt:
      return "a whole number";
    case Field::kBool:
      return "true or false";
    case Field::kDate:
      return "a date";
    case Field::kTextList:
      return "a list of texts";
    case Field::kMap:
      return "a map";
    case Field::kListOfMaps:
      return "a list of maps";
    case Field::kMapOfTexts:
      return "a map of texts";
    case Field::kAny:
      return "a value";
  }
  return "?";
}

}  // namespace

bool CheckSchema(const Value& v, const std::vector<Field>& fields, const std::string& what,
                 bool closed, DiagnosticList& diags) {
  size_t before = diags.error_count();
  if (!v.is_map()) {
    ReportAt(diags, v.pos(), what + " must be a map, not " + v.KindName());
    return false;
  }
  std::vector<std::string> keys;
  for (const auto& f : fields) keys.push_back(f.key);
  if (closed) {
    for (const auto& [k, x] : v.entries()) {
      if (std::find(keys.begin(), keys.end(), k) != keys.end()) continue;
      std::string near = DidYouMean(k, keys);
      std::string list;
      for (const auto& key : keys) list += (list.empty() ? "" : ", ") + key;
      ReportAt(diags, x.key_pos(), "'" + k + "' is not a key of " + what,
               near.empty() ? what + " has: " + list : "did you mean '" + near + "'?");
    }
  }
  for (const auto& f : fields) {
    const Value* x = v.Find(f.key);
    if (!x || x->is_null()) {
      if (f.required) {
        ReportAt(diags, v.pos(), what + " needs '" + f.key + "' (" + TypeName(f.type) + ")");
      }
      continue;
    }
    const std::string name = "'" + f.key + "'";
    switch (f.type) {
      case Field::kText:
        ReadString(*x, name, diags);
        break;
      case Field::kInt:
        ReadInt(*x, name, diags);
        break;
      case Field::kBool:
        ReadBool(*x, name, diags);
        break;
      case Field::kDate:
        ReadDate(*x, name, diags);
        break;
      case Field::kTextList:
        ReadStringList(*x, name, diags);
        break;
      case Field::kMap:
        CheckSchema(*x, f.fields, name, true, diags);
        break;
      case Field::kMapOfTexts:
        if (!x->is_map()) {
          ReportAt(diags, x->pos(), name + " must be a map of texts, not " + x->KindName());
        } else {
          for (const auto& [k, item] : x->entries())
            ReadString(item, "'" + f.key + "." + k + "'", diags);
        }
        break;
      case Field::kListOfMaps:
        if (!x->is_list()) {
          ReportAt(diags, x->pos(), name + " must be a list, not " + x->KindName(),
                   "write each item on its own line starting with '- '");
        } else {
          for (const auto& item : x->items())
            CheckSchema(item, f.fields, "an item of " + name, true, diags);
        }
        break;
      case Field::kAny:
        break;
    }
  }
  return diags.error_count() == before;
}

}  // namespace yhdessa
