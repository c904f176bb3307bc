#include "generator/content/front_matter.h"

#include <algorithm>
#include <unordered_map>

namespace yhdessa {
namespace {

bool IsFenceLine(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line == "---";
}

}  // namespace

std::optional<SplitDocument> SplitFrontMatter(std::string_view text, const std::string& file,
                                              DiagnosticList& diags) {
  SplitDocument doc;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM from Windows editors
  size_t first_nl = text.find('\n');
  std::string_view first = text.substr(0, first_nl);
  if (!IsFenceLine(first)) {
    doc.body = text;
    return doc;
  }
  if (first_nl == std::string_view::npos) {
    diags.Error({file, 1, 1}, "front matter is not closed",
                "add a line with only --- after the last front-matter line");
    return std::nullopt;
  }
  size_t start = first_nl + 1;
  size_t pos = start;
  int line = 2;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view l =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (IsFenceLine(l)) {
      doc.front_matter = text.substr(start, pos - start);
      doc.front_matter_line = 2;
      doc.body = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      doc.body_line = line + 1;
      return doc;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
    ++line;
  }
  diags.Error({file, 1, 1}, "front matter is not closed",
              "add a line with only --- after the last front-matter line");
  return std::nullopt;
}

const std::vector<std::string>& CommonFrontMatterKeys() {
  static const std::vector<std::string> k{
      "title",       "description", "date",           "lastmod",       "draft",  "publish_date",
      "expiry_date", "weight",      "slug",           "aliases",       "layout", "kind",
      "toc",         "summary",     "plain_language", "translation_of"};
  return k;
}

namespace {

enum class CommonKey {
  kTitle,
  kDescription,
  kDate,
  kLastmod,
  kDraft,
  kPublishDate,
  kExpiryDate,
  kWeight,
  kSlug,
  kAliases,
  kLayout,
  kKind,
  kToc,
  kSummary,
  kPlainLanguage,
  kTranslationOf,
};

// The keys of CommonFrontMatterKeys. One hash lookup per key instead of a string comparison with
// each known key in turn (a warm build reads 10 000 front matters and nothing else of them).
const CommonKey* FindCommonKey(std::string_view key) {
  static const auto* keys = [] {
    return new std::unordered_map<std::string_view, CommonKey>{
        {"title", CommonKey::kTitle},
        {"description", CommonKey::kDescription},
        {"date", CommonKey::kDate},
        {"lastmod", CommonKey::kLastmod},
        {"draft", CommonKey::kDraft},
        {"publish_date", CommonKey::kPublishDate},
        {"expiry_date", CommonKey::kExpiryDate},
        {"weight", CommonKey::kWeight},
        {"slug", CommonKey::kSlug},
        {"aliases", CommonKey::kAliases},
        {"layout", CommonKey::kLayout},
        {"kind", CommonKey::kKind},
        {"toc", CommonKey::kToc},
        {"summary", CommonKey::kSummary},
        {"plain_language", CommonKey::kPlainLanguage},
        {"translation_of", CommonKey::kTranslationOf}};
  }();
  auto it = keys->find(key);
  return it == keys->end() ? nullptr : &it->second;
}

}  // namespace

std::optional<FrontMatter> ParseFrontMatter(Value fm, const std::vector<std::string>& taxonomies,
                                            const std::vector<std::string>& kind_keys,
                                            DiagnosticList& diags) {
  FrontMatter out;
  if (fm.is_null()) {
    out.raw = std::move(fm);
    return out;
  }
  if (!fm.is_map()) {
    ReportAt(diags, fm.pos(),
             "front matter must be a map of 'key: value' lines, not " + fm.KindName());
    return std::nullopt;
  }
  size_t errors_before = diags.error_count();
  std::string what;  // "'key'", for messages; one buffer for all keys
  for (const auto& [key, v] : fm.entries()) {
    what.assign(1, '\'').append(key).append(1, '\'');
    const CommonKey* common = FindCommonKey(key);
    if (!common) {
      if (std::find(taxonomies.begin(), taxonomies.end(), key) != taxonomies.end()) {
        if (auto l = ReadStringList(v, what, diags)) out.taxonomies[key] = std::move(*l);
      } else if (std::find(kind_keys.begin(), kind_keys.end(), key) != kind_keys.end()) {
        // Checked by the typed kind that owns it.
      } else {
        std::vector<std::string> known = CommonFrontMatterKeys();
        known.insert(known.end(), taxonomies.begin(), taxonomies.end());
        std::string near = DidYouMean(key, known);
        if (!near.empty() && near != key) {
          ReportAt(diags, v.key_pos(), "'" + key + "' is not a known front-matter key",
                   "did you mean '" + near + "'?");
        }
        // Otherwise a custom key: templates read it as page.params.<key>.
      }
      continue;
    }
    switch (*common) {
      case CommonKey::kTitle:
        if (auto s = ReadString(v, what, diags)) out.title = std::move(*s);
        break;
      case CommonKey::kDescription:
        if (auto s = ReadString(v, what, diags)) out.description = std::move(*s);
        break;
      case CommonKey::kDate:
        out.date = ReadDate(v, what, diags);
        break;
      case CommonKey::kLastmod:
        out.lastmod = ReadDate(v, what, diags);
        break;
      case CommonKey::kPublishDate:
        out.publish_date = ReadDate(v, what, diags);
        break;
      case CommonKey::kExpiryDate:
        out.expiry_date = ReadDate(v, what, diags);
        break;
      case CommonKey::kDraft:
        if (auto b = ReadBool(v, what, diags)) out.draft = *b;
        break;
      case CommonKey::kToc:
        if (auto b = ReadBool(v, what, diags)) out.toc = *b;
        break;
      case CommonKey::kWeight:
        if (auto n = ReadInt(v, what, diags)) out.weight = *n;
        break;
      case CommonKey::kSlug:
        if (auto s = ReadString(v, what, diags)) {
          if (s->empty() || s->find('/') != std::string::npos || *s == "." || *s == "..") {
            ReportAt(diags, v.pos(), "'slug' must be one URL segment without '/'",
                     "e.g. slug: kasite");
          } else {
            out.slug = std::move(*s);
          }
        }
        break;
      case CommonKey::kLayout:
        if (auto s = ReadString(v, what, diags)) out.layout = std::move(*s);
        break;
      case CommonKey::kKind:
        if (auto s = ReadString(v, what, diags)) out.kind = std::move(*s);
        break;
      case CommonKey::kAliases:
        if (auto l = ReadStringList(v, what, diags)) {
          for (const auto& a : *l) {
            if (a.empty() || a[0] != '/') {
              ReportAt(diags, v.pos(),
                       "an alias must be a site path starting with '/', not '" + a + "'",
                       "e.g. aliases: [/vanha-osoite/]");
            } else {
              out.aliases.push_back(a);
            }
          }
        }
        break;
      case CommonKey::kPlainLanguage:
        if (auto b = ReadBool(v, what, diags)) out.plain_language = *b;
        break;
      case CommonKey::kTranslationOf:
        if (auto t = ReadString(v, what, diags)) out.translation_of = std::move(*t);
        break;
      case CommonKey::kSummary:
        // Read by list templates through page.params; accepted as text here (checked
        // only: the text is not needed).
        if (!v.is_scalar() && !v.is_null()) ReadString(v, what, diags);
        break;
    }
  }
  if (diags.error_count() > errors_before) return std::nullopt;
  out.raw = std::move(fm);  // moved, not copied: the tree is the page's from here on
  return out;
}

}  // namespace yhdessa
