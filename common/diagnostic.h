// Diagnostics: user-facing errors and warnings that point into a source file.
//
// A Diagnostic is what the communications team reads when a build fails: the position
// (`file:line:col`), what is wrong, what to do, and the offending source line with a caret
// under the column. The format is pinned by tests; keep it stable:
//
//   content/news/a.md:3:8: error: 'titel' is not a known front-matter key
//     titel: Uutinen
//          ^
//     hint: did you mean 'title'?
//
// A DiagnosticList collects every problem of a run so that all of them are reported at once.
// It is thread-safe for Add(), so parallel build phases can report into one list.
#pragma once

#include <compare>
#include <functional>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace yhdessa {

/// The name of a source file, interned: every SourceFile made from the same name points
/// at one immutable string that lives until the process ends. A SourcePos is copied into
/// every YAML node (value and key), every link and every diagnostic, so copying the name
/// must be a pointer copy, not an allocation. Making one from a string costs a hash lookup
/// under a lock (a per-thread cache skips even that when the same name is made again, as
/// parsers do for every node of a file). Interned names are never freed: their number is
/// bounded by the distinct file names a process ever sees (serve's renames included).
/// Thread-safe. Reads like a const std::string: converts to one, compares by content.
class SourceFile {
 public:
  SourceFile() = default;
  SourceFile(std::string_view name) : name_(Intern(name)) {}  // NOLINT: implicit by design
  SourceFile(const std::string& name) : SourceFile(std::string_view(name)) {}  // NOLINT
  SourceFile(const char* name) : SourceFile(std::string_view(name)) {}         // NOLINT

  const std::string& str() const { return *name_; }
  operator const std::string&() const { return *name_; }  // NOLINT: implicit by design
  operator std::string_view() const { return *name_; }    // NOLINT: implicit by design
  bool empty() const { return name_->empty(); }
  size_t size() const { return name_->size(); }
  const char* c_str() const { return name_->c_str(); }

  // Equal names are the same interned string, so equality is a pointer comparison.
  friend bool operator==(const SourceFile& a, const SourceFile& b) { return a.name_ == b.name_; }
  friend bool operator==(const SourceFile& a, std::string_view b) { return *a.name_ == b; }
  friend bool operator==(const SourceFile& a, const std::string& b) { return *a.name_ == b; }
  friend bool operator==(const SourceFile& a, const char* b) { return *a.name_ == b; }
  friend std::strong_ordering operator<=>(const SourceFile& a, const SourceFile& b) {
    if (a.name_ == b.name_) return std::strong_ordering::equal;
    return *a.name_ <=> *b.name_;
  }
  friend std::ostream& operator<<(std::ostream& os, const SourceFile& f) { return os << *f.name_; }

 private:
  static const std::string* Intern(std::string_view name);
  static const std::string kEmpty;
  const std::string* name_ = &kEmpty;
};

/// A position in a source file; line and column are 1-based, 0 means "unknown".
struct SourcePos {
  SourceFile file;
  int line = 0;
  int col = 0;
};

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  SourcePos pos;
  std::string message;      // what is wrong, one sentence, no trailing period
  std::string hint;         // what to do; may be empty
  std::string source_line;  // the line at pos.line, without its newline; may be empty
};

/// Formats as shown in the header comment. No trailing newline.
std::string FormatDiagnostic(const Diagnostic& d);

/// Returns the 1-based line `line` of `text` (without the newline), or "" if out of range.
std::string_view LineOf(std::string_view text, int line);

/// Edit distance (insertions, deletions, substitutions, adjacent transpositions), in bytes.
size_t EditDistance(std::string_view a, std::string_view b);

/// The `n` candidates closest to `word` by EditDistance of their lowercase forms, closest
/// first (ties in the candidates' order).
std::vector<std::string> Closest(std::string_view word, const std::vector<std::string>& candidates,
                                 size_t n);

/// Nearest candidate by edit distance, or "" when nothing is close enough to suggest.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

class DiagnosticList {
 public:
  void Add(Diagnostic d);
  void Error(SourcePos pos, std::string message, std::string hint = {},
             std::string source_line = {});
  void Warning(SourcePos pos, std::string message, std::string hint = {},
               std::string source_line = {});
  /// Sets the source line of every diagnostic that has a position but no line yet, from
  /// `text_of(file)` (the file's full text, or "" when unknown).
  void FillSourceLines(const std::function<std::string_view(const std::string&)>& text_of);
  /// Moves all of `other`'s diagnostics into this list.
  void Merge(DiagnosticList&& other);

  bool has_errors() const;
  size_t error_count() const;
  size_t warning_count() const;
  /// Diagnostics sorted by file, line, column, message: stable output for parallel builds.
  std::vector<Diagnostic> Sorted() const;
  /// All diagnostics, sorted and formatted, each followed by a newline.
  std::string Format() const;

 private:
  mutable std::mutex mu_;
  std::vector<Diagnostic> items_;
};

}  // namespace yhdessa
