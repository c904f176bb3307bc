#include "generator/data/value.h"

#include <charconv>
#include <cstdio>

namespace yhdessa {

Value Value::Scalar(std::string text, bool quoted, SourcePos pos) {
  Value v;
  v.kind_ = Kind::kScalar;
  v.text_ = std::move(text);
  v.quoted_ = quoted;
  v.pos_ = std::move(pos);
  return v;
}

Value Value::List(SourcePos pos) {
  Value v;
  v.kind_ = Kind::kList;
  v.pos_ = std::move(pos);
  return v;
}

Value Value::Map(SourcePos pos) {
  Value v;
  v.kind_ = Kind::kMap;
  v.pos_ = std::move(pos);
  return v;
}

Value Value::Null(SourcePos pos) {
  Value v;
  v.pos_ = std::move(pos);
  return v;
}

const Value* Value::Find(std::string_view key) const {
  for (const auto& [k, v] : entries_) {
    if (k == key) return &v;
  }
  return nullptr;
}

Value* Value::Find(std::string_view key) {
  for (auto& [k, v] : entries_) {
    if (k == key) return &v;
  }
  return nullptr;
}

void Value::Insert(std::string key, Value v, SourcePos key_pos) {
  v.key_pos_ = std::move(key_pos);
  entries_.emplace_back(std::move(key), std::move(v));
}

std::string Value::KindName() const {
  switch (kind_) {
    case Kind::kNull:
      return "empty";
    case Kind::kScalar:
      return "a single value";
    case Kind::kList:
      return "a list";
    case Kind::kMap:
      return "a map";
  }
  return "?";
}

static int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int64_t DateTime::Epoch() const {
  return DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
         offset_minutes * 60;
}

std::string DateTime::Iso() const {
  // Digits by hand when every field fits its width (always, for parsed dates): a warm
  // build formats two dates per page (sitemap, render fingerprints), and snprintf was
  // 4 % of its instructions. Anything else takes snprintf, which the fast path equals.
  int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  auto fits = [](int v, int max) { return v >= 0 && v <= max; };
  if (fits(year, 9999) && fits(month, 99) && fits(day, 99) &&
      (!has_time ||
       (fits(hour, 99) && fits(minute, 99) && fits(second, 99) && fits(off / 60, 99)))) {
    std::string out;
    auto put = [&](int v, int width) {
      char d[4];
      for (int i = width - 1; i >= 0; --i, v /= 10) d[i] = static_cast<char>('0' + v % 10);
      out.append(d, static_cast<size_t>(width));
    };
    put(year, 4);
    out += '-';
    put(month, 2);
    out += '-';
    put(day, 2);
    if (!has_time) return out;
    out += 'T';
    put(hour, 2);
    out += ':';
    put(minute, 2);
    out += ':';
    put(second, 2);
    if (offset_minutes == 0) return out + 'Z';
    out += offset_minutes < 0 ? '-' : '+';
    put(off / 60, 2);
    out += ':';
    put(off % 60, 2);
    return out;
  }
  char buf[40];
  if (!has_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  } else if (offset_minutes == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute,
                  second);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, month, day,
                  hour, minute, second, offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  }
  return buf;
}

