// The Mustache library's side of TemplateSet and ViewData.
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "generator/content/text.h"
#include "generator/render/template_set.h"
#include "generator/render/view_data.h"

namespace yhdessa {

namespace mu = kainjow::mustache;

struct ViewData::Impl {
  mu::data data;
};

ViewData::ViewData() : impl_(std::make_unique<Impl>()) {}
ViewData::ViewData(const ViewData& o) : impl_(std::make_unique<Impl>(*o.impl_)) {}
ViewData::ViewData(ViewData&&) noexcept = default;
ViewData::ViewData(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ViewData& ViewData::operator=(ViewData other) {
  impl_.swap(other.impl_);
  return *this;
}
ViewData::~ViewData() = default;

namespace {

// The library's push_back takes a const reference (a deep copy of the item), and its move
// constructor is not noexcept, so std::vector's growth deep-copies every item already in the
// list. The list is ours (list_value() only hides it behind const): grow it by moving.
void Append(mu::data& list, mu::data&& item) {
  auto& items = const_cast<mu::list&>(list.list_value());
  if (items.size() == items.capacity()) {
    mu::list bigger;
    bigger.reserve(items.empty() ? 4 : items.size() * 2);
    for (auto& i : items) bigger.emplace_back(std::move(i));
    items.swap(bigger);
  }
  items.emplace_back(std::move(item));
}

// Built in the library's data directly: a ViewData per value would allocate its Impl and an
// empty object for each, only to replace them.
mu::data DataFromValue(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return mu::data(false);
    case Value::Kind::kScalar:
      if (!value.quoted() && (value.text() == "true" || value.text() == "false")) {
        return mu::data(value.text() == "true");
      }
      return mu::data(value.text());
    case Value::Kind::kList: {
      mu::data l(mu::data::type::list);
      for (const auto& item : value.items()) Append(l, DataFromValue(item));
      return l;
    }
    case Value::Kind::kMap: {
      mu::data o;
      for (const auto& [k, v] : value.entries()) {
        o[k] = DataFromValue(v);
        // Mustache cannot ask "is this list empty?" before a heading; has_<key> can.
        bool present = v.is_list()  ? !v.items().empty()
                       : v.is_map() ? !v.entries().empty()
                                    : !v.text().empty();
        o["has_" + k] = mu::data(present);
      }
      return o;
    }
  }
  return mu::data();
}

}  // namespace

// Made with their data: a default view's empty object would only be thrown away.
ViewData ViewData::String(const std::string& s) {
  return ViewData(std::make_unique<Impl>(Impl{mu::data(s)}));
}
ViewData ViewData::Bool(bool b) {
  return ViewData(std::make_unique<Impl>(Impl{mu::data(b)}));
}
ViewData ViewData::List() {
  return ViewData(std::make_unique<Impl>(Impl{mu::data(mu::data::type::list)}));
}
ViewData ViewData::FromValue(const Value& value) {
  return ViewData(std::make_unique<Impl>(Impl{DataFromValue(value)}));
}

// operator[] + move: the library's set() takes a const reference and would deep-copy
// whole subtrees (a section's list of 500 pages) on every nesting.
ViewData& ViewData::Set(const std::string& key, ViewData value) {
  impl_->data[key] = std::move(value.impl_->data);
  return *this;
}
ViewData& ViewData::Set(const std::string& key, const std::string& value) {
  impl_->data[key] = mu::data(value);
  return *this;
}
// The library copies a string into its data; its text is ours once constructed (as a
// list's items are, see Append), so an empty one takes the text over.
ViewData& ViewData::Set(const std::string& key, std::string&& value) {
  mu::data text(mu::data::type::string);
  const_cast<std::string&>(text.string_value()).swap(value);
  impl_->data[key] = std::move(text);
  return *this;
}
ViewData& ViewData::Set(const std::string& key, bool value) {
  impl_->data[key] = mu::data(value);
  return *this;
}
namespace {

// Stands for a list item shared between lists (ViewData::PushRef). The renderer's Context
// looks through it; it is never called as a lambda.
struct SharedRef {
  const mu::data* target;
  std::string operator()(const std::string&) const { return {}; }
};

const mu::data* Resolve(const mu::data* d) {
  if (d && d->is_lambda()) {
    if (const SharedRef* r = d->lambda_value().target<SharedRef>()) return r->target;
  }
  return d;
}

}  // namespace

void ViewData::Push(ViewData item) {
  Append(impl_->data, std::move(item.impl_->data));
}
void ViewData::PushRef(const ViewData& target) {
  Append(impl_->data, mu::data(mu::lambda(SharedRef{&target.impl_->data})));
}
ViewData& ViewData::SetRef(const std::string& key, const ViewData& target) {
  impl_->data[key] = mu::data(mu::lambda(SharedRef{&target.impl_->data}));
  return *this;
}

namespace {

bool IsSpace(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// Expands partial tags ({{> name}}) recursively, reading the tags as the library does with
// its default delimiters; reports unknown partials and cycles. A partial of `cached`
// included where no section is open (`depth`, counted on the way) becomes its marker.
bool Expand(const std::string& name, const std::string& text,
            const std::map<std::string, std::string>& partials, const std::set<std::string>& cached,
            std::set<std::string>& stack, int& depth, std::string& out, std::string& error) {
  auto name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' ||
           c == '-';
  };
  size_t last = 0, at = 0;
  while ((at = text.find("{{", at)) != std::string::npos) {
    size_t p = at + 2;
    char kind = p < text.size() ? text[p] : '\0';
    if (kind == '>') {
      size_t q = p + 1;
      while (q < text.size() && IsSpace(text[q])) ++q;
      size_t begin = q;
      while (q < text.size() && name_char(text[q])) ++q;
      size_t end = q;
      while (q < text.size() && IsSpace(text[q])) ++q;
      if (end == begin || text.compare(q, 2, "}}") != 0) {
        at = p;  // not a partial tag the library would take
        continue;
      }
      out.append(text, last, at - last);
      std::string partial = text.substr(begin, end - begin);
      auto found = partials.find(partial);
      if (found == partials.end()) {
        error = name + ": partial '" + partial + "' not found in partials/";
        return false;
      }
      if (stack.count(partial)) {
        error = name + ": partial '" + partial + "' includes itself";
        return false;
      }
      if (depth == 0 && cached.count(partial)) {
        out += "{{{" + TemplateSet::PartialMarker(partial) + "}}}";
      } else {
        stack.insert(partial);
        if (!Expand(partial, found->second, partials, cached, stack, depth, out, error))
          return false;
        stack.erase(partial);
      }
      last = at = q + 2;
      continue;
    }
    std::string_view close = kind == '{' ? "}}}" : "}}";
    size_t end = text.find(close, p);
    if (end == std::string::npos) break;
    if (kind == '#' || kind == '^') ++depth;
    if (kind == '/') --depth;
    at = end + close.size();
  }
  out.append(text, last, std::string::npos);
  return true;
}

std::string StemOf(const std::string& path, const std::string& dir) {
  std::string rel = path.substr(dir.size() + 1);
  return rel.substr(0, rel.size() - std::string(".mustache").size());
}

}  // namespace

std::unique_ptr<TemplateSet> TemplateSet::Load(const FileSystem& fs, const std::string& theme_dir,
                                               DiagnosticList& diags) {
  auto set = std::make_unique<TemplateSet>();
  set->dir_ = theme_dir + "/templates";
  std::string pdir = theme_dir + "/partials";
  for (const auto& f : fs.ListFiles(pdir)) {
    if (f.size() < 9 || f.compare(f.size() - 9, 9, ".mustache") != 0) continue;
    auto text = fs.ReadFile(f);
    if (!text.ok()) continue;
    // A partial file's final newline is the file's, not the template's: keep inline
    // partials inline ("{{> status}}</th>").
    std::string body = *text;
    if (!body.empty() && body.back() == '\n') body.pop_back();
    set->partials_[StemOf(f, pdir)] = std::move(body);
  }
  const std::map<std::string, std::string>& partials = set->partials_;
  for (const auto& f : fs.ListFiles(set->dir_)) {
    if (f.size() < 9 || f.compare(f.size() - 9, 9, ".mustache") != 0) continue;
    auto text = fs.ReadFile(f);
    if (!text.ok()) {
      diags.Error({f, 0, 0}, text.status().message());
      continue;
    }
    std::string expanded, error;
    std::set<std::string> stack;
    int depth = 0;
    if (!Expand(f, *text, partials, {}, stack, depth, expanded, error)) {
      diags.Error({f, 0, 0}, error, "add the partial to " + pdir + "/ or fix its name");
      continue;
    }
    mu::mustache check(expanded);
    if (!check.is_valid()) {
      diags.Error({f, 0, 0}, "template error: " + check.error_message());
      continue;
    }
    set->sources_[StemOf(f, set->dir_)] = std::move(expanded);
    set->raw_[StemOf(f, set->dir_)] = std::move(*text);
  }
  // Candidates for rendering once (see cacheable_partials). A changed delimiter would make
  // the tags of what follows it unreadable here: then there are none.
  for (const auto* texts : {&set->raw_, &set->partials_}) {
    for (const auto& [name, text] : *texts) {
      if (text.find("{{=") != std::string::npos) return set;
    }
  }
  for (const auto& [name, text] : set->partials_) {
    if (text.empty()) continue;
    bool text_first = !IsSpace(text.front()) && text.compare(0, 2, "{{") != 0;
    bool text_last =
        !IsSpace(text.back()) && (text.size() < 2 || text.compare(text.size() - 2, 2, "}}") != 0);
    if (text_first && text_last) set->cacheable_.push_back(name);
  }
  return set;
}

std::string TemplateSet::Expanded(const std::string& name,
                                  const std::set<std::string>& cached) const {
  auto raw = raw_.find(name);
  if (raw == raw_.end()) return {};
  std::string out, error;
  std::set<std::string> stack;
  int depth = 0;
  // Load has expanded this text already: no errors here.
  Expand(name, raw->second, partials_, cached, stack, depth, out, error);
  return out;
}

std::string TemplateSet::ExpandedPartial(const std::string& name) const {
  auto text = partials_.find(name);
  if (text == partials_.end()) return {};
  std::string out, error;
  std::set<std::string> stack{name};
  int depth = 0;
  if (!Expand(name, text->second, partials_, {}, stack, depth, out, error)) return {};
  return out;
}

std::string TemplateSet::PartialMarker(const std::string& partial) {
  // ':' is not in a partial's name, so '.' (which the lookup would split at) can become one.
  std::string marker = "yhdessa-partial:" + partial;
  std::replace(marker.begin(), marker.end(), '.', ':');
  return marker;
}

bool TemplateSet::Mentions(std::string_view name) const {
  auto word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  };
  for (const auto& [template_name, text] : sources_) {
    for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
      size_t end = at + name.size();
      if ((at == 0 || !word(text[at - 1])) && (end == text.size() || !word(text[end]))) return true;
    }
  }
  return false;
}

