// Value: a YAML document as a plain tree that remembers where each node came from.
//
// Front matter, site.yaml and data/ files are parsed by the YAML module into Values, so the
// rest of the generator never sees libyaml types. Scalars stay text (YAML's own type
// guessing is the source of surprises such as `no` becoming false); typed readers (AsBool,
// AsInt, AsDate) convert on request and report errors with the node's position. Maps keep
// the order of the source, which keeps output deterministic.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/diagnostic.h"

namespace yhdessa {

class Value {
 public:
  enum class Kind { kNull, kScalar, kList, kMap };
  using Entry = std::pair<std::string, Value>;

  Value() = default;
  static Value Scalar(std::string text, bool quoted, SourcePos pos);
  static Value List(SourcePos pos);
  static Value Map(SourcePos pos);
  static Value Null(SourcePos pos);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_scalar() const { return kind_ == Kind::kScalar; }
  bool is_list() const { return kind_ == Kind::kList; }
  bool is_map() const { return kind_ == Kind::kMap; }
  /// Scalar text as written (without quotes); "" for other kinds.
  const std::string& text() const { return text_; }
  /// True when the scalar was quoted in the source: "123" is then a string, not a number.
  bool quoted() const { return quoted_; }
  const SourcePos& pos() const { return pos_; }
  /// Position of the key of a map entry (set on the value when it was inserted into a map).
  const SourcePos& key_pos() const { return key_pos_; }

  const std::vector<Value>& items() const { return items_; }      // list items
  const std::vector<Entry>& entries() const { return entries_; }  // map entries in source order
  /// The value under `key` in a map, or nullptr.
  const Value* Find(std::string_view key) const;
  Value* Find(std::string_view key);

  void Append(Value v) { items_.push_back(std::move(v)); }
  void Insert(std::string key, Value v, SourcePos key_pos);

  /// A short name of the kind for error messages: "a string", "a list", "a map", "empty".
  std::string KindName() const;

 private:
  Kind kind_ = Kind::kNull;
  std::string text_;
  bool quoted_ = false;
  SourcePos pos_;
  SourcePos key_pos_;
  std::vector<Value> items_;
  std::vector<Entry> entries_;
};

/// A calendar date with an optional time; comparisons are on the UTC instant.
struct DateTime {
  int year = 0, month = 0, day = 0;
  int hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;  // east of UTC
  bool has_time = false;
  /// Seconds since the Unix epoch (UTC).
  int64_t Epoch() const;
  /// "2025-09-01" or "2025-09-01T09:00:00+03:00" (RFC 3339).
  std::string Iso() const;
  bool operator<(const DateTime& o) const { return Epoch() < o.Epoch(); }
};

/// Parses "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or RFC 3339 with T and Z/offset.
std::optional<DateTime> ParseDateTime(std::string_view text);

// Typed readers. Each returns nullopt and reports an error at the value's position when
// the value has the wrong shape; `what` names the field in the message ("'weight'").
std::optional<std::string> ReadString(const Value& v, std::string_view what, DiagnosticList& diags);
std::optional<bool> ReadBool(const Value& v, std::string_view what, DiagnosticList& diags);
std::optional<int64_t> ReadInt(const Value& v, std::string_view what, DiagnosticList& diags);
std::optional<DateTime> ReadDate(const Value& v, std::string_view what, DiagnosticList& diags);
/// A list of strings; a single string is accepted as a one-item list.
std::optional<std::vector<std::string>> ReadStringList(const Value& v, std::string_view what,
                                                       DiagnosticList& diags);

/// Reports an error at `pos`, attaching the source line from `source` when given.
void ReportAt(DiagnosticList& diags, const SourcePos& pos, std::string message,
              std::string hint = {});

}  // namespace yhdessa
