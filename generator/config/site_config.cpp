#include "generator/config/site_config.h"

#include <algorithm>

#include "generator/data/yaml_reader.h"

namespace yhdessa {
namespace {

const std::vector<std::string>& KnownKeys() {
  static const std::vector<std::string> k{"title",
                                          "description",
                                          "base_url",
                                          "default_language",
                                          "languages",
                                          "theme",
                                          "themes_dir",
                                          "unsafe_html",
                                          "paginate",
                                          "feed_limit",
                                          "generate_feeds",
                                          "generate_sitemap",
                                          "generate_robots_txt",
                                          "taxonomies",
                                          "menus",
                                          "vote_api",
                                          "params",
                                          "accessibility_statement",
                                          "home_recent",
                                          "statuses",
                                          "responsible_bodies",
                                          "readability",
                                          "accessibility",
                                          "target_groups"};
  return k;
}

// Keys whose values other modules read; kept as raw Values.
bool IsExtraKey(const std::string& key) {
  return key == "statuses" || key == "responsible_bodies" || key == "readability" ||
         key == "accessibility" || key == "target_groups";
}

void ParseLanguages(const Value& v, SiteConfig& cfg, DiagnosticList& diags) {
  if (!v.is_map()) {
    ReportAt(diags, v.pos(), "'languages' must be a map from language code to its settings",
             "e.g. languages: {fi: {name: Suomeksi}, sv: {name: På svenska}}");
    return;
  }
  for (const auto& [code, lv] : v.entries()) {
    LanguageConfig lang;
    lang.code = code;
    if (lv.is_map()) {
      for (const auto& [k, x] : lv.entries()) {
        if (k == "name") {
          if (auto s = ReadString(x, "'name'", diags)) lang.name = *s;
        } else if (k == "title") {
          if (auto s = ReadString(x, "'title'", diags)) lang.title = *s;
        } else if (k == "weight") {
          if (auto n = ReadInt(x, "'weight'", diags)) lang.weight = *n;
        } else {
          ReportAt(diags, x.key_pos(), "'" + k + "' is not a language setting",
                   "a language has name, title and weight");
        }
      }
    } else if (lv.is_scalar()) {
      lang.name = lv.text();
    }
    if (lang.name.empty()) lang.name = code;
    cfg.languages.push_back(lang);
  }
}

void ParseMenus(const Value& v, SiteConfig& cfg, DiagnosticList& diags) {
  if (!v.is_map()) {
    ReportAt(diags, v.pos(), "'menus' must be a map from menu name to a list of items");
    return;
  }
  for (const auto& [name, list] : v.entries()) {
    if (!list.is_list()) {
      ReportAt(diags, list.pos(), "menu '" + name + "' must be a list of items");
      continue;
    }
    auto& items = cfg.menus[name];
    for (const auto& iv : list.items()) {
      MenuItem item;
      item.pos = iv.pos();
      if (!iv.is_map()) {
        ReportAt(diags, iv.pos(), "a menu item must have title and url");
        continue;
      }
      for (const auto& [k, x] : iv.entries()) {
        if (k == "title") {
          if (auto s = ReadString(x, "'title'", diags)) item.title = *s;
        } else if (k == "url" || k == "page") {
          if (auto s = ReadString(x, "'" + k + "'", diags)) item.url = *s;
        } else if (k == "weight") {
          if (auto n = ReadInt(x, "'weight'", diags)) item.weight = *n;
        } else {
          ReportAt(diags, x.key_pos(), "'" + k + "' is not a menu item setting",
                   "a menu item has title, url (or page) and weight");
        }
      }
      if (item.title.empty() || item.url.empty()) {
        ReportAt(diags, iv.pos(), "a menu item needs both title and url");
        continue;
      }
      items.push_back(item);
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const MenuItem& a, const MenuItem& b) { return a.weight < b.weight; });
  }
}

void ParseTaxonomies(const Value& v, SiteConfig& cfg, DiagnosticList& diags) {
  cfg.taxonomies.clear();
  if (v.is_map()) {
    for (const auto& [name, tv] : v.entries()) {
      TaxonomyConfig t{name, name};
      if (tv.is_scalar()) t.title = tv.text();
      if (tv.is_map()) {
        if (const Value* title = tv.Find("title")) {
          if (auto s = ReadString(*title, "'title'", diags)) t.title = *s;
        }
      }
      cfg.taxonomies.push_back(t);
    }
  } else if (auto names = ReadStringList(v, "'taxonomies'", diags)) {
    for (const auto& n : *names) cfg.taxonomies.push_back({n, n});
  }
}

}  // namespace

std::string SiteConfig::BasePath() const {
  // base_url is "scheme://host[:port]/path/"; the path starts at the first '/' after "//".
  size_t scheme = base_url.find("//");
  size_t slash = base_url.find('/', scheme == std::string::npos ? 0 : scheme + 2);
  if (slash == std::string::npos) return "/";
  return base_url.substr(slash);
}

