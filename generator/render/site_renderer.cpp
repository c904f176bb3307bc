#include "generator/render/site_renderer.h"

#include <algorithm>
#include <tuple>

#include "generator/content/text.h"
#include "generator/core/file_system.h"
#include "generator/model/links.h"
#include "generator/model/measure_index.h"
#include "generator/model/site_assembly.h"
#include "generator/render/catalogue_view.h"
#include "generator/render/plan_view.h"
#include "generator/render/results_view.h"
#include "generator/render/round_view.h"

namespace yhdessa {

ViewData AssessmentView(const Value& fm);

namespace {

// Stand-ins for a page's HTML and for its rendered layout while Mustache runs; the text
// goes in afterwards (SpliceText). The library copies a value into its line buffer, out
// again and, for {{{x}}}, once more on the way: each page's HTML was copied seven times.
// A 0xFF byte never occurs in UTF-8, which every source of a site is checked to be, so a
// stand-in cannot come from the site's own text.
constexpr std::string_view kContentStandIn = "\xFF&content\xFF";
constexpr std::string_view kMainStandIn = "\xFF&main\xFF";

// Mustache leaves out a line that has a section tag and only spaces and tabs besides; a
// stand-in never does, so text that could be such a line is put into the view itself.
bool CanStandIn(std::string_view text) {
  return text.find_first_not_of(" \t") != std::string_view::npos;
}

struct StandIn {
  std::string_view mark;
  std::string_view text;
  // The text holds stand-ins of its own (the layout's output holds the page's HTML's):
  // spliced as it is copied, so the page's HTML is copied once, into the final file.
  bool holds_stand_ins = false;
  std::string escaped_mark = TemplateEscape(mark);
  std::string escaped_text = {};  // made when first needed
};

// Appends `out` to `result` with each stand-in replaced by its text, where the template
// wrote it as it is ({{{x}}}) and, escaped, where the template escaped it ({{x}}).
void SpliceInto(std::string& result, std::string_view out, std::vector<StandIn>& stand_ins) {
  size_t at = 0;
  for (size_t mark = out.find('\xFF'); mark != std::string_view::npos;
       mark = out.find('\xFF', mark)) {
    std::string_view rest = out.substr(mark);
    size_t length = 0;
    for (auto& s : stand_ins) {
      if (rest.substr(0, s.mark.size()) == s.mark) {
        result.append(out, at, mark - at);
        if (s.holds_stand_ins) {
          SpliceInto(result, s.text, stand_ins);
        } else {
          result.append(s.text);
        }
        length = s.mark.size();
      } else if (rest.substr(0, s.escaped_mark.size()) == s.escaped_mark) {
        if (s.escaped_text.empty()) {
          std::string plain;
          if (s.holds_stand_ins) SpliceInto(plain, s.text, stand_ins);
          s.escaped_text = TemplateEscape(s.holds_stand_ins ? std::string_view(plain) : s.text);
        }
        result.append(out, at, mark - at);
        result.append(s.escaped_text);
        length = s.escaped_mark.size();
      }
      if (length) break;
    }
    if (length) {
      mark += length;
      at = mark;
    } else {
      ++mark;  // a template's own byte
    }
  }
  result.append(out, at, std::string_view::npos);
}

std::string SpliceText(std::string_view out, std::vector<StandIn> stand_ins) {
  size_t size = out.size();
  for (const auto& s : stand_ins) size += s.text.size();
  std::string result;
  result.reserve(size);
  SpliceInto(result, out, stand_ins);
  return result;
}

}  // namespace

std::string DisplayDate(const DateTime& d, const std::string& lang) {
  if (lang == "en") {
    static const char* kMonths[] = {"January",   "February", "March",    "April",
                                    "May",       "June",     "July",     "August",
                                    "September", "October",  "November", "December"};
    return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
  }
  return std::to_string(d.day) + "." + std::to_string(d.month) + "." + std::to_string(d.year);
}

bool HasFeed(const Site& site, const Page& section) {
  if (!site.config.generate_feeds || section.type != PageType::kSection) return false;
  if (section.pages.empty()) return false;
  for (int i : section.pages) {
    if (!site.pages[i].fm.date) return false;
  }
  return true;
}

SiteRenderer::SiteRenderer(const Site& site, const TemplateSet& templates,
                           std::map<std::string, std::map<std::string, std::string>> i18n,
                           std::map<std::string, std::string> assets, unsigned workers)
    : site_(site),
      templates_(templates),
      i18n_(std::move(i18n)),
      assets_(std::move(assets)),
      shows_translations_(templates.Mentions("translations")),
      shows_breadcrumbs_(templates.Mentions("breadcrumbs") ||
                         templates.Mentions("has_breadcrumbs")),
      shows_draft_(templates.Mentions("draft")),
      shows_future_(templates.Mentions("future")),
      shows_is_section_(templates.Mentions("is_section")),
      shows_has_summary_(templates.Mentions("has_summary")),
      shows_word_count_(templates.Mentions("word_count")),
      shows_reading_time_(templates.Mentions("reading_time")),
      list_items_(site.pages.size()),
      list_item_built_(std::make_unique<Once[]>(site.pages.size())),
      params_(site.pages.size()),
      params_built_(std::make_unique<Once[]>(site.pages.size())) {
  {
    RecordPageReads record(site_view_reads_);
    for (const auto& l : site.config.languages) site_views_.emplace(l.code, SiteView(l.code));
  }
  site_view_reads_.Normalize();
  // A partial that shows the same on every page of a language (a header, a menu) is
  // rendered here once: on a small page that is most of the template's work.
  TemplateRenderer alone(templates);
  for (const std::string& name : templates.cacheable_partials()) {
    std::map<std::string, std::string> texts;
    for (const auto& [lang, view] : site_views_) {
      auto text = alone.RenderPartialAlone(name, view);
      if (!text) break;
      texts[lang] = std::move(*text);
    }
    if (texts.size() != site_views_.size()) continue;
    for (auto& [lang, view] : site_views_)
      view.Set(TemplateSet::PartialMarker(name), std::move(texts[lang]));
    cached_partials_.insert(name);
  }
  for (unsigned w = 0; w < workers; ++w)
    renderers_.push_back(std::make_unique<TemplateRenderer>(templates, &cached_partials_));
}

SiteRenderer::~SiteRenderer() = default;

ViewData SiteRenderer::RoundResultsView(const Page& p, const PublishedResults& results) const {
  auto in_lang = [&](const std::string& key) -> std::string {
    auto t = site_.translations.find(key);
    if (t == site_.translations.end()) return {};
    auto l = t->second.find(p.lang);
    return l == t->second.end() ? std::string() : SiteUrl(site_, site_.pages[l->second].url);
  };
  // The round page: the page itself, or the results page's parent, or the receipts page's
  // grandparent.
  int round_page = static_cast<int>(&p - site_.pages.data());
  if (p.type == PageType::kRoundResults) round_page = p.parent;
  if (p.type == PageType::kRoundReceipts) round_page = site_.pages[p.parent].parent;
  ResultsViewContext ctx;
  ctx.lang = p.lang;
  ctx.round_title = site_.pages[round_page].fm.title;
  ctx.round_url = SiteUrl(site_, site_.pages[round_page].url);
  ctx.results_url = in_lang("_yhdessa/results/" + results.round);
  ctx.receipts_url = in_lang("_yhdessa/receipts/" + results.round);
  ctx.files_url = SiteUrl(site_, ResultsFilesUrl(site_, results.round));
  ctx.str = [this](const std::string& lang, const std::string& key) { return Str(lang, key); };
  return p.type == PageType::kRoundReceipts ? ReceiptsView(results, ctx)
                                            : ResultsView(results, ctx);
}

std::string SiteRenderer::Str(const std::string& lang, const std::string& key) const {
  auto l = i18n_.find(lang);
  if (l != i18n_.end()) {
    auto it = l->second.find(key);
    if (it != l->second.end()) return it->second;
  }
  auto d = i18n_.find(site_.config.default_language);
  if (d != i18n_.end()) {
    auto it = d->second.find(key);
    if (it != d->second.end()) return it->second;
  }
  return key;
}

ViewData SiteRenderer::SiteView(const std::string& lang) const {
  const SiteConfig& cfg = site_.config;
  ViewData root;
  ViewData v;
  const LanguageConfig* lc = cfg.FindLanguage(lang);
  v.Set("title", lc && !lc->title.empty() ? lc->title : cfg.title);
  if (!cfg.description.empty()) v.Set("description", cfg.description);
  v.Set("base_url", cfg.base_url);
  v.Set("base_path", cfg.BasePath());
  v.Set("has_sitemap", cfg.generate_sitemap);
  v.Set("lang", lang);
  v.Set("default_language", cfg.default_language);
  int home = site_.home(lang);
  v.Set("home_url", SiteUrl(site_, home >= 0 ? site_.pages.Place(home).url : "/"));
  if (!cfg.vote_api.empty()) v.Set("vote_api", cfg.vote_api);
  v.Set("params", ViewData::FromValue(cfg.params));
  v.Set("data", ViewData::FromValue(site_.data));
  ViewData assets;
  for (const auto& [name, url] : assets_) {
    std::string key = name;
    std::replace(key.begin(), key.end(), '.', '_');
    std::replace(key.begin(), key.end(), '/', '_');
    std::replace(key.begin(), key.end(), '-', '_');
    assets.Set(key, SiteUrl(site_, url));
  }
  v.Set("assets", assets);
  ViewData i18n;
  if (auto d = i18n_.find(cfg.default_language); d != i18n_.end()) {
    for (const auto& [k, s] : d->second) i18n.Set(k, s);
  }
  if (auto l = i18n_.find(lang); l != i18n_.end()) {
    for (const auto& [k, s] : l->second) i18n.Set(k, s);
  }
  root.Set("i18n", i18n);
  // Menus per language: "main.sv" replaces "main" on Swedish pages; a language without
  // its own menu shows the default one, marked as being in the default language.
  ViewData menus;
  for (bool own : {false, true}) {
    for (const auto& [name, items] : cfg.menus) {
      size_t dot = name.rfind('.');
      bool suffixed = dot != std::string::npos;
      if (suffixed != own || (own && name.substr(dot + 1) != lang)) continue;
      bool foreign = !own && lang != cfg.default_language && !cfg.menus.count(name + "." + lang);
      if (!own && cfg.menus.count(name + "." + lang)) continue;
      ViewData list = ViewData::List();
      for (const auto& item : items) {
        ViewData m;
        m.Set("title", item.title);
        std::string url = item.url;
        if (!url.empty() && url[0] == '/') url = SiteUrl(site_, url);
        m.Set("url", url);
        if (foreign) m.Set("lang", cfg.default_language);
        list.Push(std::move(m));
      }
      menus.Set(own ? name.substr(0, dot) : name, std::move(list));
    }
  }
  v.Set("menus", menus);
  v.Set("multilingual", cfg.languages.size() > 1);
  ViewData langs = ViewData::List();
  for (const auto& l : cfg.languages) {
    ViewData lv;
    lv.Set("code", l.code);
    lv.Set("name", l.name);
    lv.Set("current", l.code == lang);
    int h = site_.home(l.code);
    lv.Set("url", SiteUrl(site_, h >= 0 ? site_.pages.Place(h).url : "/" + l.code + "/"));
    langs.Push(std::move(lv));
  }
  v.Set("languages", langs);
  if (auto it = site_.accessibility_pages.find(lang); it != site_.accessibility_pages.end()) {
    v.Set("accessibility_url", SiteUrl(site_, site_.pages.Place(it->second).url));
  }
  root.Set("site", std::move(v));
  return root;
}

void SiteRenderer::PageChanged(int idx) {
  // Built now if they were before; otherwise built when first needed, from the new page.
  params_[idx] = ViewData::FromValue(site_.pages[idx].fm.raw);
  list_items_[idx] = ListItem(idx);
}

void SiteRenderer::PagesAdded() {
  size_t n = site_.pages.size();
  list_items_.resize(n);
  params_.resize(n);
  list_item_built_ = std::make_unique<Once[]>(n);
  params_built_ = std::make_unique<Once[]>(n);
  by_url_built_ = std::make_unique<Once>();
}

// A list item and the params read page `idx` only (ListItem): noted here for every job
// that shows them, not only for the one that built them.
const ViewData& SiteRenderer::SharedListItem(int idx) const {
  NotePageRead(idx);
  list_item_built_[idx].Run([&] { list_items_[idx] = ListItem(idx); });
  return list_items_[idx];
}

const ViewData& SiteRenderer::SharedParams(int idx) const {
  NotePageRead(idx);
  params_built_[idx].Run([&] { params_[idx] = ViewData::FromValue(site_.pages[idx].fm.raw); });
  return params_[idx];
}

namespace {

// Minutes at 213 words a minute, rounded up: Hugo's .ReadingTime, so themes agree.
std::string ReadingMinutes(size_t words) {
  return std::to_string((words + 212) / 213);
}

// page.word_count and page.reading_time, where the theme shows them (counted only then,
// see MarkdownOptions::count_words).
void SetWordCount(ViewData& v, const Page& p, bool word_count, bool reading_time) {
  if (word_count) v.Set("word_count", std::to_string(p.md.word_count));
  if (reading_time) v.Set("reading_time", ReadingMinutes(p.md.word_count));
}

}  // namespace

bool SiteRenderer::ShowsWords(const TemplateSet& templates) {
  return templates.Mentions("word_count") || templates.Mentions("reading_time");
}

ViewData SiteRenderer::ListItem(int idx) const {
  const Page& p = site_.pages[idx];
  ViewData v;
  v.Set("title", p.fm.title);
  v.Set("url", SiteUrl(site_, p.url));
  std::string summary = p.fm.description;
  if (summary.empty()) {
    if (const Value* s = p.fm.raw.is_map() ? p.fm.raw.Find("summary") : nullptr)
      summary = s->text();
  }
  if (summary.empty()) {
    summary = p.md.first_paragraph;
    if (summary.size() > 300) {
      size_t cut = summary.rfind(' ', 280);
      summary = summary.substr(0, cut == std::string::npos ? 280 : cut) + " …";
    }
  }
  if (shows_has_summary_) v.Set("has_summary", !summary.empty());
  v.Set("summary", std::move(summary));
  if (p.fm.date) {
    v.Set("date_iso", p.fm.date->Iso());
    v.Set("date", DisplayDate(*p.fm.date, p.lang));
    v.Set("has_date", true);
  }
  if (shows_is_section_) v.Set("is_section", p.type == PageType::kSection);
  SetWordCount(v, p, shows_word_count_, shows_reading_time_);
  if (p.type == PageType::kTerm) v.Set("count", std::to_string(p.term_pages.size()));
  if (!p.fm.kind.empty()) v.Set("kind", p.fm.kind);
  v.SetRef("params", SharedParams(idx));
  return v;
}

ViewData SiteRenderer::PageView(const Page& p, size_t pager, const std::string* content) const {
  ViewData v;
  ViewData page;
  page.Set("title", p.fm.title);
  if (!p.fm.description.empty()) page.Set("description", p.fm.description);
  const std::string& meta = p.fm.description.empty() ? site_.config.description : p.fm.description;
  if (!meta.empty()) page.Set("meta_description", meta);
  page.Set("url", SiteUrl(site_, PaginationUrl(p.url, pager)));
  page.Set("permalink", site_.config.Origin() + SiteUrl(site_, PaginationUrl(p.url, pager)));
  page.Set("lang", p.lang);
  page.Set("content", content ? *content : p.md.html);
  page.Set("is_home", p.type == PageType::kHome);
  if (shows_is_section_) page.Set("is_section", p.type == PageType::kSection);
  SetWordCount(page, p, shows_word_count_, shows_reading_time_);
  if (!p.fm.kind.empty()) page.Set("kind", p.fm.kind);
  page.SetRef("params", SharedParams(static_cast<int>(&p - site_.pages.data())));
  if (p.fm.date) {
    page.Set("date_iso", p.fm.date->Iso());
    page.Set("date", DisplayDate(*p.fm.date, p.lang));
    page.Set("has_date", true);
  }
  if (p.fm.lastmod) {
    page.Set("lastmod_iso", p.fm.lastmod->Iso());
    page.Set("lastmod", DisplayDate(*p.fm.lastmod, p.lang));
    page.Set("has_lastmod", true);
  }
  if (shows_draft_) page.Set("draft", p.fm.draft);
  if (shows_future_) page.Set("future", IsFuture(p.fm, site_.now));

  // Language versions of this page, for the switcher and hreflang alternates.
  if (shows_translations_) {
    const std::map<std::string, int>* versions = nullptr;
    if (auto it = site_.translations.find(p.translation_key); it != site_.translations.end())
      versions = &it->second;
    ViewData list = ViewData::List();
    for (const auto& l : site_.config.languages) {
      ViewData t;
      t.Set("code", l.code);
      t.Set("name", l.name);
      t.Set("current", l.code == p.lang);
      int target = -1;
      if (versions && versions->count(l.code)) target = versions->at(l.code);
      if (target < 0) target = site_.home(l.code);
      if (target >= 0) {
        const Page& q = site_.pages[target];
        t.Set("url", SiteUrl(site_, q.url));
        t.Set("permalink", site_.config.Origin() + SiteUrl(site_, q.url));
        t.Set("available",
              q.type != PageType::kMissingTranslation && versions && versions->count(l.code) > 0);
      }
      list.Push(std::move(t));
    }
    page.Set("translations", std::move(list));
  }
  if (p.type == PageType::kMissingTranslation) {
    const Page& o = site_.pages[p.original];
    page.Set("original_url", SiteUrl(site_, o.url));
    page.Set("original_lang", o.lang);
    page.Set("read_original", Str(p.lang, "read_in_" + o.lang));
    page.Set("noindex", true);
  }

  // Table of contents: h2 with their h3, when asked for and worth having.
  if (p.fm.toc) {
    ViewData toc = ViewData::List();
    std::vector<ViewData> items;
    std::vector<ViewData> subs;
    auto flush = [&]() {
      if (!items.empty()) {
        ViewData list = ViewData::List();
        for (auto& s : subs) list.Push(std::move(s));
        items.back().Set("children", std::move(list));
        items.back().Set("has_children", !subs.empty());
        subs.clear();
      }
    };
    for (const auto& h : p.md.headings) {
      ViewData item;
      item.Set("id", h.id);
      item.Set("text", h.text);
      if (h.level == 2) {
        flush();
        items.push_back(std::move(item));
      } else if (h.level == 3 && !items.empty()) {
        subs.push_back(std::move(item));
      }
    }
    flush();
    // A plan's own sections follow its prose: the status summary, then one per goal
    // (ids as in plan.mustache). Goal titles are in the plan's language.
    if (p.typed && p.typed->plan) {
      ViewData status;
      status.Set("id", "plan-status-title");
      status.Set("text", Str(p.lang, "status_summary"));
      items.push_back(std::move(status));
      for (const auto& g : p.typed->plan->goals) {
        ViewData item;
        item.Set("id", "goal-" + g.id);
        item.Set("text", g.title);
        if (p.lang != site_.config.default_language)
          item.Set("text_lang", site_.config.default_language);
        items.push_back(std::move(item));
      }
    }
    bool any = !items.empty();
    for (auto& i : items) toc.Push(std::move(i));
    page.Set("toc", std::move(toc));
    page.Set("has_toc", any);
  }

  // Breadcrumbs from the home page down to this page; the last one is the current page.
  if (shows_breadcrumbs_) {
    std::vector<int> chain;
    for (int i = p.parent; i >= 0; i = site_.pages.Place(i).parent) chain.push_back(i);
    std::reverse(chain.begin(), chain.end());
    ViewData crumbs = ViewData::List();
    for (int i : chain) {
      ViewData c;
      // The home page's crumb shows its place only: editing its text or title does not
      // make every page stale.
      const Page& crumb = site_.pages.Place(i);
      c.Set("title", crumb.type == PageType::kHome ? Str(p.lang, "home") : site_.pages[i].fm.title);
      c.Set("url", SiteUrl(site_, crumb.url));
      crumbs.Push(std::move(c));
    }
    page.Set("breadcrumbs", std::move(crumbs));
    page.Set("has_breadcrumbs", !chain.empty());
  }

  // Taxonomy terms of this page.
  ViewData taxes = ViewData::List();
  bool any_terms = false;
  for (const auto& tax : site_.taxonomies) {
    if (tax.lang != p.lang) continue;
    auto it = p.fm.taxonomies.find(tax.config.name);
    if (it == p.fm.taxonomies.end() || it->second.empty()) continue;
    ViewData t;
    t.Set("title", tax.config.title);
    ViewData terms = ViewData::List();
    for (const auto& name : it->second) {
      ViewData term;
      term.Set("name", name);
      term.Set("url", SiteUrl(site_, tax.url + Slugify(name) + "/"));
      terms.Push(std::move(term));
    }
    t.Set("terms", std::move(terms));
    taxes.Push(std::move(t));
    any_terms = true;
  }
  page.Set("taxonomies", std::move(taxes));
  page.Set("has_taxonomies", any_terms);

  // Lists with pagination.
  if (p.IsList()) {
    const std::vector<int>& all = p.type == PageType::kTerm ? p.term_pages : p.pages;
    size_t per = static_cast<size_t>(site_.config.paginate);
    size_t total = p.type == PageType::kTaxonomy ? 1 : PageCount(all.size(), site_.config.paginate);
    size_t begin = p.type == PageType::kTaxonomy ? 0 : (pager - 1) * per;
    size_t end = p.type == PageType::kTaxonomy ? all.size() : std::min(all.size(), begin + per);
    ViewData items = ViewData::List();
    for (size_t i = begin; i < end; ++i) items.PushRef(SharedListItem(all[i]));
    v.Set("pages", std::move(items));
    v.Set("has_pages", end > begin);
    ViewData sections = ViewData::List();
    for (int s : p.sections) sections.PushRef(SharedListItem(s));
    v.Set("sections", std::move(sections));
    v.Set("has_sections", !p.sections.empty());
    if (total > 1) {
      ViewData pg;
      pg.Set("current", std::to_string(pager));
      pg.Set("total", std::to_string(total));
      if (pager > 1) {
        pg.Set("has_prev", true);
        pg.Set("prev_url", SiteUrl(site_, PaginationUrl(p.url, pager - 1)));
      }
      if (pager < total) {
        pg.Set("has_next", true);
        pg.Set("next_url", SiteUrl(site_, PaginationUrl(p.url, pager + 1)));
      }
      ViewData nums = ViewData::List();
      for (size_t n = 1; n <= total; ++n) {
        ViewData num;
        num.Set("number", std::to_string(n));
        num.Set("url", SiteUrl(site_, PaginationUrl(p.url, n)));
        num.Set("current", n == pager);
        nums.Push(std::move(num));
      }
      pg.Set("numbers", std::move(nums));
      v.Set("pagination", std::move(pg));
      v.Set("has_pagination", true);
    }
    if (HasFeed(site_, p)) {
      page.Set("feed_url", SiteUrl(site_, p.url + "atom.xml"));
      page.Set("has_feed", true);
    }
    if (p.type == PageType::kHome) {
      // The newest dated pages of the site in this language, for the front page.
      // Newest first, the earlier file (by path) first among equals, whatever the pages'
      // numbers (SitePatch adds a page at the end); only the first few are sorted.
      std::vector<std::pair<int64_t, int>> by_date;
      for (size_t i = 0; i < site_.pages.size(); ++i) {
        const Page& q = site_.pages[i];
        if (q.type == PageType::kPage && q.lang == p.lang && q.fm.date && !q.removed)
          by_date.emplace_back(-q.fm.date->Epoch(), static_cast<int>(i));
      }
      size_t shown = std::min(by_date.size(), static_cast<size_t>(site_.config.home_recent));
      std::partial_sort(by_date.begin(), by_date.begin() + static_cast<ptrdiff_t>(shown),
                        by_date.end(), [&](const auto& a, const auto& b) {
                          if (a.first != b.first) return a.first < b.first;
                          return site_.pages.Place(a.second).content_path <
                                 site_.pages.Place(b.second).content_path;
                        });
      std::vector<int> dated;
      for (size_t k = 0; k < shown; ++k) dated.push_back(by_date[k].second);
      ViewData recent = ViewData::List();
      for (int i : dated) recent.PushRef(SharedListItem(i));
      v.Set("recent", std::move(recent));
      v.Set("has_recent", !dated.empty());
    }
  }
  if (p.typed && p.typed->plan) {
    PlanViewContext ctx{&site_.kinds.statuses,
                        p.lang,
                        SiteUrl(site_, p.url),
                        SiteUrl(site_, MeasureFacetUrl("body")),
                        SiteUrl(site_, MeasureFacetUrl("status")),
                        Str(p.lang, "chart_by_status")};
    v.Set("plan", PlanView(*p.typed->plan, ctx));
  }
  if (p.type == PageType::kMeasureIndex) v.Set("index", MeasureIndexView(p));
  int self = static_cast<int>(&p - site_.pages.data());
  if (auto cat = site_.catalogues.find(self); cat != site_.catalogues.end()) {
    ViewData c;
    ViewData groups = ViewData::List();
    for (const auto& [facet, values] : cat->second) {
      ViewData g;
      g.Set("title", Str(p.lang, "facet_" + facet));
      ViewData list = ViewData::List();
      for (const auto& [value, idx] : values) {
        ViewData item;
        item.Set("title", value.empty() ? Str(p.lang, "facet_" + facet) : value);
        item.Set("url", SiteUrl(site_, site_.pages[idx].url));
        item.Set("count", std::to_string(site_.pages[idx].term_pages.size()));
        list.Push(std::move(item));
      }
      g.Set("values", std::move(list));
      groups.Push(std::move(g));
    }
    c.Set("groups", std::move(groups));
    c.Set("json_url", SiteUrl(site_, p.url + "hankkeet.json"));
    c.Set("csv_url", SiteUrl(site_, p.url + "hankkeet.csv"));
    v.Set("catalogue", std::move(c));
  }
  if (p.type == PageType::kProjectIndex) {
    ViewData pi;
    pi.Set("facet", Str(p.lang, "facet_" + p.facet));
    ViewData items = ViewData::List();
    for (int i : p.term_pages) items.PushRef(SharedListItem(i));
    pi.Set("items", std::move(items));
    pi.Set("count", std::to_string(p.term_pages.size()));
    pi.Set("catalogue_url", SiteUrl(site_, site_.pages[p.parent].url));
    pi.Set("catalogue_title", site_.pages[p.parent].fm.title);
    v.Set("projects", std::move(pi));
    if (p.term.empty()) page.Set("title", Str(p.lang, "facet_" + p.facet));
  }
  if (p.type == PageType::kAccessibility && site_.accessibility) {
    const AccessibilityStatement& a = *site_.accessibility;
    ViewData sv;
    sv.Set("organisation", a.organisation.Get(p.lang));
    sv.Set("compliance_" + a.compliance, true);
    ViewData issues = ViewData::List();
    for (const auto& i : a.non_accessible) {
      ViewData iv;
      iv.Set("content", i.content.Get(p.lang));
      iv.Set("reason", i.reason.Get(p.lang));
      issues.Push(std::move(iv));
    }
    sv.Set("non_accessible", std::move(issues));
    sv.Set("has_non_accessible", !a.non_accessible.empty());
    sv.Set("prepared", DisplayDate(a.prepared, p.lang));
    sv.Set("prepared_iso", a.prepared.Iso());
    sv.Set("reviewed", DisplayDate(a.reviewed, p.lang));
    sv.Set("reviewed_iso", a.reviewed.Iso());
    sv.Set(a.assessment == "self" ? "self_assessed" : "third_party", true);
    if (!a.assessed_by.Get(p.lang).empty()) sv.Set("assessed_by", a.assessed_by.Get(p.lang));
    sv.Set("feedback_email", a.feedback_email);
    if (!a.feedback_form.empty()) sv.Set("feedback_form", a.feedback_form);
    sv.Set("response_time_days", std::to_string(a.response_time_days));
    sv.Set("authority_name", a.authority_name.Get(p.lang));
    sv.Set("authority_url", a.authority_url);
    if (!a.authority_email.empty()) sv.Set("authority_email", a.authority_email);
    if (!a.authority_phone.empty()) sv.Set("authority_phone", a.authority_phone);
    v.Set("statement", std::move(sv));
  }
  if (p.fm.kind == "assessment") v.Set("assessment", AssessmentView(p.fm.raw));
  RoundViewContext round_ctx{p.lang, site_.now, site_.config.vote_api};
  if (p.typed && p.typed->round) {
    for (const auto& r : site_.rounds) {
      if (r.id == p.typed->round->id) v.Set("round", RoundView(r, round_ctx));
    }
  }
  const std::string results_round = !p.results_round.empty()    ? p.results_round
                                    : p.typed && p.typed->round ? p.typed->round->id
                                                                : "";
  if (auto res = site_.results.find(results_round); res != site_.results.end()) {
    v.Set(p.type == PageType::kRoundReceipts ? "receipts" : "results",
          RoundResultsView(p, res->second));
  }
  if (p.typed && p.typed->proposal) {
    const ProposalInfo& info = *p.typed->proposal;
    ViewData pv;
    pv.Set("cost", FormatEuros(info.def.cost, p.lang));
    if (!info.def.summary.empty()) pv.Set("summary", info.def.summary);
    if (!info.image.empty()) {
      auto it = site_.content_file_urls.find(JoinPath(DirName(p.content_path), info.image));
      pv.Set("image",
             it != site_.content_file_urls.end() ? SiteUrl(site_, it->second) : info.image);
      pv.Set("image_alt", info.image_alt);
    }
    for (const auto& r : site_.rounds) {
      if (r.id != info.round) continue;
      pv.Set("round_title", r.title);
      pv.Set("round_url", r.url);
      for (const auto& a : r.areas) {
        if (a.id == info.area) pv.Set("area_name", a.name);
      }
    }
    v.Set("proposal", std::move(pv));
  }
  v.Set("page", std::move(page));
  return v;
}

ViewData AssessmentView(const Value& fm) {
  // The schema check has run: alternatives and dimensions are lists of maps.
  ViewData v;
  ViewData alts = ViewData::List();
  std::vector<std::pair<std::string, std::string>> order;  // id, name
  for (const auto& a : fm.Find("alternatives")->items()) {
    order.emplace_back(a.Find("id")->text(), a.Find("name")->text());
    ViewData av;
    av.Set("name", order.back().second);
    alts.Push(std::move(av));
  }
  ViewData dims = ViewData::List();
  for (const auto& d : fm.Find("dimensions")->items()) {
    ViewData dv;
    dv.Set("id", d.Find("id")->text());
    dv.Set("name", d.Find("name")->text());
    ViewData cells = ViewData::List();
    for (const auto& [id, name] : order) {
      const Value* text = d.Find("entries")->Find(id);
      ViewData c;
      c.Set("alternative", name);
      c.Set("text", text ? text->text() : std::string("–"));
      cells.Push(std::move(c));
    }
    dv.Set("cells", std::move(cells));
    dims.Push(std::move(dv));
  }
  v.Set("alternatives", std::move(alts));
  v.Set("dimensions", std::move(dims));
  return v;
}

ViewData SiteRenderer::MeasureIndexView(const Page& p) const {
  ViewData v;
  if (p.facet.empty()) {
    ViewData groups = ViewData::List();
    for (const char* facet : {"body", "status", "target_group"}) {
      ViewData g;
      g.Set("title", Str(p.lang, std::string("facet_") + facet));
      ViewData values = ViewData::List();
      bool any = false;
      for (int i : p.pages) {
        const Page& q = site_.pages[i];
        if (q.facet != facet) continue;
        ViewData item;
        item.Set("title", q.fm.title);
        item.Set("url", SiteUrl(site_, q.url));
        item.Set("count", std::to_string(q.measures.size()));
        values.Push(std::move(item));
        any = true;
      }
      if (!any) continue;
      g.Set("values", std::move(values));
      groups.Push(std::move(g));
    }
    v.Set("groups", std::move(groups));
    v.Set("is_facet_index", true);
    return v;
  }
  v.Set("facet", Str(p.lang, "facet_" + p.facet));
  std::vector<const Measure*> measures;
  ViewData items = ViewData::List();
  for (const auto& ref : p.measures) {
    const Page& plan_page = site_.pages[ref.page];
    const Goal& goal = plan_page.typed->plan->goals[ref.goal];
    const Measure& m = goal.measures[ref.measure];
    measures.push_back(&m);
    ViewData item;
    item.Set("plan_title", plan_page.fm.title);
    item.Set("plan_url", SiteUrl(site_, plan_page.url));
    item.Set("goal_title", goal.title);
    item.Set("url", SiteUrl(site_, plan_page.url) + "#" + MeasureAnchor(goal, m));
    item.Set("text", m.text);
    std::string resp;
    for (const auto& r : m.responsible) resp += (resp.empty() ? "" : ", ") + r;
    if (!resp.empty()) item.Set("responsible", resp);
    ViewData st = ViewData::List();
    for (const auto& s : m.status) {
      if (const StatusDef* d = site_.kinds.statuses.Find(s.status))
        st.Push(StatusView(*d, p.lang, s.body));
    }
    item.Set("statuses", std::move(st));
    items.Push(std::move(item));
  }
  v.Set("items", std::move(items));
  v.Set("count", std::to_string(measures.size()));
  v.Set("summary_counts", StatusSummaryView(measures, site_.kinds.statuses, p.lang, "chart-index",
                                            Str(p.lang, "chart_by_status")));
  return v;
}

std::optional<std::string> SiteRenderer::ContentWithBallots(const Page& p, TemplateRenderer& r,
                                                            DiagnosticList& diags) const {
  // The same round view and the same ballot-form partial as the round page, with the
  // round cut down to the one area.
  RoundViewContext ctx{p.lang, site_.now, site_.config.vote_api};
  std::string out;
  size_t at = 0;
  for (size_t k = 0; k < p.ballots.size(); ++k) {
    const EmbeddedBallot& b = p.ballots[k];
    const RoundDefinition& round = site_.rounds[b.round];
    RoundDefinition one = round;
    one.areas = {round.areas[b.area]};
    ViewData view;
    view.Set("round", RoundView(one, ctx));
    ViewData embed;
    embed.Set("round_url", round.url);
    embed.Set("first", k == 0);  // ballot.js once per page
    // Its heading goes one level below the heading it follows, so the outline stays whole.
    int level = 2;
    for (const auto& h : p.md.headings) {
      if (h.line < b.line) level = std::min(h.level + 1, 6);
    }
    embed.Set("level", std::to_string(level));
    view.Set("embed", std::move(embed));
    std::string html, error;
    if (!r.Render("ballot-embed", site_views_.at(p.lang), view, html, error)) {
      diags.Error({p.file, 0, 0}, error,
                  "the ballot directive needs the theme's templates/ballot-embed.mustache");
      return std::nullopt;
    }
    out.append(p.md.html, at, b.html_offset - at);
    out += html;
    at = b.html_offset;
  }
  out.append(p.md.html, at, std::string::npos);
  return out;
}

std::string SiteRenderer::LayoutFor(const Page& p) const {
  if (!p.fm.layout.empty()) return p.fm.layout;
  if (!p.fm.kind.empty() && templates_.Has(p.fm.kind)) return p.fm.kind;
  switch (p.type) {
    case PageType::kHome:
      return "home";
    case PageType::kSection:
      return "section";
    case PageType::kPage:
      return "page";
    case PageType::kTaxonomy:
      return "taxonomy";
    case PageType::kTerm:
      return "term";
    case PageType::kMeasureIndex:
      return "measures";
    case PageType::kMissingTranslation:
      return "missing-translation";
    case PageType::kAccessibility:
      return "accessibility";
    case PageType::kProjectIndex:
      return "projects";
    case PageType::kRoundResults:
      return "round-results";
    case PageType::kRoundReceipts:
      return "round-receipts";
  }
  return "page";
}

std::string SiteRenderer::OutputPath(const std::string& url) {
  std::string p = url.substr(1);
  if (p.empty() || p.back() == '/') p += "index.html";
  return p;
}

bool SiteRenderer::ReadsOnlyOwnBody(const RenderJob& job) const {
  // PageView reads other pages' list items (their first paragraphs, word counts) only
  // for lists, and ContentWithBallots needs the directives resolved, which happens after
  // every page's Markdown.
  if (job.kind != RenderJob::kPage || job.page < 0) return false;
  const Page& p = site_.pages[job.page];
  return p.type == PageType::kPage && p.md.directives.empty() && p.ballots.empty();
}

std::vector<RenderJob> SiteRenderer::Jobs() const {
  std::vector<RenderJob> jobs;
  // The sitemap lists every page: the longest single job, so it goes first rather than
  // last, when the other workers would have nothing left to do.
  if (site_.config.generate_sitemap) jobs.push_back({-1, 1, RenderJob::kSitemap});
  for (size_t i = 0; i < site_.pages.size(); ++i) {
    const Page& p = site_.pages[i];
    if (p.removed) continue;
    size_t n = 1;
    if (p.IsList() && p.type != PageType::kTaxonomy) {
      n = PageCount(p.type == PageType::kTerm ? p.term_pages.size() : p.pages.size(),
                    site_.config.paginate);
    }
    for (size_t k = 1; k <= n; ++k) jobs.push_back({static_cast<int>(i), k, RenderJob::kPage});
    if (HasFeed(site_, p)) jobs.push_back({static_cast<int>(i), 1, RenderJob::kFeed});
    if (p.typed && p.typed->plan) jobs.push_back({static_cast<int>(i), 1, RenderJob::kOpenData});
    if (site_.catalogues.count(static_cast<int>(i)))
      jobs.push_back({static_cast<int>(i), 1, RenderJob::kCatalogueData});
  }
  for (size_t a = 0; a < site_.aliases.size(); ++a)
    jobs.push_back({static_cast<int>(a), 1, RenderJob::kAlias});
  for (size_t r = 0; r < site_.rounds.size(); ++r)
    jobs.push_back({static_cast<int>(r), 1, RenderJob::kManifest});
  if (!site_.rounds.empty() && templates_.Has("ballot-answer"))
    jobs.push_back({-1, 1, RenderJob::kAnswerShell});
  jobs.push_back({-1, 1, RenderJob::kNotFound});
  if (site_.config.generate_robots_txt) jobs.push_back({-1, 1, RenderJob::kRobots});
  return jobs;
}

void SiteRenderer::Render(const RenderJob& job, unsigned worker, const EmitFn& emit,
                          DiagnosticList& diags) {
  TemplateRenderer& r = *renderers_[worker];
  NotePageReads(site_view_reads_);
  const std::string& dl = site_.config.default_language;
  // `content`: the page's HTML when the view holds its stand-in (see SpliceText).
  auto render_in_base = [&](const std::string& layout, const ViewData& view,
                            const std::string& lang, const std::string& file,
                            const std::string* content = nullptr) -> std::optional<std::string> {
    std::string main, html, error;
    const ViewData& sv = site_views_.at(lang);
    if (!r.Render(layout, sv, view, main, error)) {
      diags.Error(
          {file, 0, 0}, error,
          "create " + templates_.dir() + "/" + layout + ".mustache or set another 'layout'");
      return std::nullopt;
    }
    ViewData top;  // the page's own view stays as it is: copying it would copy every list
    // `main` holds the content's stand-in until the final splice, unless it goes into the
    // view itself. (With the page's HTML in it, it could stand in just as well: that HTML
    // is not spaces and tabs only, see CanStandIn.)
    bool splice_main = CanStandIn(main);
    if (content && !splice_main) main = SpliceText(main, {{kContentStandIn, *content}});
    top.Set("main", splice_main ? std::string(kMainStandIn) : std::move(main));
    if (!r.Render("baseof", sv, view, html, error, &top)) {
      diags.Error({file, 0, 0}, error);
      return std::nullopt;
    }
    if (!splice_main && !content) return html;
    std::vector<StandIn> stand_ins;
    if (splice_main) stand_ins.push_back({kMainStandIn, main, content != nullptr});
    if (content) stand_ins.push_back({kContentStandIn, *content});  // baseof may show it too
    return SpliceText(html, std::move(stand_ins));
  };
  switch (job.kind) {
    case RenderJob::kPage: {
      const Page& p = site_.pages[job.page];
      std::optional<std::string> content;
      if (!p.ballots.empty() && !(content = ContentWithBallots(p, r, diags))) break;
      const std::string& html = content ? *content : p.md.html;
      static const std::string kStandIn(kContentStandIn);
      bool splice = CanStandIn(html);
      ViewData view = PageView(p, job.pager, splice ? &kStandIn : &html);
      if (auto html_out =
              render_in_base(LayoutFor(p), view, p.lang, p.file, splice ? &html : nullptr)) {
        emit(OutputPath(PaginationUrl(p.url, job.pager)), std::move(*html_out));
      }
      break;
    }
    case RenderJob::kAnswerShell: {
      // The voting server's answer pages in the site's look: it fills in {{lang}},
      // {{title}} and {{content}} (voting-server/http/answer_page.h).
      ViewData view;
      ViewData page;
      page.Set("title", "{{title}}");
      page.Set("lang", "{{lang}}");
      page.Set("content", "{{content}}");
      page.Set("noindex", true);
      view.Set("page", std::move(page));
      if (auto html = render_in_base("ballot-answer", view, dl, "site.yaml")) {
        emit("_yhdessa/ballot-answer.html", std::move(*html));
      }
      break;
    }
    case RenderJob::kCatalogueData: {
      // Every project below the catalogue's section, filtered or not.
      std::vector<int> all;
      for (size_t i = 0; i < site_.pages.size(); ++i) {
        const Page& q = site_.pages[i];
        if (q.fm.kind != "project" || q.type != PageType::kPage || q.removed ||
            q.lang != site_.pages[job.page].lang)
          continue;
        for (int a = q.parent; a >= 0; a = site_.pages[a].parent) {
          if (a == job.page) {
            all.push_back(static_cast<int>(i));
            break;
          }
        }
      }
      std::sort(all.begin(), all.end(),
                [&](int a, int b) { return site_.pages[a].fm.title < site_.pages[b].fm.title; });
      std::string dir = site_.pages[job.page].url.substr(1);
      emit(dir + "hankkeet.json", CatalogueJson(site_, all));
      emit(dir + "hankkeet.csv", CatalogueCsv(site_, all));
      break;
    }
    case RenderJob::kManifest:
      // What the voting server loads: the round's rules, areas and proposals.
      emit(ManifestPath(site_.rounds[job.page].id), RoundToJson(site_.rounds[job.page]));
      break;
    case RenderJob::kOpenData: {
      const Page& p = site_.pages[job.page];
      std::string dir = p.url.substr(1);
      emit(dir + "toimenpiteet.json",
           PlanJson(*p.typed->plan, p.fm.title, site_.config.Origin() + SiteUrl(site_, p.url),
                    site_.kinds.statuses));
      emit(dir + "toimenpiteet.csv", PlanCsv(*p.typed->plan, site_.kinds.statuses));
      break;
    }
    case RenderJob::kFeed:
      emit(OutputPath(site_.pages[job.page].url + "atom.xml"), Feed(site_.pages[job.page]));
      break;
    case RenderJob::kAlias: {
      const Alias& a = site_.aliases[job.page];
      const Page& target = site_.pages[a.page];
      NotePageRead(static_cast<size_t>(a.page));  // its title, address and language
      ViewData view;
      ViewData page;
      page.Set("title", target.fm.title);
      page.Set("url", SiteUrl(site_, target.url));
      page.Set("permalink", site_.config.Origin() + SiteUrl(site_, target.url));
      page.Set("lang", target.lang);
      view.Set("page", std::move(page));
      std::string html, error;
      if (!r.Render("alias", site_views_.at(target.lang), view, html, error)) {
        diags.Error({a.file, 0, 0}, error, "the theme needs templates/alias.mustache for aliases");
        break;
      }
      emit(OutputPath(a.url), std::move(html));
      break;
    }
    case RenderJob::kNotFound: {
      ViewData view;
      ViewData page;
      page.Set("title", Str(dl, "not_found_title"));
      page.Set("lang", dl);
      page.Set("url", SiteUrl(site_, "/404.html"));
      page.Set("is_404", true);
      view.Set("page", std::move(page));
      if (auto html = render_in_base("404", view, dl, "site.yaml"))
        emit("404.html", std::move(*html));
      break;
    }
    case RenderJob::kSitemap:
      // One sitemap per language behind an index when the site has several languages.
      if (site_.config.languages.size() == 1) {
        emit("sitemap.xml", Sitemap(""));
      } else {
        emit("sitemap.xml", SitemapIndex());
        for (const auto& l : site_.config.languages)
          emit("sitemaps/" + l.code + ".xml", Sitemap(l.code));
      }
      break;
    case RenderJob::kRobots: {
      std::string robots = "User-agent: *\nAllow: /\n";
      if (site_.config.generate_sitemap)
        robots += "\nSitemap: " + site_.config.Origin() + SiteUrl(site_, "/sitemap.xml") + "\n";
      emit("robots.txt", std::move(robots));
      break;
    }
  }
}

std::string SiteRenderer::Sitemap(const std::string& lang) const {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  // Addresses are the site's structure: sorted once, and every page's dates read below.
  by_url_built_->Run([&] {
    by_url_.clear();
    for (size_t i = 0; i < site_.pages.size(); ++i) by_url_.push_back(static_cast<int>(i));
    std::sort(by_url_.begin(), by_url_.end(),
              [&](int a, int b) { return site_.pages.Place(a).url < site_.pages.Place(b).url; });
  });
  NoteAllPagesRead();
  for (int i : by_url_) {
    const Page* p = &site_.pages[i];
    if (!lang.empty() && p->lang != lang) continue;
    if (p->type == PageType::kMissingTranslation || p->removed) continue;
    out += "  <url><loc>" + XmlEscape(site_.config.Origin() + SiteUrl(site_, p->url)) + "</loc>";
    const auto& d = p->fm.lastmod ? p->fm.lastmod : p->fm.date;
    if (d) out += "<lastmod>" + d->Iso() + "</lastmod>";
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

std::string SiteRenderer::SitemapIndex() const {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const auto& l : site_.config.languages) {
    out += "  <sitemap><loc>" +
           XmlEscape(site_.config.Origin() + SiteUrl(site_, "/sitemaps/" + l.code + ".xml")) +
           "</loc></sitemap>\n";
  }
  return out + "</sitemapindex>\n";
}

std::vector<int> FeedEntries(const Site& site, const Page& section) {
  // Newest first, in list order among equals; only the entries shown are sorted.
  std::vector<std::tuple<int64_t, size_t, int>> by_date;
  for (size_t k = 0; k < section.pages.size(); ++k) {
    int i = section.pages[k];
    by_date.emplace_back(-site.pages[i].fm.date->Epoch(), k, i);
  }
  size_t shown = std::min(by_date.size(), static_cast<size_t>(site.config.feed_limit));
  std::partial_sort(by_date.begin(), by_date.begin() + static_cast<ptrdiff_t>(shown),
                    by_date.end());
  std::vector<int> items;
  for (size_t k = 0; k < shown; ++k) items.push_back(std::get<2>(by_date[k]));
  return items;
}

std::string SiteRenderer::Feed(const Page& section) const {
  std::vector<int> items = FeedEntries(site_, section);
  auto rfc3339 = [](const DateTime& d) {
    DateTime t = d;
    t.has_time = true;
    return t.Iso();
  };
  std::string self = site_.config.Origin() + SiteUrl(site_, section.url);
  // Appended piece by piece: the entries carry whole pages, which a sum of strings would
  // copy several times over.
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
      "xml:lang=\"";
  auto put = [&](std::initializer_list<std::string_view> parts) {
    for (std::string_view p : parts) out += p;
  };
  auto escaped = [&](std::string_view text) { AppendHtmlEscaped(out, text); };
  put({section.lang, "\">\n  <title>"});
  escaped(section.fm.title + " – " + site_.config.title);
  put({"</title>\n  <id>"});
  escaped(self);
  put({"</id>\n  <link rel=\"alternate\" type=\"text/html\" href=\""});
  escaped(self);
  put({"\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\""});
  escaped(self + "atom.xml");
  put({"\"/>\n"});
  // The newest entry's date, never the build time: the same content gives the same feed.
  if (!items.empty()) put({"  <updated>", rfc3339(*site_.pages[items[0]].fm.date), "</updated>\n"});
  put({"  <author><name>"});
  escaped(site_.config.title);
  put({"</name></author>\n"});
  for (int i : items) {
    const Page& p = site_.pages[i];
    std::string url = site_.config.Origin() + SiteUrl(site_, p.url);
    put({"  <entry>\n    <title>"});
    escaped(p.fm.title);
    put({"</title>\n    <id>"});
    escaped(url);
    put({"</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\""});
    escaped(url);
    put({"\"/>\n    <updated>", rfc3339(p.fm.lastmod ? *p.fm.lastmod : *p.fm.date),
         "</updated>\n    <published>", rfc3339(*p.fm.date), "</published>\n"});
    const std::string& summary = p.fm.description.empty() ? p.md.first_paragraph : p.fm.description;
    if (!summary.empty()) {
      put({"    <summary>"});
      escaped(summary);
      put({"</summary>\n"});
    }
    put({"    <content type=\"html\">"});
    escaped(p.md.html);
    put({"</content>\n  </entry>\n"});
  }
  out += "</feed>\n";
  return out;
}

}  // namespace yhdessa
