#include "generator/model/site_assembly.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>
#include <string_view>
#include <tuple>

#include "generator/content/text.h"
#include "generator/core/file_system.h"
#include "generator/core/parallel.h"
#include "generator/data/yaml_reader.h"

namespace yhdessa {
namespace {

// "a/b.sv.md" -> ("a/b", "sv") when sv is a configured language; else ("a/b", default).
std::pair<std::string, std::string> StemAndLanguage(const std::string& path,
                                                    const SiteConfig& cfg) {
  std::string stem = path.substr(0, path.size() - 3);
  size_t dot = stem.rfind('.');
  size_t slash = stem.rfind('/');
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) {
    std::string lang = stem.substr(dot + 1);
    if (cfg.FindLanguage(lang)) return {stem.substr(0, dot), lang};
  }
  return {stem, cfg.default_language};
}

// "a/index" or "index": the stem of a page bundle's page (a/index.md).
bool IsBundleStem(std::string_view stem) {
  return stem == "index" || stem.ends_with("/index");
}

std::string LangPrefix(const std::string& lang, const SiteConfig& cfg) {
  return lang == cfg.default_language ? "" : "/" + lang;
}

std::string Capitalise(std::string s) {
  for (char& c : s) {
    if (c == '-' || c == '_') c = ' ';
  }
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

}  // namespace

std::string PlacePage(Page& p, const SiteConfig& cfg) {
  if (!p.content_path.empty() && p.translation_key.empty())  // ParsePage sets it
    p.translation_key = StemAndLanguage(p.content_path, cfg).first;
  const std::string& stem = p.translation_key;
  std::string dir = DirName(stem);
  bool bundle = p.type == PageType::kPage && IsBundleStem(stem);
  if (bundle) dir = DirName(dir);
  if (p.type == PageType::kPage) {
    std::string name = bundle ? BaseName(DirName(stem)) : BaseName(stem);
    if (!p.fm.slug.empty()) name = p.fm.slug;
    p.url = LangPrefix(p.lang, cfg) + "/" + (dir.empty() ? "" : dir + "/") + name + "/";
  }
  return dir;
}

std::string SectionUrl(const std::string& lang, const std::string& dir, const SiteConfig& cfg) {
  return LangPrefix(lang, cfg) + "/" + (dir.empty() ? "" : dir + "/");
}

Page MissingTranslationNotice(const Page& original, int index, const std::string& lang,
                              const SiteConfig& cfg) {
  Page notice;
  notice.type = PageType::kMissingTranslation;
  notice.lang = lang;
  notice.fm.title = original.fm.title;
  notice.file = original.file;
  notice.translation_key = original.translation_key;
  notice.original = index;
  std::string path = original.url.substr(LangPrefix(original.lang, cfg).size());
  notice.url = LangPrefix(lang, cfg) + path;
  notice.parent = -1;
  return notice;
}

Page TermPage(const Page& list, int list_index, int taxonomy, const TaxonomyTerm& term) {
  Page tp;
  tp.type = PageType::kTerm;
  tp.lang = list.lang;
  tp.fm.title = term.name;
  tp.term = term.name;
  tp.url = list.url + term.slug + "/";
  tp.file = "site.yaml";
  tp.taxonomy = taxonomy;
  tp.parent = list_index;
  return tp;
}

bool IsBundlePage(const Page& p) {
  return p.type == PageType::kPage && IsBundleStem(p.translation_key);
}

// Lists: weighted pages first by weight, then newest first, then by title and path.
void SortForList(std::vector<int>& idx, const std::vector<Page>& pages) {
  std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) {
    const Page& x = pages[a];
    const Page& y = pages[b];
    bool xw = x.fm.weight != 0, yw = y.fm.weight != 0;
    if (xw != yw) return xw;
    if (x.fm.weight != y.fm.weight) return x.fm.weight < y.fm.weight;
    int64_t xd = x.fm.date ? x.fm.date->Epoch() : INT64_MIN;
    int64_t yd = y.fm.date ? y.fm.date->Epoch() : INT64_MIN;
    if (xd != yd) return xd > yd;
    return std::tie(x.fm.title, x.content_path) < std::tie(y.fm.title, y.content_path);
  });
}

