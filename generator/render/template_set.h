// TemplateSet: the theme's Mustache templates, loaded once, compiled per render thread.
//
// A theme has `templates/<name>.mustache` (layouts: baseof, home, section, page, taxonomy,
// term, 404, alias, and any custom layout or kind name) and `partials/<name>.mustache`.
// Partials are expanded into the templates at load time, so rendering never re-parses a
// partial per page (the Mustache library would). Template syntax errors and unknown
// partials are reported with the template's file name. This file and view_data.cpp are
// the only users of the Mustache library.
#pragma once

#include <map>
#include <memory>
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

 private:
  std::string dir_;
  std::map<std::string, std::string> sources_;  // name -> partial-expanded text
};

/// Text as a template's {{x}} writes it (HTML-escaped, the apostrophe as &apos;).
std::string TemplateEscape(std::string_view text);

/// One render thread's compiled copies (a compiled template is not safe to share).
class TemplateRenderer {
 public:
  explicit TemplateRenderer(const TemplateSet& set);
  ~TemplateRenderer();
  /// Renders template `name` with the site data, the page data and `top` (optional)
  /// layered on top of each other. Returns false and sets `error` when the template fails.
  bool Render(const std::string& name, const ViewData& site, const ViewData& page, std::string& out,
              std::string& error, const ViewData* top = nullptr);

 private:
  struct Compiled;
  struct Lookup;  // the Mustache context, kept between renders
  const TemplateSet& set_;
  std::map<std::string, std::unique_ptr<Compiled>> compiled_;
  std::unique_ptr<Lookup> lookup_;
};

}  // namespace yhdessa
