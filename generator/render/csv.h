// CSV for open data (RFC 4180): a field is quoted when it holds a comma, a quote or a
// line break, with quotes doubled. Shared by every CSV the generator publishes.
#pragma once

#include <string>

namespace yhdessa {

inline std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace yhdessa
