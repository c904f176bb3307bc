// TemplateSet: the theme's Mustache templates, loaded once, compiled per render thread.
//
// A theme has `templates/<name>.mustache` (layouts: baseof, home, section, page, taxonomy,
// term, 404, alias, and any custom layout or kind name) and `partials/<name>.mustache`.
// Partials are expanded into the templates at load time, so rendering never re-parses a
// partial per page (the Mustache library would). Template syntax errors and unknown
// partials are reported with the template's file name. This file and view_data.cpp are
// the only users of the Mustache library.
//
// A partial whose output is the same on every page of a language (a site header, a menu,
// a footer) can be rendered once per language and reused: Hugo's partialCached, found
// without the theme asking. TemplateSet names the candidates (cacheable_partials), the
// renderer proves each one with RenderPartialAlone against every language's site data,
// and the templates of the proven ones are compiled with a marker ({{{yhdessa-partial:
// NAME}}}, see PartialMarker) in the partial's place, whose text the site data carries.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"
#include "generator/core/file_system.h"

namespace yhdessa {

class ViewData;

class TemplateSet {
 public:
  /// Loads every template and partial of the theme at `theme_dir` (relative to `fs`).
  static std::unique_ptr<TemplateSet> Load(const FileSystem& fs, const std::string& theme_dir,
                                           DiagnosticList& diags);
  bool Has(const std::string& name) const { return sources_.count(name) > 0; }
  /// Where templates are looked for, for "missing template" messages.
  const std::string& dir() const { return dir_; }
  const std::map<std::string, std::string>& sources() const { return sources_; }
  /// False when no template has `name` anywhere in its text (as a word of letters, digits,
  /// '_' and '-'), so no template can show it: the renderer need not build it.
  bool Mentions(std::string_view name) const;

  /// Partials that may be rendered once instead of on every page: the text begins and ends
  /// with text (not a tag or a space), so that the lines of the partial and of the template
  /// around it are the same alone and in place, and no template changes its delimiters.
  /// Whether a candidate's output really is the same on every page is RenderPartialAlone's.
  const std::vector<std::string>& cacheable_partials() const { return cacheable_; }
  /// Template `name` as sources() has it, but with every partial of `cached` that is
  /// included outside any section replaced by {{{PartialMarker(partial)}}} (inside a
  /// section, a list item could answer the partial's names). Empty when there is no such
  /// template.
  std::string Expanded(const std::string& name, const std::set<std::string>& cached) const;
  /// Partial `name` with its own partials expanded; empty when there is no such partial.
  std::string ExpandedPartial(const std::string& name) const;
  /// The name under which the site data carries a cached partial's text.
  static std::string PartialMarker(const std::string& partial);

 private:
  std::string dir_;
  std::map<std::string, std::string> sources_;   // name -> partial-expanded text
  std::map<std::string, std::string> raw_;       // name -> the template's own text
  std::map<std::string, std::string> partials_;  // name -> the partial's own text
  std::vector<std::string> cacheable_;
};

/// Text as a template's {{x}} writes it (HTML-escaped, the apostrophe as &apos;).
std::string TemplateEscape(std::string_view text);

/// One render thread's compiled copies (a compiled template is not safe to share).
class TemplateRenderer {
 public:
  /// `cached`: the partials whose marker the templates get (TemplateSet::Expanded); their
  /// text must be in the site data given to Render. Null: none.
  explicit TemplateRenderer(const TemplateSet& set, const std::set<std::string>* cached = nullptr);
  ~TemplateRenderer();
  /// Renders template `name` with the site data, the page data and `top` (optional)
  /// layered on top of each other. Returns false and sets `error` when the template fails.
  bool Render(const std::string& name, const ViewData& site, const ViewData& page, std::string& out,
              std::string& error, const ViewData* top = nullptr);
  /// Partial `name` rendered by itself with the site data alone, or nullopt when its
  /// output could differ from page to page: some name it looks up is found neither in the
  /// site data nor in an item of a list it goes through and could then be answered by a
  /// page's data. (Exact because a page's view and `top` never have the site data's
  /// top-level names, "site" and "i18n".) Also nullopt when the partial is not a
  /// template by itself (a section opened in it and closed in its template).
  std::optional<std::string> RenderPartialAlone(const std::string& name, const ViewData& site);

 private:
  struct Compiled;
  struct Lookup;  // the Mustache context, kept between renders
  const TemplateSet& set_;
  const std::set<std::string>* cached_;
  std::map<std::string, std::unique_ptr<Compiled>> compiled_;
  std::unique_ptr<Lookup> lookup_;
};

}  // namespace yhdessa
