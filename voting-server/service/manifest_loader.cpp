#include "voting-server/service/manifest_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace yhdessa::vote {

Result<std::vector<RoundDefinition>> LoadRoundManifests(const std::string& site_dir) {
  namespace fs = std::filesystem;
  std::vector<RoundDefinition> rounds;
  const fs::path dir = fs::path(site_dir) / "_yhdessa" / "rounds";
  std::error_code ec;
  if (!fs::is_directory(site_dir, ec)) {
    return Status::NotFound(site_dir +
                            ": the site directory does not exist (build the site first)");
  }
  if (!fs::is_directory(dir, ec)) return rounds;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Status::IoError(f.string() + ": cannot read");
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    auto round = RoundFromJson(text);
    if (!round.ok()) return Status::InvalidArgument(f.string() + ": " + round.status().message());
    if (f.stem().string() != round->id) {
      return Status::InvalidArgument(f.string() + ": id: '" + round->id +
                                     "' does not match the file name");
    }
    rounds.push_back(std::move(round).value());
  }
  return rounds;
}

}  // namespace yhdessa::vote
