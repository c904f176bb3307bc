#include "voting-server/tally/pabulib_file.h"

namespace yhdessa::tally {

int PbTable::Column(const std::string& column) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == column) return static_cast<int>(i);
  }
  return -1;
}

std::optional<std::string> PbFile::Meta(const std::string& key) const {
  for (const auto& [k, v] : meta) {
    if (k == key) return v;
  }
  return std::nullopt;
}

void PbFile::SetMeta(const std::string& key, const std::string& value) {
  for (auto& [k, v] : meta) {
    if (k == key) {
      v = value;
      return;
    }
  }
  meta.emplace_back(key, value);
  meta_lines.push_back(0);
}

}  // namespace yhdessa::tally
