#include "generator/site_patch.h"

#include <algorithm>
#include <utility>

#include "generator/cache/content_hash.h"
#include "generator/kinds/kind_registry.h"
#include "generator/model/links.h"
#include "generator/model/site_assembly.h"

namespace yhdessa {
namespace {

// What other pages read of a page's rendered body (RenderCache's PageSummary).
bool SameSummary(const RenderedMarkdown& a, const RenderedMarkdown& b) {
  if (a.first_paragraph != b.first_paragraph || a.headings.size() != b.headings.size())
    return false;
  for (size_t i = 0; i < a.headings.size(); ++i) {
    const Heading& x = a.headings[i];
    const Heading& y = b.headings[i];
    if (x.level != y.level || x.text != y.text || x.id != y.id) return false;
  }
  return true;
}

PatchResult NeedsBuild(std::string reason) {
  PatchResult r;
  r.outcome = PatchResult::kNeedsBuild;
  r.reason = std::move(reason);
  return r;
}

struct Edit {
  int page = -1;
  RenderedMarkdown md;
  std::vector<std::pair<std::string, SourcePos>> external_links;
};

}  // namespace

PatchResult PatchSite(BuildSession& session, const FileSystem& fs,
                      const std::vector<std::string>& changed, int64_t now, OutputSink& out,
                      DiagnosticList& diags) {
  if (!session.ready()) return NeedsBuild("no site kept from a build");
  Site& site = *session.site;
  if (now < site.now || now >= session.valid_until)
    return NeedsBuild("a page date or a round's opening or closing time has passed");

  // Which pages: every change must be a page the model has (an editor's temporary file,
  // created and deleted again within the save, is not a change of the site).
  std::vector<int> pages;
  for (const auto& path : changed) {
    bool content = path.starts_with("content/");
    if (content && !session.content_files.count(path) && !fs.IsFile(path)) continue;
    if (!content || !path.ends_with(".md")) return NeedsBuild(path + " is not a page's text");
    auto it = site.by_content_path.find(path.substr(8));
    if (it == site.by_content_path.end()) return NeedsBuild(path + " is not a page of the site");
    pages.push_back(it->second);
  }
  std::sort(pages.begin(), pages.end());
  pages.erase(std::unique(pages.begin(), pages.end()), pages.end());

  // Check every page before the model changes: a page that needs a full build leaves the
  // session as it was.
  static const std::vector<std::string> kKindKeys = AllKindKeys();
  std::vector<Edit> edits;
  for (int i : pages) {
    const Page& p = site.pages[i];
    if (static_cast<size_t>(i) >= session.front_matter_hashes.size() ||
        session.front_matter_hashes[i] == 0)
      return NeedsBuild(p.file + " was not read by the build");
    if (!p.ballots.empty() || !p.md.directives.empty())
      return NeedsBuild(p.file + " has ballot directives");
    auto text = fs.ReadFile(p.file);
    if (!text.ok()) return NeedsBuild(p.file + ": " + text.status().message());
    DiagnosticList local;
    std::optional<Page> parsed =
        ParsePage(p.file, p.content_path, std::move(*text), site.config, kKindKeys, local);
    if (!parsed || local.error_count() + local.warning_count() > 0)
      return NeedsBuild(p.file + " has errors");
    if (parsed->body_offset != p.body_offset || parsed->body_line != p.body_line ||
        HashBytes(std::string_view(parsed->text).substr(0, p.body_offset)) !=
            session.front_matter_hashes[i])
      return NeedsBuild(p.file + ": the front matter changed");
    std::string_view body = parsed->Body();
    if (body.find("{{<") != std::string_view::npos)
      return NeedsBuild(p.file + " has ballot directives");
    auto options = session.markdown_options.find(p.lang);
    if (options == session.markdown_options.end())
      return NeedsBuild(p.file + ": no Markdown options for its language");
    Edit e;
    e.page = i;
    std::vector<AnchorRef> anchors;
    e.md = RenderMarkdown(body, p.file, p.body_line, options->second,
                          BodyLinkResolver(site, i, local, anchors, e.external_links), local);
    CheckAnchors(site, anchors, local);
    if (local.error_count() + local.warning_count() > 0)
      return NeedsBuild(p.file + " has messages to show");
    if (!e.md.directives.empty()) return NeedsBuild(p.file + " has ballot directives");
    if (!SameSummary(p.md, e.md))
      return NeedsBuild(p.file + ": its headings or first paragraph changed");
    edits.push_back(std::move(e));
  }

  // From here on the model changes; anything that fails clears the session, so the next
  // change builds in full.
  for (auto& e : edits) {
    Page& p = site.pages[e.page];
    p.md = std::move(e.md);
    p.external_links = std::move(e.external_links);
    session.render_cache->UpdateBody(e.page);
  }
  std::vector<std::pair<std::string, std::string>> files;
  DiagnosticList local;
  for (size_t j = 0; j < session.jobs.size(); ++j) {
    // Jobs not cached read no page's body (RenderCache): they stay as they are.
    std::optional<uint64_t> fingerprint = session.render_cache->Fingerprint(session.jobs[j]);
    if (!fingerprint || *fingerprint == session.fingerprints[j]) continue;
    session.fingerprints[j] = *fingerprint;
    session.renderer->Render(
        session.jobs[j], 0,
        [&](const std::string& path, std::string content) {
          files.emplace_back(path, std::move(content));
        },
        local);
  }
  if (local.has_errors()) {
    session.Clear();
    return NeedsBuild("a page did not render");
  }
  PatchResult result;
  result.outcome = PatchResult::kPatched;
  result.pages = edits.size();
  for (const auto& [path, content] : files) {
    Status s = out.Write(path, content);
    if (!s.ok()) {
      diags.Error({path, 0, 0}, s.message());
      session.Clear();
      return NeedsBuild("a file could not be written: " + s.message());
    }
    ++result.files;
  }
  return result;
}

}  // namespace yhdessa
