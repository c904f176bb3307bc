// Schema: a small declarative description of the front-matter keys of a typed kind, and
// the checker that reports every mismatch with its position and a fix.
//
// Kinds whose data templates only display (project, service, body, assessment) are fully
// described by a schema; kinds with computed views (plan, pb-round) also have their own
// parser. Unknown keys inside a typed value are errors with "did you mean".
#pragma once

#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "generator/data/value.h"

namespace yhdessa {

struct Field {
  enum Type { kText, kInt, kBool, kDate, kTextList, kMap, kListOfMaps, kMapOfTexts, kAny };
  Field(std::string k, Type t = kText, bool req = false, std::vector<Field> sub = {})
      : key(std::move(k)), type(t), required(req), fields(std::move(sub)) {}
  std::string key;
  Type type = kText;
  bool required = false;
  std::vector<Field> fields;  // for kMap and kListOfMaps
};

/// Checks the keys `fields` of map `v` (other keys of `v` are left alone unless `closed`).
/// Returns false when an error was reported.
bool CheckSchema(const Value& v, const std::vector<Field>& fields, const std::string& what,
                 bool closed, DiagnosticList& diags);

}  // namespace yhdessa