static bool Digits(std::string_view s, size_t at, size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::optional<DateTime> ParseDateTime(std::string_view s) {
  DateTime dt;
  if (!Digits(s, 0, 4, dt.year) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, dt.month) ||
      s[7] != '-' || !Digits(s, 8, 2, dt.day)) {
    return std::nullopt;
  }
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (dt.month < 1 || dt.month > 12 || dt.day < 1 || dt.day > kDays[dt.month - 1])
    return std::nullopt;
  bool leap = (dt.year % 4 == 0 && dt.year % 100 != 0) || dt.year % 400 == 0;
  if (dt.month == 2 && dt.day == 29 && !leap) return std::nullopt;
  if (s.size() == 10) return dt;
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  if (!Digits(s, 11, 2, dt.hour) || s.size() < 16 || s[13] != ':' || !Digits(s, 14, 2, dt.minute)) {
    return std::nullopt;
  }
  size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!Digits(s, i + 1, 2, dt.second)) return std::nullopt;
    i += 3;
    if (i < s.size() && s[i] == '.') {  // fractional seconds are accepted and dropped
      ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
  }
  if (dt.hour > 23 || dt.minute > 59 || dt.second > 60) return std::nullopt;
  dt.has_time = true;
  if (i == s.size()) return dt;
  if (s[i] == 'Z' || s[i] == 'z') return i + 1 == s.size() ? std::optional(dt) : std::nullopt;
  if (s[i] != '+' && s[i] != '-') return std::nullopt;
  int oh = 0, om = 0;
  if (!Digits(s, i + 1, 2, oh)) return std::nullopt;
  size_t j = i + 3;
  if (j < s.size() && s[j] == ':') ++j;
  if (!Digits(s, j, 2, om) || j + 2 != s.size()) return std::nullopt;
  dt.offset_minutes = (s[i] == '-' ? -1 : 1) * (oh * 60 + om);
  return dt;
}

void ReportAt(DiagnosticList& diags, const SourcePos& pos, std::string message, std::string hint) {
  diags.Error(pos, std::move(message), std::move(hint));
}

std::optional<std::string> ReadString(const Value& v, std::string_view what,
                                      DiagnosticList& diags) {
  if (v.is_scalar()) return v.text();
  if (v.is_null()) return std::string();
  ReportAt(diags, v.pos(), std::string(what) + " must be a text, not " + v.KindName(),
           "write the text on the same line, after the colon");
  return std::nullopt;
}

std::optional<bool> ReadBool(const Value& v, std::string_view what, DiagnosticList& diags) {
  if (v.is_scalar() && !v.quoted()) {
    if (v.text() == "true") return true;
    if (v.text() == "false") return false;
  }
  ReportAt(diags, v.pos(), std::string(what) + " must be true or false, not '" + v.text() + "'");
  return std::nullopt;
}

std::optional<int64_t> ReadInt(const Value& v, std::string_view what, DiagnosticList& diags) {
  if (v.is_scalar()) {
    const std::string& t = v.text();
    int64_t out = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    if (ec == std::errc() && p == t.data() + t.size() && !t.empty()) return out;
  }
  ReportAt(diags, v.pos(),
           std::string(what) + " must be a whole number, not " +
               (v.is_scalar() ? "'" + v.text() + "'" : v.KindName()));
  return std::nullopt;
}

std::optional<DateTime> ReadDate(const Value& v, std::string_view what, DiagnosticList& diags) {
  if (v.is_scalar()) {
    if (auto dt = ParseDateTime(v.text())) return dt;
  }
  ReportAt(diags, v.pos(),
           std::string(what) + " must be a date, not " +
               (v.is_scalar() ? "'" + v.text() + "'" : v.KindName()),
           "write dates as YYYY-MM-DD, or 2025-09-01T09:00:00+03:00 with a time");
  return std::nullopt;
}

std::optional<std::vector<std::string>> ReadStringList(const Value& v, std::string_view what,
                                                       DiagnosticList& diags) {
  std::vector<std::string> out;
  if (v.is_null()) return out;
  if (v.is_scalar()) {
    out.push_back(v.text());
    return out;
  }
  if (v.is_list()) {
    bool ok = true;
    for (const auto& item : v.items()) {
      if (item.is_scalar()) {
        out.push_back(item.text());
      } else {
        ReportAt(diags, item.pos(),
                 std::string(what) + " must be a list of texts; this item is " + item.KindName());
        ok = false;
      }
    }
    if (ok) return out;
    return std::nullopt;
  }
  ReportAt(diags, v.pos(), std::string(what) + " must be a list of texts, not " + v.KindName(),
           "write it as [a, b] or as lines starting with '- '");
  return std::nullopt;
}

}  // namespace yhdessa