// The library's context, with two changes: a dotted name ("page.title") is split once per
// renderer, not on every lookup, and shared list items (SharedRef) are looked through.
// Lookups are otherwise the library's: innermost data first, then outwards.
class Context : public mu::basic_context<std::string> {
 public:
  void Reset() { items_.clear(); }
  void push(const mu::data* data) override { items_.push_back(Resolve(data)); }
  void pop() override { items_.pop_back(); }
  const mu::data* get(const std::string& name) const override {
    size_t frame;
    return Find(name, frame);
  }
  const mu::data* get_partial(const std::string& name) const override {
    for (auto it = items_.rbegin(); it != items_.rend(); ++it) {
      if (const mu::data* var = (*it)->get(name)) return var;
    }
    return nullptr;
  }

 protected:
  // The data `name` stands for, and in `frame` the index of the data it was found in.
  const mu::data* Find(const std::string& name, size_t& frame) const {
    if (name.size() == 1 && name[0] == '.') {
      frame = items_.size() - 1;
      return items_.back();
    }
    if (name.find('.') == std::string::npos) {
      for (size_t i = items_.size(); i-- > 0;) {
        if (const mu::data* var = items_[i]->get(name)) {
          frame = i;
          return Resolve(var);
        }
      }
      return nullptr;
    }
    auto parts = splits_.find(name);
    if (parts == splits_.end()) parts = splits_.emplace(name, mu::split(name, '.')).first;
    for (size_t i = items_.size(); i-- > 0;) {
      const mu::data* var = items_[i];
      for (const auto& n : parts->second) {
        var = Resolve(var->get(n));
        if (!var) break;
      }
      if (var) {
        frame = i;
        return var;
      }
    }
    return nullptr;
  }
  std::vector<const mu::data*> items_;  // outermost first

