#include "generator/check/site_check.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

namespace yhdessa {
namespace {

std::string Fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string LanguageName(const std::string& code) {
  if (code == "fi") return "Finnish";
  if (code == "sv") return "Swedish";
  if (code == "en") return "English";
  return code;
}

struct Limits {
  bool has_max_score = false, has_min_score = false;
  double max_score = 0, min_score = 0;
  double max_average_sentence_words = 0;  // over the page; 0 = no limit
  double max_sentence_words = 0;          // any one sentence; 0 = no limit
  double max_long_word_share = 0;
};

Limits LimitsFor(const Site& site, const std::string& lang) {
  Limits l;
  auto it = site.config.extra.find("readability");
  if (it == site.config.extra.end()) return l;
  const Value* v = it->second.Find(lang);
  if (!v || !v->is_map()) return l;
  auto num = [&](const char* key, double& out) {
    const Value* x = v->Find(key);
    if (!x || !x->is_scalar()) return false;
    try {
      out = std::stod(x->text());
      return true;
    } catch (...) {
      return false;
    }
  };
  l.has_max_score = num("max_score", l.max_score);
  l.has_min_score = num("min_score", l.min_score);
  num("max_sentence_words", l.max_sentence_words);
  num("max_average_sentence_words", l.max_average_sentence_words);
  num("max_long_word_share", l.max_long_word_share);
  return l;
}

std::string RuleFor(const Diagnostic& d) {
  const std::string& m = d.message;
  if (m.rfind("link to", 0) == 0 || m.find("links to") != std::string::npos) return "links";
  if (m.find("alt text") != std::string::npos || m.find("image_alt") != std::string::npos)
    return "image-alt";
  if (m.find("UI string") != std::string::npos) return "i18n";
  if (m.find("template") != std::string::npos) return "theme";
  return "content";
}

}  // namespace

bool CheckReport::has_errors() const {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::kError; });
}

std::string SourceHash(const Page& source) {
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix(source.fm.title);
  mix("\n");
  // The other prose a translation translates: its description and list summary. Mixed
  // in only when present, so a hash recorded for a page with neither stays valid.
  if (!source.fm.description.empty()) {
    mix("description: ");
    mix(source.fm.description);
    mix("\n");
  }
  const Value* summary = source.fm.raw.is_map() ? source.fm.raw.Find("summary") : nullptr;
  if (summary && summary->is_scalar() && !summary->text().empty()) {
    mix("summary: ");
    mix(summary->text());
    mix("\n");
  }
  mix(source.Body());
  char buf[20];
  std::snprintf(buf, sizeof buf, "%012llx", static_cast<unsigned long long>(h & 0xFFFFFFFFFFFFULL));
  return buf;
}

void AddBuildFindings(const DiagnosticList& diags, CheckReport& report) {
  for (const auto& d : diags.Sorted()) {
    report.findings.push_back({d.severity, d.pos.file, d.pos.line, RuleFor(d),
                               d.message + (d.hint.empty() ? "" : " (" + d.hint + ")")});
  }
}

