// A Pabulib `.pb` file as a document: its META pairs and its PROJECTS and VOTES tables.
//
// Every column and value is kept as text in file order, so a file read and written again
// holds the same data even for columns the engine does not use (name, category, age, ...).
// The Election the engine needs is derived from it (pabulib_reader.h) or it is built from
// an Election for export (pabulib_writer.h).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yhdessa::tally {

struct PbTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each row has columns.size() fields
  std::vector<int> lines;                      // source line of each row; 0 if built in memory

  /// Index of `column`, or -1.
  int Column(const std::string& column) const;
  bool operator==(const PbTable& o) const { return columns == o.columns && rows == o.rows; }
};

struct PbFile {
  std::vector<std::pair<std::string, std::string>> meta;  // in file order
  std::vector<int> meta_lines;
  PbTable projects;
  PbTable votes;

  /// Value of META `key`, if present.
  std::optional<std::string> Meta(const std::string& key) const;
  /// Sets (or appends) META `key`.
  void SetMeta(const std::string& key, const std::string& value);
  bool operator==(const PbFile& o) const {
    return meta == o.meta && projects == o.projects && votes == o.votes;
  }
};

}  // namespace yhdessa::tally