 private:
  mutable std::unordered_map<std::string, std::vector<std::string>> splits_;
};

// The context of a partial rendered alone on the site data (frame 0): notes a lookup a
// page's data could answer in place, where the page's view and `top` lie between the site
// data and the partial's list items. Found in a list item: the same item answers in place.
// Found in the site data, or not found with a first name the site data has ("site.x"
// unset): a page's view has none of the site data's top-level names, so in place it is
// answered as here. Anything else ("page.title", "{{.}}" outside a list, a list item's
// field that one item lacks) is the page's.
class AloneContext : public Context {
 public:
  const mu::data* get(const std::string& name) const override {
    size_t frame = 0;
    const mu::data* var = Find(name, frame);
    if (var) {
      if (frame == 0 && name == ".") page_dependent_ = true;
      return var;
    }
    std::string first = name.substr(0, name.find('.'));
    if (!items_.empty() && !items_.front()->get(first)) page_dependent_ = true;
    return nullptr;
  }
  bool page_dependent() const { return page_dependent_; }

 private:
  mutable bool page_dependent_ = false;
};

// The library's html_escape (same entities), without a per-character append.
std::string TemplateEscape(std::string_view s) {
  return HtmlEscapeWith(s, "&apos;");
}
std::string Escape(const std::string& s) {
  return TemplateEscape(s);
}

