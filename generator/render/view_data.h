// ViewData: the values a template sees, as a tree of objects, lists, strings and booleans.
//
// The renderer builds one ViewData for the site (shared, read-only, by all threads) and
// one per page. It hides the Mustache library's data type from the rest of the renderer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "generator/data/value.h"

namespace yhdessa {

class ViewData {
 public:
  ViewData();  // an empty object
  ViewData(const ViewData& other);
  ViewData(ViewData&&) noexcept;
  ViewData& operator=(ViewData other);
  ~ViewData();

  static ViewData String(const std::string& s);
  static ViewData Bool(bool b);
  static ViewData List();
  /// Front-matter values: maps become objects, lists lists, unquoted true/false booleans,
  /// other scalars strings.
  static ViewData FromValue(const Value& v);

  /// Object fields (this must be an object).
  ViewData& Set(const std::string& key, ViewData value);
  ViewData& Set(const std::string& key, const std::string& value);
  /// Takes the text over without copying it (a page's HTML, a rendered layout).
  ViewData& Set(const std::string& key, std::string&& value);
  ViewData& Set(const std::string& key, const char* value) { return Set(key, std::string(value)); }
  ViewData& Set(const std::string& key, bool value);
  /// List items (this must be a list).
  void Push(ViewData item);
  /// A list item that stands for `target` without copying it: the renderer looks through
  /// it to `target`, which must outlive every render of the list (the renderer builds each
  /// page's list item once and lists share it). Only valid as a list item.
  void PushRef(const ViewData& target);
  /// A field that stands for `target` in the same way (this must be an object): lookups
  /// through the renderer's context see `target` itself.
  ViewData& SetRef(const std::string& key, const ViewData& target);

  struct Impl;
  Impl& impl() { return *impl_; }
  const Impl& impl() const { return *impl_; }

 private:
  explicit ViewData(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace yhdessa