void ShareOriginalFrontMatter(FrontMatter& translation, const FrontMatter& original) {
  translation.kind = original.kind;
  if (!original.raw.is_map()) return;
  if (!translation.raw.is_map()) translation.raw = Value::Map(original.raw.pos());
  for (const auto& [key, value] : original.raw.entries()) {
    if (!translation.raw.Find(key)) translation.raw.Insert(key, value, value.key_pos());
  }
}

int Site::home(const std::string& lang) const {
  std::string prefix = lang == config.default_language ? "/" : "/" + lang + "/";
  auto it = by_url.find(prefix);
  return it == by_url.end() ? -1 : it->second;
}

int Site::DefaultLanguageVersion(const Page& p) const {
  auto t = translations.find(p.translation_key);
  if (t == translations.end()) return -1;
  auto o = t->second.find(config.default_language);
  return o == t->second.end() ? -1 : o->second;
}

bool IsFuture(const FrontMatter& fm, int64_t now) {
  if (fm.publish_date) return fm.publish_date->Epoch() > now;
  return fm.date && fm.date->Epoch() > now;
}

bool IsPublished(const FrontMatter& fm, const BuildFilter& f) {
  if (fm.draft && !f.drafts) return false;
  if (!f.future && IsFuture(fm, f.now)) return false;
  if (!f.expired && fm.expiry_date && fm.expiry_date->Epoch() <= f.now) return false;
  return true;
}

std::string PaginationUrl(const std::string& url, size_t n) {
  return n <= 1 ? url : url + "page/" + std::to_string(n) + "/";
}

namespace {

// "page.sv.md" with sv not among the site's languages would quietly become a Finnish
// page at /page.sv/: say so instead.
void CheckLanguageSuffix(const std::string& file, const std::string& content_path,
                         const SiteConfig& config, DiagnosticList& local) {
  std::string_view stem = std::string_view(content_path).substr(0, content_path.size() - 3);
  size_t dot = stem.rfind('.');
  size_t slash = stem.rfind('/');
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash) &&
      stem.size() - dot == 3 && std::isalpha(static_cast<unsigned char>(stem[dot + 1])) &&
      std::isalpha(static_cast<unsigned char>(stem[dot + 2])) &&
      !config.FindLanguage(std::string(stem.substr(dot + 1)))) {
    local.Error({file, 0, 0},
                "language '" + std::string(stem.substr(dot + 1)) +
                    "' of this file is not in site.yaml's languages",
                "add it under languages: in site.yaml, or rename the file");
  }
}

// The page from its front matter tree (ParsePage after the YAML); errors go to `local`.
std::optional<Page> PageFromTree(const std::string& file, const std::string& content_path,
                                 Value fm_value, int front_matter_line, size_t body_offset,
                                 int body_line, const SiteConfig& config,
                                 const std::vector<std::string>& kind_keys, DiagnosticList& local) {
  // Made in the optional that is returned, the only object any return names (so that the
  // compiler returns it in place): a page is large, and each move of one counts.
  std::optional<Page> result;
  std::vector<std::string> tax;
  for (const auto& t : config.taxonomies) tax.push_back(t.name);
  std::optional<FrontMatter> fm = ParseFrontMatter(std::move(fm_value), tax, kind_keys, local);
  if (!fm) return result;
  Page& page = result.emplace();
  page.file = file;
  page.content_path = content_path;
  auto [stem, lang] = StemAndLanguage(content_path, config);
  page.lang = lang;
  std::string base = BaseName(stem);
  if (base == "_index") {
    page.type = DirName(stem).empty() ? PageType::kHome : PageType::kSection;
  }
  page.translation_key = std::move(stem);  // AssembleSite's, worked out here once
  page.body_offset = body_offset;
  page.body_line = body_line;
  page.fm = std::move(*fm);
  if (page.fm.title.empty() && page.type != PageType::kHome) {
    local.Error({file, 1, 1}, "page has no title",
                front_matter_line ? "add a line 'title: ...' to the front matter"
                                  : "start the file with front matter:\n---\ntitle: ...\n---");
    result.reset();
  }
  return result;
}

}  // namespace