std::string SiteConfig::Origin() const {
  std::string s = base_url;
  if (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

const LanguageConfig* SiteConfig::FindLanguage(const std::string& code) const {
  for (const auto& l : languages) {
    if (l.code == code) return &l;
  }
  return nullptr;
}

std::optional<SiteConfig> ParseSiteConfig(std::string_view text, const std::string& file,
                                          DiagnosticList& diags) {
  DiagnosticList local;
  auto root = ParseYaml(text, file, 1, local);
  SiteConfig cfg;
  if (root && !root->is_map()) {
    local.Error({file, 1, 1}, "site.yaml must be a map of settings", "start with: title: My site");
  } else if (root) {
    for (const auto& [key, v] : root->entries()) {
      if (key == "title") {
        if (auto s = ReadString(v, "'title'", local)) cfg.title = *s;
      } else if (key == "description") {
        if (auto s = ReadString(v, "'description'", local)) cfg.description = *s;
      } else if (key == "base_url") {
        if (auto s = ReadString(v, "'base_url'", local)) {
          cfg.base_url = *s;
          if (cfg.base_url.rfind("http://", 0) != 0 && cfg.base_url.rfind("https://", 0) != 0) {
            ReportAt(local, v.pos(), "'base_url' must start with http:// or https://",
                     "e.g. base_url: https://osallisuus.example.fi/");
          }
          if (cfg.base_url.empty() || cfg.base_url.back() != '/') cfg.base_url += '/';
        }
      } else if (key == "default_language") {
        if (auto s = ReadString(v, "'default_language'", local)) cfg.default_language = *s;
      } else if (key == "languages") {
        ParseLanguages(v, cfg, local);
      } else if (key == "theme") {
        if (auto s = ReadString(v, "'theme'", local)) cfg.theme = *s;
      } else if (key == "themes_dir") {
        if (auto s = ReadString(v, "'themes_dir'", local)) cfg.themes_dir = *s;
      } else if (key == "unsafe_html") {
        if (auto b = ReadBool(v, "'unsafe_html'", local)) cfg.unsafe_html = *b;
      } else if (key == "paginate") {
        if (auto n = ReadInt(v, "'paginate'", local)) {
          if (*n < 1) {
            ReportAt(local, v.pos(), "'paginate' must be at least 1");
          } else {
            cfg.paginate = *n;
          }
        }
      } else if (key == "home_recent") {
        if (auto n = ReadInt(v, "'home_recent'", local)) cfg.home_recent = *n;
      } else if (key == "feed_limit") {
        if (auto n = ReadInt(v, "'feed_limit'", local)) cfg.feed_limit = *n;
      } else if (key == "generate_feeds") {
        if (auto b = ReadBool(v, "'generate_feeds'", local)) cfg.generate_feeds = *b;
      } else if (key == "generate_sitemap") {
        if (auto b = ReadBool(v, "'generate_sitemap'", local)) cfg.generate_sitemap = *b;
      } else if (key == "generate_robots_txt") {
        if (auto b = ReadBool(v, "'generate_robots_txt'", local)) cfg.generate_robots_txt = *b;
      } else if (key == "taxonomies") {
        ParseTaxonomies(v, cfg, local);
      } else if (key == "menus") {
        ParseMenus(v, cfg, local);
      } else if (key == "vote_api") {
        if (auto s = ReadString(v, "'vote_api'", local)) cfg.vote_api = *s;
      } else if (key == "accessibility_statement") {
        if (auto s = ReadString(v, "'accessibility_statement'", local))
          cfg.accessibility_statement = *s;
      } else if (key == "params") {
        cfg.params = v;
      } else if (IsExtraKey(key)) {
        cfg.extra[key] = v;
      } else {
        std::string near = DidYouMean(key, KnownKeys());
        ReportAt(local, v.key_pos(), "'" + key + "' is not a known site.yaml key",
                 near.empty() ? "put custom values under params:" : "did you mean '" + near + "'?");
      }
    }
    if (cfg.title.empty()) {
      local.Error({file, 1, 1}, "site.yaml has no title", "add a line: title: Name of the site");
    }
  }
  if (cfg.FindLanguage(cfg.default_language) == nullptr) {
    cfg.languages.insert(cfg.languages.begin(),
                         {cfg.default_language, cfg.default_language, "", -1});
  }
  std::stable_sort(
      cfg.languages.begin(), cfg.languages.end(),
      [](const LanguageConfig& a, const LanguageConfig& b) { return a.weight < b.weight; });
  bool failed = local.has_errors();
  diags.Merge(std::move(local));
  if (failed) return std::nullopt;
  return cfg;
}

}  // namespace yhdessa