// Appends what the template writes to a string without an ostringstream's copies.
struct StringSink {
  std::string* out;
  StringSink& operator<<(const std::string& s) {
    *out += s;
    return *this;
  }
};

struct TemplateRenderer::Compiled {
  explicit Compiled(const std::string& text) : tmpl(text) { tmpl.set_custom_escape(Escape); }
  mu::mustache tmpl;
  size_t last_size = 0;  // of the previous output: reserved up front, so `out` grows once
};

struct TemplateRenderer::Lookup {
  Context ctx;
};

TemplateRenderer::TemplateRenderer(const TemplateSet& set, const std::set<std::string>* cached)
    : set_(set), cached_(cached), lookup_(std::make_unique<Lookup>()) {}
TemplateRenderer::~TemplateRenderer() = default;

bool TemplateRenderer::Render(const std::string& name, const ViewData& site, const ViewData& page,
                              std::string& out, std::string& error, const ViewData* top) {
  auto it = compiled_.find(name);
  if (it == compiled_.end()) {
    auto src = set_.sources().find(name);
    if (src == set_.sources().end()) {
      error = "template '" + name + "' not found in " + set_.dir();
      return false;
    }
    const std::string& text =
        cached_ && !cached_->empty() ? set_.Expanded(name, *cached_) : src->second;
    it = compiled_.emplace(name, std::make_unique<Compiled>(text)).first;
  }
  Context& ctx = lookup_->ctx;
  ctx.Reset();
  ctx.push(&site.impl().data);
  ctx.push(&page.impl().data);
  if (top) ctx.push(&top->impl().data);
  out.clear();
  out.reserve(it->second->last_size + it->second->last_size / 4);
  StringSink sink{&out};
  it->second->tmpl.render(ctx, sink);
  it->second->last_size = out.size();
  if (!it->second->tmpl.is_valid()) {
    error = set_.dir() + "/" + name + ".mustache: " + it->second->tmpl.error_message();
    return false;
  }
  return true;
}

std::optional<std::string> TemplateRenderer::RenderPartialAlone(const std::string& name,
                                                                const ViewData& site) {
  std::string text = set_.ExpandedPartial(name);
  if (text.empty()) return std::nullopt;
  mu::mustache tmpl(text);
  if (!tmpl.is_valid()) return std::nullopt;
  tmpl.set_custom_escape(Escape);
  AloneContext ctx;
  ctx.push(&site.impl().data);
  std::string out;
  StringSink sink{&out};
  tmpl.render(ctx, sink);
  if (!tmpl.is_valid() || ctx.page_dependent()) return std::nullopt;
  return out;
}

}  // namespace yhdessa