namespace {

// Reports the first byte of `text` that is not valid UTF-8, if any; true if there is one.
bool ReportInvalidUtf8(std::string_view text, const std::string& file, DiagnosticList& diags) {
  std::optional<size_t> bad = FindInvalidUtf8(text);
  if (!bad) return false;
  std::string_view before = text.substr(0, *bad);
  int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  size_t line_start = before.rfind('\n');
  int col =
      1 + static_cast<int>(*bad - (line_start == std::string_view::npos ? 0 : line_start + 1));
  diags.Error({file, line, col}, "file is not valid UTF-8",
              "save the file as UTF-8 (in most editors: Save with encoding > UTF-8)");
  return true;
}

}  // namespace

std::optional<Page> ParsePage(const std::string& file, const std::string& content_path,
                              std::string text, const SiteConfig& config,
                              const std::vector<std::string>& kind_keys, DiagnosticList& diags,
                              const FrontMatterParser& parse_yaml) {
  DiagnosticList local;
  auto page = [&]() -> std::optional<Page> {
    CheckLanguageSuffix(file, content_path, config, local);
    auto split = SplitFrontMatter(text, file, local);
    if (!split) return std::nullopt;
    Value fm_value;
    if (split->front_matter_line > 0) {
      auto v = parse_yaml ? parse_yaml(split->front_matter, file, split->front_matter_line, local)
                          : ParseYaml(split->front_matter, file, split->front_matter_line, local);
      if (!v) return std::nullopt;
      fm_value = std::move(*v);
    }
    return PageFromTree(file, content_path, std::move(fm_value), split->front_matter_line,
                        static_cast<size_t>(split->body.data() - text.data()), split->body_line,
                        config, kind_keys, local);
  };
  // The page is made in `result` itself, which is returned without a move.
  std::optional<Page> result = ReportInvalidUtf8(text, file, diags) ? std::nullopt : page();
  if (result) result->text = std::move(text);
  if (local.has_errors()) result.reset();
  diags.Merge(std::move(local));
  return result;
}

std::optional<Page> PageFromFrontMatter(const std::string& file, const std::string& content_path,
                                        Value front_matter, int front_matter_line,
                                        size_t body_offset, int body_line, const SiteConfig& config,
                                        const std::vector<std::string>& kind_keys,
                                        DiagnosticList& diags) {
  DiagnosticList local;
  CheckLanguageSuffix(file, content_path, config, local);
  std::optional<Page> result =
      PageFromTree(file, content_path, std::move(front_matter), front_matter_line, body_offset,
                   body_line, config, kind_keys, local);
  if (local.has_errors()) result.reset();
  diags.Merge(std::move(local));
  return result;
}

std::string AliasUrl(const std::string& alias) {
  std::string url = alias;
  if (!url.empty() && url.back() != '/' && BaseName(url).find('.') == std::string::npos) url += '/';
  return url;
}

