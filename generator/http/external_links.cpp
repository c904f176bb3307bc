#include "generator/http/external_links.h"

#include <httplib.h>

#include <map>
#include <mutex>

#include "generator/core/parallel.h"

namespace yhdessa {
namespace {

// Returns "" when the address answers with a success or redirect, else what went wrong.
std::string Probe(const std::string& url) {
  size_t scheme_end = url.find("://");
  size_t path_start = url.find('/', scheme_end + 3);
  std::string origin = url.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (size_t hash = path.find('#'); hash != std::string::npos) path.resize(hash);
  httplib::Client client(origin);
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  client.set_follow_location(true);
  auto res = client.Head(path);
  if (res && (res->status == 405 || res->status == 403)) res = client.Get(path);
  if (!res) return "no answer (" + httplib::to_string(res.error()) + ")";
  if (res->status >= 400) return "HTTP " + std::to_string(res->status);
  return "";
}

}  // namespace

void CheckExternalLinks(const Site& site, CheckReport& report) {
  std::map<std::string, std::vector<SourcePos>> uses;
  for (const auto& p : site.pages) {
    for (const auto& [url, pos] : p.external_links) uses[url].push_back(pos);
  }
  std::vector<std::string> urls;
  for (const auto& [url, _] : uses) urls.push_back(url);
  std::vector<std::string> results(urls.size());
  // One request per worker at a time; each waits at most the timeouts above.
  ParallelFor(urls.size(), [&](size_t i) { results[i] = Probe(urls[i]); });
  for (size_t i = 0; i < urls.size(); ++i) {
    if (results[i].empty()) continue;
    for (const auto& pos : uses[urls[i]]) {
      report.findings.push_back(
          {Severity::kWarning, pos.file, pos.line, "external-links", urls[i] + ": " + results[i]});
    }
  }
}

}  // namespace yhdessa
