// Templates: partials expanded at load time, and partials rendered once per language when
// their output is the same on every page (TemplateSet::cacheable_partials,
// TemplateRenderer::RenderPartialAlone, the marker TemplateSet::Expanded puts in their place).
#include <catch2/catch.hpp>

#include "generator/render/template_set.h"
#include "generator/render/view_data.h"
#include "test_site.h"

using namespace yhdessa;
using namespace yhdessa::testing;

namespace {

std::unique_ptr<TemplateSet> Load(const std::map<std::string, std::string>& files,
                                  DiagnosticList& diags) {
  MemoryFileSystem fs;
  for (const auto& [path, text] : files) fs.Add("themes/t/" + path, text);
  return TemplateSet::Load(fs, "themes/t", diags);
}

// The site data as the renderer has it: "site" and "i18n" at the top.
ViewData SiteData() {
  ViewData site;
  site.Set("title", "Kouvola");
  ViewData menu = ViewData::List();
  for (const char* title : {"Asuminen", "Liikenne"}) {
    ViewData item;
    item.Set("title", title);
    item.Set("url", std::string("/") + title + "/");
    menu.Push(std::move(item));
  }
  ViewData menus;
  menus.Set("main", std::move(menu));
  site.Set("menus", std::move(menus));
  ViewData root;
  root.Set("site", std::move(site));
  ViewData i18n;
  i18n.Set("skip", "Siirry sisältöön");
  root.Set("i18n", std::move(i18n));
  return root;
}

std::optional<std::string> Alone(const std::string& partial) {
  DiagnosticList diags;
  auto set =
      Load({{"templates/page.mustache", "{{> p}}"}, {"partials/p.mustache", partial}}, diags);
  REQUIRE(set);
  TemplateRenderer r(*set);
  return r.RenderPartialAlone("p", SiteData());
}

}  // namespace

TEST_CASE("templates: candidates for rendering once begin and end with text") {
  DiagnosticList diags;
  auto set =
      Load({{"templates/page.mustache", "{{> empty}}{{> nav}}{{> list}}{{> spaced}}{{> tagged}}"},
            {"partials/empty.mustache", ""},
            {"partials/nav.mustache", "<nav>{{site.title}}</nav>\n"},
            {"partials/list.mustache", "{{#site.menus.main}}x{{/site.menus.main}}"},
            {"partials/spaced.mustache", " <b>{{site.title}}</b>"},
            {"partials/tagged.mustache", "<b>{{site.title}}</b>{{! end }}"}},
           diags);
  REQUIRE(set);
  CHECK(set->cacheable_partials() == std::vector<std::string>{"nav"});
  // A changed delimiter anywhere: the tags after it cannot be read, so none.
  auto changed = Load({{"templates/page.mustache", "{{=<% %>=}}<%> nav%>"},
                       {"partials/nav.mustache", "<nav>{{site.title}}</nav>"}},
                      diags);
  REQUIRE(changed);
  CHECK(changed->cacheable_partials().empty());
}

TEST_CASE("templates: a cached partial becomes a marker only where no section is open") {
  DiagnosticList diags;
  auto set =
      Load({{"templates/page.mustache",
             "<h1>{{> nav}}</h1>{{#page.list}}{{> nav}}{{/page.list}}{{> outer}}"},
            {"partials/nav.mustache", "<nav>{{site.title}}</nav>"},
            {"partials/outer.mustache", "<div>{{^page.x}}{{> nav}}{{/page.x}}{{> nav}}</div>"}},
           diags);
  REQUIRE(set);
  std::string marker = "{{{" + TemplateSet::PartialMarker("nav") + "}}}";
  CHECK(set->Expanded("page", {"nav"}) ==
        "<h1>" + marker +
            "</h1>{{#page.list}}<nav>{{site.title}}</nav>{{/page.list}}"
            "<div>{{^page.x}}<nav>{{site.title}}</nav>{{/page.x}}" +
            marker + "</div>");
  // Without cached partials, the text Load expanded.
  CHECK(set->Expanded("page", {}) == set->sources().at("page"));
  CHECK(set->Expanded("missing", {"nav"}).empty());
  // A partial's name may have dots; the lookup would split the marker at them.
  CHECK(TemplateSet::PartialMarker("menus/main.v2").find('.') == std::string::npos);
}