void CheckSite(const Site& site, const std::map<std::string, std::string>& files,
               CheckReport& report) {
  auto add = [&](Severity s, const std::string& file, int line, const char* rule, std::string msg) {
    report.findings.push_back({s, file, line, rule, std::move(msg)});
  };
  for (const auto& p : site.pages) {
    if (p.content_path.empty()) continue;  // generated pages are the theme's responsibility
    // Headings: the title is the page's only h1; Markdown headings start at ## and do not skip
    // levels.
    int prev = 1;
    for (const auto& h : p.md.headings) {
      if (h.level == 1) {
        add(Severity::kError, p.file, h.line, "headings",
            "a second h1 '" + h.text +
                "': the title is the page's h1; start body headings with ##");
      } else if (h.level > prev + 1) {
        add(Severity::kError, p.file, h.line, "headings",
            "heading '" + h.text + "' skips from h" + std::to_string(prev) + " to h" +
                std::to_string(h.level) + "; use h" + std::to_string(prev + 1));
      }
      prev = h.level;
    }
    // Rendered output: lang attribute and tables with header cells.
    std::string out = p.url.substr(1) + "index.html";
    auto f = files.find(out);
    if (f != files.end()) {
      const std::string& html = f->second;
      if (html.find("<html lang=\"" + p.lang + "\"") == std::string::npos) {
        add(Severity::kError, p.file, 0, "lang",
            "the page's <html> has no lang=\"" + p.lang + "\"");
      }
      size_t h1 = 0;
      for (size_t at = html.find("<h1"); at != std::string::npos; at = html.find("<h1", at + 1))
        ++h1;
      if (h1 != 1)
        add(Severity::kError, p.file, 0, "headings",
            "the page has " + std::to_string(h1) + " h1 elements, not one");
      for (size_t at = html.find("<table"); at != std::string::npos;
           at = html.find("<table", at + 1)) {
        size_t end = html.find("</table>", at);
        if (html.substr(at, end - at).find("<th") == std::string::npos) {
          add(Severity::kError, p.file, 0, "tables", "a table has no header cells (<th>)");
        }
      }
    }
    // Readability, in the page's language.
    if (p.type == PageType::kPage || p.type == PageType::kSection || p.type == PageType::kHome) {
      PageReadability pr{p.file, p.url, Analyse(PlainTextLines(p.Body(), p.body_line), p.lang)};
      const ReadabilityReport& r = pr.report;
      if (r.words > 0 && p.fm.plain_language) {
        Limits lim = LimitsFor(site, p.lang);
        std::vector<std::string> problems;
        if (lim.has_max_score && r.score > lim.max_score) {
          problems.push_back(r.formula + " " + Fixed(r.score, 1) + " is above the limit " +
                             Fixed(lim.max_score, 1));
        }
        if (lim.has_min_score && r.score < lim.min_score) {
          problems.push_back(r.formula + " " + Fixed(r.score, 1) + " is below the limit " +
                             Fixed(lim.min_score, 1));
        }
        if (lim.max_average_sentence_words > 0 &&
            r.average_sentence_words > lim.max_average_sentence_words) {
          problems.push_back("sentences average " + Fixed(r.average_sentence_words, 1) +
                             " words, limit " + Fixed(lim.max_average_sentence_words, 1));
        }
        if (lim.max_sentence_words > 0) {
          // Every sentence over the limit, named where it is: averages hide the one long sentence.
          for (const auto& sentence : r.sentence_list) {
            if (sentence.words > lim.max_sentence_words) {
              add(Severity::kError, p.file, sentence.line, "plain-language",
                  "sentence of " + std::to_string(sentence.words) + " words, limit " +
                      Fixed(lim.max_sentence_words, 0) + ": " + sentence.text.substr(0, 80));
            }
          }
        }
        if (lim.max_long_word_share > 0 && r.long_word_share > lim.max_long_word_share) {
          problems.push_back(Fixed(100 * r.long_word_share, 0) + " % long words, limit " +
                             Fixed(100 * lim.max_long_word_share, 0) + " %");
        }
        for (const auto& problem : problems) {
          add(Severity::kError, p.file, p.body_line, "plain-language",
              "plain-language page: " + problem);
        }
        if (!problems.empty()) {
          std::vector<Sentence> longest = r.sentence_list;
          std::stable_sort(longest.begin(), longest.end(),
                           [](const Sentence& a, const Sentence& b) { return a.words > b.words; });
          for (size_t i = 0; i < std::min<size_t>(3, longest.size()); ++i) {
            add(Severity::kError, p.file, longest[i].line, "plain-language",
                "long sentence (" + std::to_string(longest[i].words) +
                    " words): " + longest[i].text.substr(0, 80));
          }
          std::vector<Word> words = r.word_list;
          std::stable_sort(words.begin(), words.end(),
                           [](const Word& a, const Word& b) { return a.letters > b.letters; });
          for (size_t i = 0; i < std::min<size_t>(3, words.size()); ++i) {
            add(Severity::kError, p.file, words[i].line, "plain-language",
                "long word (" + std::to_string(words[i].letters) + " letters): " + words[i].text);
          }
        }
      }
      report.readability.push_back(std::move(pr));
    }
  }
  // Translations: missing ones, and ones whose source changed since they were made.
  if (site.config.languages.size() > 1) {
    for (const auto& [key, langs] : site.translations) {
      auto def = langs.find(site.config.default_language);
      if (def == langs.end()) continue;
      const Page& source = site.pages[def->second];
      if (source.content_path.empty()) continue;
      std::string hash = SourceHash(source);
      for (const auto& [lang, idx] : langs) {
        const Page& t = site.pages[idx];
        if (lang == site.config.default_language) continue;
        if (t.type == PageType::kMissingTranslation) {
          add(Severity::kWarning, source.file, 0, "translations",
              "no " + LanguageName(lang) + " translation");
        } else if (!t.content_path.empty() && t.fm.translation_of != hash) {
          add(Severity::kWarning, t.file, 0, "translations",
              t.fm.translation_of.empty()
                  ? "the translation does not record its source; add 'translation_of: " + hash +
                        "' when it is up to date"
                  : "the source " + source.file +
                        " has changed since this translation was made; update it and set "
                        "'translation_of: " +
                        hash + "'");
        }
      }
    }
  }
  // The law asks for a yearly review of the accessibility statement.
  if (site.accessibility) {
    int64_t age_days = (site.now - site.accessibility->reviewed.Epoch()) / 86400;
    if (age_days > 365) {
      add(Severity::kWarning, site.accessibility->file, 0, "accessibility-statement",
          "last reviewed " + site.accessibility->reviewed.Iso() + ", " + std::to_string(age_days) +
              " days ago; review it and update 'reviewed' (at least once a year)");
    }
  } else {
    add(Severity::kWarning, "site.yaml", 0, "accessibility-statement",
        "the site has no accessibility statement; set accessibility_statement: <file> (Act on the "
        "Provision of "
        "Digital Services 306/2019)");
  }
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     return std::tie(a.file, a.line, a.rule) < std::tie(b.file, b.line, b.rule);
                   });
}