Site AssembleSite(SiteConfig config, SiteInputs inputs, const BuildFilter& filter,
                  DiagnosticList& diags) {
  Site site;
  site.config = std::move(config);
  site.now = filter.now;
  const SiteConfig& cfg = site.config;
  std::vector<Page>& pages = site.pages;

  // The inputs' vector itself, not its pages one by one: a page is a large object, and
  // moving 10 000 of them was a tenth of a warm build's model phase. (The caller reserves
  // room for the pages added below, so that adding them does not move every page.)
  std::set<std::string> unpublished;
  pages = std::move(inputs.pages);
  pages.erase(std::remove_if(pages.begin(), pages.end(),
                             [&](const Page& p) {
                               if (IsPublished(p.fm, filter)) return false;
                               unpublished.insert(p.content_path);
                               return true;
                             }),
              pages.end());
  // Deterministic order whatever order the loader produced. The build's loader gives
  // them sorted already: checked first, since sorting moves whole pages (5 % of a warm
  // build's instructions even on sorted input).
  auto by_path = [](const Page& a, const Page& b) { return a.content_path < b.content_path; };
  if (!std::is_sorted(pages.begin(), pages.end(), by_path))
    std::sort(pages.begin(), pages.end(), by_path);

  // Translation keys: the content path without language suffix and extension. (Also
  // each page's stem below: worked out once.) With each page's folder and a page's URL,
  // which need nothing but the page: in parallel, since the rest of the model is built
  // on one thread (its maps).
  // And the slugs of its taxonomy terms: term_slugs[page][k][n] is that of the n-th term
  // of the page's k-th taxonomy (in the order of fm.taxonomies).
  std::vector<std::string> dir_of(pages.size());  // the folder whose section holds a page
  std::vector<std::vector<std::vector<std::string>>> term_slugs(pages.size());
  ParallelFor(pages.size(), [&](size_t i) {
    Page& p = pages[i];
    for (const auto& [name, terms] : p.fm.taxonomies) {
      auto& slugs = term_slugs[i].emplace_back();
      for (const auto& t : terms) slugs.push_back(Slugify(t));
    }
    dir_of[i] = PlacePage(p, cfg);
  });

  // Section folders per language: every folder that holds a page gets a section, so a
  // page always has a parent and breadcrumbs never skip a level.
  std::map<std::pair<std::string, std::string>, int> section_of;  // (lang, dir) -> index
  for (size_t i = 0; i < pages.size(); ++i) {
    if (pages[i].type == PageType::kHome || pages[i].type == PageType::kSection) {
      section_of[{pages[i].lang, DirName(pages[i].translation_key)}] = static_cast<int>(i);
    }
  }
  // By value: pushing a section may move `pages`, and a reference into it would dangle.
  auto ensure_section = [&](std::string lang, std::string dir, auto&& self) -> int {
    auto it = section_of.find({lang, dir});
    if (it != section_of.end()) return it->second;
    Page s;
    s.type = dir.empty() ? PageType::kHome : PageType::kSection;
    s.lang = lang;
    s.file = "content/" + (dir.empty() ? std::string() : dir + "/") + "_index.md";
    s.fm.title = dir.empty() ? (cfg.FindLanguage(lang) && !cfg.FindLanguage(lang)->title.empty()
                                    ? cfg.FindLanguage(lang)->title
                                    : cfg.title)
                             : Capitalise(BaseName(dir));
    pages.push_back(std::move(s));
    int idx = static_cast<int>(pages.size()) - 1;
    section_of[{lang, dir}] = idx;
    if (!dir.empty()) self(lang, DirName(dir), self);
    return idx;
  };
  // A page's section is its parent. Pages come sorted by path, so most share the folder
  // and language of the page before them: its section, without a lookup.
  size_t original = pages.size();
  size_t previous = original;  // the last page (not a section) seen
  for (size_t i = 0; i < original; ++i) {
    if (pages[i].type == PageType::kHome) continue;
    if (pages[i].type != PageType::kPage) {
      ensure_section(pages[i].lang, DirName(dir_of[i]), ensure_section);
    } else {
      pages[i].parent = previous < original && dir_of[i] == dir_of[previous] &&
                                pages[i].lang == pages[previous].lang
                            ? pages[previous].parent
                            : ensure_section(pages[i].lang, dir_of[i], ensure_section);
      previous = i;
    }
  }
  for (const auto& lang : cfg.languages) {
    if (lang.code == cfg.default_language) ensure_section(lang.code, "", ensure_section);
  }

  for (const auto& [key, idx] : section_of) {
    if (pages[idx].translation_key.empty()) {
      pages[idx].translation_key = (key.second.empty() ? "" : key.second + "/") + "_index";
    }
  }

  // URLs and parents.
  std::map<std::pair<std::string, std::string>, int> sections_by_dir = section_of;
  for (auto& [key, idx] : sections_by_dir) {
    const std::string& dir = key.second;
    pages[idx].url = SectionUrl(key.first, dir, cfg);
    if (!dir.empty()) {
      pages[idx].parent = section_of.at({key.first, DirName(dir)});
    }
  }

  // Children lists.
  for (size_t i = 0; i < pages.size(); ++i) {
    if (pages[i].parent < 0) continue;
    Page& parent = pages[pages[i].parent];
    if (pages[i].type == PageType::kSection) {
      parent.sections.push_back(static_cast<int>(i));
    } else {
      parent.pages.push_back(static_cast<int>(i));
    }
  }
  ParallelFor(pages.size(), [&](size_t i) {  // each sorts its own lists
    SortForList(pages[i].pages, pages);
    SortForList(pages[i].sections, pages);
  });

  // Taxonomies, per language.
  for (const auto& lang : cfg.languages) {
    for (const auto& tc : cfg.taxonomies) {
      Taxonomy tax;
      tax.config = tc;
      tax.lang = lang.code;
      std::map<std::string, TaxonomyTerm> terms;  // by slug
      for (size_t i = 0; i < original; ++i) {     // the pages added since have no terms
        if (pages[i].lang != lang.code) continue;
        auto it = pages[i].fm.taxonomies.find(tc.name);
        if (it == pages[i].fm.taxonomies.end()) continue;
        const auto& slugs = term_slugs[i][std::distance(pages[i].fm.taxonomies.begin(), it)];
        for (size_t n = 0; n < slugs.size(); ++n) {
          const std::string& name = it->second[n];
          const std::string& slug = slugs[n];
          if (slug.empty()) continue;
          auto& term = terms[slug];
          if (term.name.empty()) {
            term.name = name;
            term.slug = slug;
          }
          if (term.pages.empty() || term.pages.back() != static_cast<int>(i)) {
            term.pages.push_back(static_cast<int>(i));
          }
        }
      }
      bool used = !terms.empty();
      if (!used) continue;
      Page list;
      list.type = PageType::kTaxonomy;
      list.lang = lang.code;
      list.fm.title = tc.title;
      list.url = LangPrefix(lang.code, cfg) + "/" + tc.name + "/";
      list.file = "site.yaml";
      list.taxonomy = static_cast<int>(site.taxonomies.size());
      list.parent = site.home(lang.code);
      if (list.parent < 0)
        list.parent = section_of.count({lang.code, ""}) ? section_of.at({lang.code, ""}) : -1;
      pages.push_back(std::move(list));
      tax.page = static_cast<int>(pages.size()) - 1;
      tax.url = pages[tax.page].url;
      for (auto& [slug, term] : terms) {
        pages.push_back(TermPage(pages[tax.page], tax.page, pages[tax.page].taxonomy, term));
        pages[tax.page].pages.push_back(static_cast<int>(pages.size()) - 1);
        tax.terms.push_back(std::move(term));
      }
      site.taxonomies.push_back(std::move(tax));
    }
  }
  // Each term's pages in list order, in parallel: the term page's copy is made after.
  std::vector<std::pair<size_t, size_t>> term_lists;  // (taxonomy, term)
  for (size_t t = 0; t < site.taxonomies.size(); ++t) {
    for (size_t k = 0; k < site.taxonomies[t].terms.size(); ++k) term_lists.emplace_back(t, k);
  }
  ParallelFor(term_lists.size(), [&](size_t n) {
    auto [t, k] = term_lists[n];
    TaxonomyTerm& term = site.taxonomies[t].terms[k];
    SortForList(term.pages, pages);
    pages[pages[site.taxonomies[t].page].pages[k]].term_pages = term.pages;
  });

  // Translations, and a notice page wherever a language lacks one, so the language
  // switcher never leads to a dead link.
  // The pages' keys come sorted (a page and its translations next to each other): each
  // key is the last one's or goes at the end, mostly, and needs no search.
  auto last_key = site.translations.end();
  for (size_t i = 0; i < pages.size(); ++i) {
    const std::string& key = pages[i].translation_key;
    if (key.empty()) continue;
    if (last_key == site.translations.end() || last_key->first != key)
      last_key = site.translations.try_emplace(site.translations.end(), key);
    last_key->second[pages[i].lang] = static_cast<int>(i);
  }
  if (cfg.languages.size() > 1) {
    for (auto& [key, langs] : site.translations) {
      int original = langs.count(cfg.default_language) ? langs.at(cfg.default_language)
                                                       : langs.begin()->second;
      for (const auto& lang : cfg.languages) {
        if (langs.count(lang.code)) continue;
        pages.push_back(MissingTranslationNotice(pages[original], original, lang.code, cfg));
        langs[lang.code] = static_cast<int>(pages.size()) - 1;
      }
    }
  }

  // Register URLs; two pages on one URL is an error naming both.
  site.by_url.reserve(pages.size());
  site.by_content_path.reserve(pages.size());
  auto claim = [&](const std::string& url, int idx, const std::string& what) {
    auto [it, fresh] = site.by_url.emplace(url, idx);
    if (!fresh && it->second != idx) {
      const Page& other = pages[it->second];
      diags.Error({pages[idx].file, 1, 1},
                  what + " '" + url + "' is also the address of " + other.file,
                  "give one of them another file name or a different 'slug'");
    }
  };
  for (size_t i = 0; i < pages.size(); ++i) {
    Page& p = pages[i];
    if (!p.content_path.empty()) site.by_content_path.emplace(p.content_path, static_cast<int>(i));
    claim(p.url, static_cast<int>(i), "the address");
    size_t items = p.type == PageType::kTerm ? p.term_pages.size() : p.pages.size();
    if (p.IsList() && p.type != PageType::kTaxonomy) {
      for (size_t n = 2; n <= PageCount(items, cfg.paginate); ++n) {
        claim(PaginationUrl(p.url, n), static_cast<int>(i), "the list page");
      }
    }
  }
  for (size_t i = 0; i < pages.size(); ++i) {
    for (const auto& a : pages[i].fm.aliases) {
      std::string url = AliasUrl(a);
      auto it = site.by_url.find(url);
      if (it != site.by_url.end()) {
        diags.Error({pages[i].file, 1, 1},
                    "alias '" + a + "' is the address of " + pages[it->second].file,
                    "an alias must be an old address that no page uses now");
        continue;
      }
      site.aliases.push_back({url, static_cast<int>(i), pages[i].file});
    }
  }

  // Files: content resources next to their page (bundles) or folder, static/ at the root.
  std::map<std::string, int> bundle_dirs;  // content dir of a bundle -> page
  for (size_t i = 0; i < pages.size(); ++i) {
    const Page& p = pages[i];
    if (p.type == PageType::kPage && IsBundleStem(p.translation_key)) {
      bundle_dirs[DirName(p.content_path)] = static_cast<int>(i);
    }
  }
  for (const auto& f : inputs.content_files) {
    std::string out = f;
    for (std::string dir = DirName(f);; dir = DirName(dir)) {
      auto it = bundle_dirs.find(dir);
      if (it != bundle_dirs.end()) {
        Page& owner = pages[it->second];
        owner.resources.push_back(f);
        out = owner.url.substr(1) + f.substr(dir.size() + 1);
        break;
      }
      if (dir.empty()) break;
    }
    site.static_files.push_back({"content/" + f, out});
    site.static_urls["/" + out] = "content/" + f;
    site.content_file_urls[f] = "/" + out;
  }
  for (const auto& f : inputs.static_files) {
    site.static_files.push_back({"static/" + f, f});
    site.static_urls["/" + f] = "static/" + f;
  }
  site.unpublished = std::move(unpublished);
  return site;
}

}  // namespace yhdessa
