// The CSV dialect of Pabulib files: `;` between fields, `"` quoting with `""` inside.
//
// A quoted field may span lines, so records are read from the whole text, not line by line.
// Each field keeps the 1-based column where it starts, for diagnostics.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace yhdessa::tally {

struct CsvRecord {
  int line = 0;  // 1-based line of the record's first character
  std::vector<std::string> fields;
  std::vector<int> cols;  // 1-based start column of each field (in bytes on `line`)
  bool blank = false;     // an empty line
};

/// Splits `text` (UTF-8, any of \n, \r\n line ends) into records. An unterminated quote runs
/// to the end of the text; the reader reports the odd field count that follows.
std::vector<CsvRecord> SplitCsvRecords(std::string_view text, char separator = ';');

/// Quotes `field` when it holds the separator, a quote or a line break; otherwise as is.
std::string QuoteCsvField(std::string_view field, char separator = ';');

}  // namespace yhdessa::tally