TEST_CASE("templates: a partial that reads only the site data renders alone") {
  CHECK(Alone("<nav>{{site.title}}: {{i18n.skip}}</nav>") ==
        "<nav>Kouvola: Siirry sisältöön</nav>");
  CHECK(Alone("<ul>{{#site.menus.main}}<li><a href=\"{{url}}\">{{title}}</a></li>"
              "{{/site.menus.main}}</ul>") ==
        "<ul><li><a href=\"/Asuminen/\">Asuminen</a></li>"
        "<li><a href=\"/Liikenne/\">Liikenne</a></li></ul>");
  // Unset under "site": no page has "site", so it is unset on every page.
  CHECK(Alone("<p>{{site.params.logo}}{{#site.params.logo}}x{{/site.params.logo}}</p>") ==
        "<p></p>");
  // Escaped as in place.
  CHECK(Alone("<p>{{site.title}} & {{{site.title}}}</p>") == "<p>Kouvola & Kouvola</p>");
}

TEST_CASE("templates: a partial a page's data could answer does not render alone") {
  CHECK_FALSE(Alone("<h1>{{page.title}}</h1>"));
  CHECK_FALSE(Alone("<h1>{{#page.is_home}}x{{/page.is_home}}</h1>"));
  // A field the menu items lack would be looked up in the page's view.
  CHECK_FALSE(Alone("<ul>{{#site.menus.main}}{{lang}}{{/site.menus.main}}</ul>"));
  CHECK_FALSE(Alone("<p>{{.}}</p>"));
  // Not a template by itself: the section is closed by its template.
  CHECK_FALSE(Alone("<p>{{site.title}}{{/page.x}}</p>"));
}

TEST_CASE("templates: a site built with a cached partial is the site built without") {
  auto site = [](bool as_partial) {
    MemoryFileSystem fs;
    fs.Add("site.yaml",
           "title: Kouvola\nbase_url: https://example.fi/\ntheme: t\nlanguages:\n"
           "  fi: {name: Suomeksi, weight: 1}\n  sv: {name: Svenska, title: Kouvola sv, weight: "
           "2}\nmenus:\n  main:\n    - {title: Asuminen, url: /asuminen/}\n");
    const std::string nav =
        "<nav>{{site.title}}<ul>{{#site.menus.main}}\n<li><a href=\"{{url}}\">{{title}}</a></li>"
        "{{/site.menus.main}}\n</ul></nav>";
    const std::string page = "<title>{{page.title}}</title>\n";
    fs.Add("themes/t/templates/baseof.mustache",
           page + (as_partial ? "{{> nav}}" : nav) + "\n{{{main}}}\n" +
               (as_partial ? "<p>{{> nav}}</p>" : "<p>" + nav + "</p>") + "\n");
    for (const char* layout :
         {"home", "section", "page", "taxonomy", "term", "404", "missing-translation"})
      fs.Add(std::string("themes/t/templates/") + layout + ".mustache", "<h1>{{page.title}}</h1>");
    fs.Add("themes/t/templates/alias.mustache", "<a href=\"{{url}}\">{{url}}</a>");
    if (as_partial) fs.Add("themes/t/partials/nav.mustache", nav + "\n");
    fs.Add("content/_index.md", "---\ntitle: Etusivu\n---\nTeksti.\n");
    fs.Add("content/_index.sv.md", "---\ntitle: Startsida\n---\nText.\n");
    fs.Add("content/asuminen/_index.md", "---\ntitle: Asuminen\n---\nTeksti.\n");
    return fs;
  };
  auto cached = Build(site(true));
  auto inline_text = Build(site(false));
  INFO(cached.diagnostics);
  INFO(inline_text.diagnostics);
  REQUIRE(cached.ok);
  REQUIRE(inline_text.ok);
  CHECK(cached.stats.partials_rendered_once == std::vector<std::string>{"nav"});
  CHECK(cached.files == inline_text.files);
  const std::string& sv = cached.files["sv/index.html"];
  CHECK(sv.find("<nav>Kouvola sv<ul>\n<li><a href=\"/asuminen/\">Asuminen</a></li>\n</ul></nav>") !=
        std::string::npos);
  CHECK(sv.find("yhdessa-partial") == std::string::npos);
}
