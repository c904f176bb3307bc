#include "generator/patch/term_moves.h"

#include <algorithm>
#include <set>

#include "generator/content/text.h"
#include "generator/model/site_assembly.h"
#include "generator/patch/links_to_pages.h"
#include "generator/patch/session_jobs.h"

namespace yhdessa::patch {

std::map<std::string, std::string> TermsBySlug(const FrontMatter& fm, const std::string& name) {
  std::map<std::string, std::string> terms;
  auto it = fm.taxonomies.find(name);
  if (it == fm.taxonomies.end()) return terms;
  for (const auto& term : it->second) {
    std::string slug = Slugify(term);
    if (!slug.empty()) terms.emplace(std::move(slug), term);
  }
  return terms;
}

std::string CheckTermMoves(const BuildSession& session, int page, const FrontMatter& was_fm,
                           const Page& p, std::vector<TermMove>& moves) {
  const Site& site = *session.site;
  std::set<std::string> names;
  for (const auto& [name, terms] : was_fm.taxonomies) names.insert(name);
  for (const auto& [name, terms] : p.fm.taxonomies) names.insert(name);
  for (const std::string& name : names) {
    std::map<std::string, std::string> before = TermsBySlug(was_fm, name);
    std::map<std::string, std::string> after = TermsBySlug(p.fm, name);
    if (before == after) continue;
    size_t t = 0;
    while (t < site.taxonomies.size() &&
           (site.taxonomies[t].config.name != name || site.taxonomies[t].lang != p.lang))
      ++t;
    if (t == site.taxonomies.size()) return p.file + " names the first term of '" + name + "'";
    const Taxonomy& tax = site.taxonomies[t];
    auto find = [&](const std::string& slug) {
      size_t k = 0;
      while (k < tax.terms.size() && tax.terms[k].slug != slug) ++k;
      return k;
    };
    for (const auto& [slug, spelling] : before) {
      if (after.count(slug)) continue;
      size_t k = find(slug);
      if (k == tax.terms.size()) return p.file + ": a term of the page is not in the model";
      const TaxonomyTerm& term = tax.terms[k];
      if (term.pages.size() < 2) {
        // Its only page leaves it: the term and its page go, when nothing leads there and
        // the taxonomy keeps a term (a taxonomy without terms has no list page).
        // (A term it joins that exists counts as one it makes: the taxonomy has it anyway.)
        size_t dropped = 1, joined = 0;
        for (const TermMove& m : moves) dropped += m.taxonomy == t && m.dropped;
        for (const auto& [other, spelled] : after) joined += !before.count(other);
        if (tax.terms.size() + joined <= dropped)
          return p.file + " leaves the last term of '" + name + "'";
        int term_page = site.pages[tax.page].pages[k];
        if (std::string why =
                LinkedTo(session, {term_page}, p.file + " leaves the only page of a term");
            !why.empty())
          return why;
        moves.push_back({t, k, false, false, true, slug, spelling});
        continue;
      }
      // The name after it: the first remaining page by path spells the term.
      int first = -1;
      for (int q : term.pages) {
        if (q != page && (first < 0 || site.pages[q].content_path < site.pages[first].content_path))
          first = q;
      }
      std::map<std::string, std::string> theirs = TermsBySlug(site.pages[first].fm, name);
      if (theirs[slug] != term.name) return p.file + " leaves a term it names";
      moves.push_back({t, k, false, false, false, slug, spelling});
    }
    for (const auto& [slug, spelling] : after) {
      auto was = before.find(slug);
      if (was != before.end() && was->second == spelling) continue;
      size_t k = find(slug);
      if (k == tax.terms.size()) {
        if (AddressTaken(site, tax.url + slug + "/"))
          return p.file + ": the address of its new term is taken";
        moves.push_back({t, 0, true, true, false, slug, spelling});
        continue;
      }
      const TaxonomyTerm& term = tax.terms[k];
      if (spelling != term.name) return p.file + " names a term otherwise";
      if (was != before.end()) continue;  // respelled as the term is named
      moves.push_back({t, k, true, false, false, slug, spelling});
    }
  }
  return "";
}

std::string CheckTermMovesTogether(const BuildSession& session,
                                   const std::vector<PageMoves>& pages) {
  const Site& site = *session.site;
  struct Moves {               // of one term
    bool alone = false;        // made or dropped: no other page may move it
    std::vector<int> leavers;  // the pages that leave it
    bool joined = false;       // a page joins it
    const TermMove* first = nullptr;
  };
  std::map<std::pair<size_t, std::string>, Moves> moved;  // (taxonomy, slug)
  std::map<size_t, int64_t> gained;                       // taxonomy -> terms made minus dropped
  std::vector<int> dropped;                               // the pages of the terms that go
  auto take = [&](const std::vector<TermMove>& moves, const std::string& file,
                  int page) -> std::string {
    for (const TermMove& m : moves) {
      Moves& t = moved[{m.taxonomy, m.slug}];
      const bool alone = m.created || m.dropped;
      if (t.first && (t.alone || alone))
        return file + " changes a term another page in the change makes or drops";
      if (!t.first) t.first = &m;
      t.alone = alone;
      if (m.join)
        t.joined = true;
      else
        t.leavers.push_back(page);
      gained[m.taxonomy] += m.created ? 1 : m.dropped ? -1 : 0;
      if (m.dropped) dropped.push_back(site.pages[site.taxonomies[m.taxonomy].page].pages[m.term]);
    }
    return "";
  };
  for (const PageMoves& p : pages) {
    if (std::string why = take(*p.moves, *p.file, p.page); !why.empty()) return why;
  }
  // Pages that each leave a term of other pages may leave it with none together (a build
  // drops it, which only a term left by one page does here), or leave it to a page that
  // spells it otherwise (the first remaining page by path names it; CheckTermMoves looked
  // at each leaving page against the others). A page that joins spells it as named.
  for (const auto& [key, t] : moved) {
    if (t.alone || t.leavers.size() < 2) continue;
    const Taxonomy& tax = site.taxonomies[key.first];
    const TaxonomyTerm& term = tax.terms[t.first->term];
    int first = -1;
    for (int q : term.pages) {
      if (std::find(t.leavers.begin(), t.leavers.end(), q) != t.leavers.end()) continue;
      if (first < 0 || site.pages[q].content_path < site.pages[first].content_path) first = q;
    }
    if (first < 0 && !t.joined)
      return "the change leaves the term '" + term.name + "' without pages";
    if (first >= 0 && TermsBySlug(site.pages[first].fm, tax.config.name)[key.second] != term.name)
      return "the change leaves the term '" + term.name + "' to a page that names it otherwise";
  }
  for (const auto& [t, n] : gained) {
    if (static_cast<int64_t>(site.taxonomies[t].terms.size()) + n < 1)
      return "the change leaves the last term of '" + site.taxonomies[t].config.name + "'";
  }
  if (dropped.empty()) return "";
  const std::vector<std::string> targets = Targets(site, dropped);
  for (const PageMoves& p : pages) {
    if (LinksToAny(*p.links, targets)) return *p.file + " links to a term that loses its only page";
  }
  return "";
}

int MakeTerm(BuildSession& session, const TermMove& m, int page) {
  Site& site = *session.site;
  Taxonomy& tax = site.taxonomies[m.taxonomy];
  auto at = std::lower_bound(
      tax.terms.begin(), tax.terms.end(), m.slug,
      [](const TaxonomyTerm& term, const std::string& slug) { return term.slug < slug; });
  size_t k = static_cast<size_t>(at - tax.terms.begin());
  tax.terms.insert(at, TaxonomyTerm{m.name, m.slug, {page}});
  int index = static_cast<int>(site.pages.size());
  site.pages.push_back(
      TermPage(site.pages[tax.page], tax.page, static_cast<int>(m.taxonomy), tax.terms[k]));
  site.pages.back().term_pages = {page};
  site.by_url.emplace(site.pages.back().url, index);
  std::vector<int>& list = site.pages[tax.page].pages;
  list.insert(list.begin() + static_cast<std::ptrdiff_t>(k), index);
  AddPageJob(session, index);
  if (session.indexed) session.list_holders.push_back(index);
  return index;
}

bool ApplyTermMoves(BuildSession& session, const std::vector<TermMove>& moves, int page,
                    std::vector<int>& placed, std::vector<std::string>& files) {
  Site& site = *session.site;
  bool made = false;
  auto find = [](const Taxonomy& tax, const std::string& slug) {
    size_t k = 0;
    while (k < tax.terms.size() && tax.terms[k].slug != slug) ++k;
    return k;
  };
  for (const TermMove& m : moves) {
    if (m.created || m.dropped) continue;
    Taxonomy& tax = site.taxonomies[m.taxonomy];
    const size_t k = find(tax, m.slug);
    std::vector<int>& list = tax.terms[k].pages;
    if (m.join) {
      list.push_back(page);
      SortForList(list, site.pages);
    } else {
      list.erase(std::remove(list.begin(), list.end(), page), list.end());
    }
    int term_page = site.pages[tax.page].pages[k];
    site.pages[term_page].term_pages = list;
    placed.push_back(term_page);
  }
  for (const TermMove& m : moves) {
    if (!m.dropped) continue;
    Taxonomy& tax = site.taxonomies[m.taxonomy];
    const size_t k = find(tax, m.slug);
    std::vector<int>& list = site.pages[tax.page].pages;
    int term_page = list[k];
    tax.terms.erase(tax.terms.begin() + static_cast<std::ptrdiff_t>(k));
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(k));
    Tombstone(session, {term_page}, files);
    placed.push_back(term_page);
    placed.push_back(tax.page);
  }
  for (const TermMove& m : moves) {
    if (!m.created) continue;
    placed.push_back(MakeTerm(session, m, page));
    placed.push_back(site.taxonomies[m.taxonomy].page);
    made = true;
  }
  return made;
}

}  // namespace yhdessa::patch
