#include "common/diagnostic.h"

#include <algorithm>
#include <cctype>
#include <ostream>
#include <tuple>
#include <unordered_set>

namespace yhdessa {

const std::string SourceFile::kEmpty;

const std::string* SourceFile::Intern(std::string_view name) {
  if (name.empty()) return &kEmpty;
  // Parsers make a SourcePos per node from the same file name: remembering the last name
  // per thread turns those into a compare, without the lock or the hash.
  thread_local const std::string* last = nullptr;
  if (last && *last == name) return last;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Leaked on purpose: names must outlive every SourcePos, including those in static
  // objects destroyed after this table would be.
  static auto* names = new std::unordered_set<std::string, Hash, std::equal_to<>>();
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  auto it = names->find(name);
  if (it == names->end()) it = names->emplace(name).first;
  last = &*it;
  return last;
}

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.pos.file.empty()) {
    out += d.pos.file;
    if (d.pos.line > 0) {
      out += ':' + std::to_string(d.pos.line);
      if (d.pos.col > 0) out += ':' + std::to_string(d.pos.col);
    }
    out += ": ";
  }
  out += d.severity == Severity::kError ? "error: " : "warning: ";
  out += d.message;
  if (!d.source_line.empty()) {
    out += "\n  ";
    out += d.source_line;
    if (d.pos.col > 0) {
      out += "\n  ";
      // Count columns in code points so the caret sits under the right character in a
      // UTF-8 terminal (Finnish text has ä and ö).
      int col = 1;
      for (size_t i = 0; i < d.source_line.size() && col < d.pos.col; ++i) {
        unsigned char c = static_cast<unsigned char>(d.source_line[i]);
        if ((c & 0xC0) == 0x80) continue;
        out += (c == '\t') ? '\t' : ' ';
        ++col;
      }
      out += '^';
    }
  }
  if (!d.hint.empty()) {
    out += "\n  hint: ";
    out += d.hint;
  }
  return out;
}

std::string_view LineOf(std::string_view text, int line) {
  if (line <= 0) return {};
  size_t start = 0;
  for (int l = 1; l < line; ++l) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string_view s =
      text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      // Transposition ("titel" for "title") counts as one edit.
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev[j - 1]);  // approximate Damerau without a third row
      }
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string> Closest(std::string_view word, const std::vector<std::string>& candidates,
                                 size_t n) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  std::string w = lower(word);
  std::vector<std::pair<size_t, size_t>> scored;  // distance, index
  for (size_t i = 0; i < candidates.size(); ++i)
    scored.emplace_back(EditDistance(w, lower(candidates[i])), i);
  std::stable_sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < std::min(n, scored.size()); ++i)
    out.push_back(candidates[scored[i].second]);
  return out;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = SIZE_MAX;
  for (const auto& c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_d || (d == best_d && c < best)) {
      best_d = d;
      best = c;
    }
  }
  // Allow about one edit per three characters, at least one: close enough to be a typo.
  size_t limit = std::max<size_t>(1, word.size() / 3);
  return best_d <= limit ? best : std::string();
}

void DiagnosticList::Add(Diagnostic d) {
  std::lock_guard<std::mutex> lock(mu_);
  items_.push_back(std::move(d));
}

void DiagnosticList::Error(SourcePos pos, std::string message, std::string hint,
                           std::string source_line) {
  Add({Severity::kError, std::move(pos), std::move(message), std::move(hint),
       std::move(source_line)});
}

void DiagnosticList::Warning(SourcePos pos, std::string message, std::string hint,
                             std::string source_line) {
  Add({Severity::kWarning, std::move(pos), std::move(message), std::move(hint),
       std::move(source_line)});
}

void DiagnosticList::FillSourceLines(
    const std::function<std::string_view(const std::string&)>& text_of) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& d : items_) {
    if (d.source_line.empty() && d.pos.line > 0 && !d.pos.file.empty()) {
      d.source_line = std::string(LineOf(text_of(d.pos.file), d.pos.line));
    }
  }
}

void DiagnosticList::Merge(DiagnosticList&& other) {
  std::vector<Diagnostic> moved;
  {
    std::lock_guard<std::mutex> lock(other.mu_);
    moved.swap(other.items_);
  }
  // Most merges bring nothing (a page's own list, merged from every worker): no lock then.
  if (moved.empty()) return;
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& d : moved) items_.push_back(std::move(d));
}

bool DiagnosticList::has_errors() const {
  return error_count() > 0;
}

size_t DiagnosticList::error_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

size_t DiagnosticList::warning_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::kWarning; });
}

std::vector<Diagnostic> DiagnosticList::Sorted() const {
  std::vector<Diagnostic> v;
  {
    std::lock_guard<std::mutex> lock(mu_);
    v = items_;
  }
  std::stable_sort(v.begin(), v.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.pos.file, a.pos.line, a.pos.col, a.message) <
           std::tie(b.pos.file, b.pos.line, b.pos.col, b.message);
  });
  return v;
}

std::string DiagnosticList::Format() const {
  std::string out;
  for (const auto& d : Sorted()) {
    out += FormatDiagnostic(d);
    out += '\n';
  }
  return out;
}

}  // namespace yhdessa