std::string FormatFindingsText(const CheckReport& report) {
  std::string out;
  for (const auto& f : report.findings) {
    out += f.file + (f.line > 0 ? ":" + std::to_string(f.line) : "") + ": " + f.rule + ": " +
           (f.severity == Severity::kWarning ? "warning: " : "") + f.message + "\n";
  }
  for (const auto& r : report.readability) {
    if (r.report.words == 0) continue;
    out += r.file + ": readability: " + r.report.formula + " " + Fixed(r.report.score, 1) + ", " +
           std::to_string(r.report.sentences) + " sentences, " +
           Fixed(r.report.average_sentence_words, 1) + " words per sentence, " +
           Fixed(100 * r.report.long_word_share, 0) + " % long words\n";
  }
  return out;
}

std::string FormatFindingsJson(const CheckReport& report) {
  nlohmann::ordered_json j;
  j["errors"] = 0;
  j["warnings"] = 0;
  j["findings"] = nlohmann::ordered_json::array();
  for (const auto& f : report.findings) {
    bool err = f.severity == Severity::kError;
    j[err ? "errors" : "warnings"] = j[err ? "errors" : "warnings"].get<int>() + 1;
    j["findings"].push_back({{"file", f.file},
                             {"line", f.line},
                             {"rule", f.rule},
                             {"severity", err ? "error" : "warning"},
                             {"message", f.message}});
  }
  j["readability"] = nlohmann::ordered_json::array();
  for (const auto& r : report.readability) {
    const auto& x = r.report;
    j["readability"].push_back(
        {{"file", r.file},
         {"url", r.url},
         {"lang", x.lang},
         {"formula", x.formula},
         {"score", std::round(x.score * 10) / 10},
         {"sentences", x.sentences},
         {"words", x.words},
         {"average_sentence_words", std::round(x.average_sentence_words * 10) / 10},
         {"long_word_share", std::round(x.long_word_share * 1000) / 1000}});
  }
  return j.dump(2) + "\n";
}

}  // namespace yhdessa
