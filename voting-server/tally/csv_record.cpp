#include "voting-server/tally/csv_record.h"

namespace yhdessa::tally {

std::vector<CsvRecord> SplitCsvRecords(std::string_view text, char separator) {
  std::vector<CsvRecord> records;
  size_t i = 0;
  int line = 1;
  size_t line_start = 0;
  const size_t n = text.size();
  while (i < n) {
    CsvRecord rec;
    rec.line = line;
    std::string field;
    int field_col = static_cast<int>(i - line_start) + 1;
    bool in_quotes = false;
    bool field_started_quoted = false;
    bool done = false;
    while (i < n && !done) {
      char c = text[i];
      if (in_quotes) {
        if (c == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
          } else {
            in_quotes = false;
            ++i;
          }
        } else {
          if (c == '\n') {
            ++line;
            line_start = i + 1;
          }
          field += c;
          ++i;
        }
        continue;
      }
      if (c == '"' && field.empty() && !field_started_quoted) {
        in_quotes = true;
        field_started_quoted = true;
        ++i;
      } else if (c == separator) {
        rec.fields.push_back(std::move(field));
        rec.cols.push_back(field_col);
        field.clear();
        field_started_quoted = false;
        ++i;
        field_col = static_cast<int>(i - line_start) + 1;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        line_start = i;
        done = true;
      } else {
        field += c;
        ++i;
      }
    }
    rec.fields.push_back(std::move(field));
    rec.cols.push_back(field_col);
    rec.blank = rec.fields.size() == 1 && rec.fields[0].empty() && !field_started_quoted;
    records.push_back(std::move(rec));
  }
  return records;
}

std::string QuoteCsvField(std::string_view field, char separator) {
  if (field.find_first_of(std::string{separator, '"', '\n', '\r'}) == std::string_view::npos) {
    return std::string(field);
  }
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace yhdessa::tally
