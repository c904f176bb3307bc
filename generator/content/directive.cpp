#include "generator/content/directive.h"

namespace yhdessa {
namespace {

constexpr std::string_view kOpen = "{{<";
constexpr std::string_view kClose = ">}}";
constexpr const char* kExample =
    "write it as {{< ballot round=\"omakouvola-2026\" area=\"alue-1\" >}}";

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

const DirectiveArg* Directive::Find(std::string_view key) const {
  for (const auto& a : args) {
    if (a.key == key) return &a;
  }
  return nullptr;
}

bool LooksLikeDirective(std::string_view line) {
  return line.substr(0, kOpen.size()) == kOpen;
}

std::optional<Directive> ParseDirective(std::string_view line, const SourcePos& at,
                                        DiagnosticList& diags) {
  size_t i = kOpen.size();
  auto pos = [&](size_t offset) {
    return SourcePos{at.file, at.line, at.col + static_cast<int>(offset)};
  };
  auto fail = [&](size_t offset, const std::string& message, const std::string& hint = kExample) {
    diags.Error(pos(offset), "malformed directive: " + message, hint);
    return std::nullopt;
  };
  auto skip_spaces = [&] {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  };
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
    line.remove_suffix(1);

  Directive d;
  d.pos = at;
  skip_spaces();
  size_t start = i;
  while (i < line.size() && IsNameChar(line[i])) ++i;
  if (i == start) return fail(start, "expected a name after '{{<'");
  d.name = std::string(line.substr(start, i - start));
  d.name_pos = pos(start);
  for (;;) {
    size_t before_space = i;
    skip_spaces();
    if (line.substr(i, kClose.size()) == kClose) {
      i += kClose.size();
      break;
    }
    if (i >= line.size()) {
      return fail(i, "no closing '>}}' on this line",
                  "a directive is one line that ends in '>}}'; " + std::string(kExample));
    }
    if (i == before_space)
      return fail(i, "expected a space before '" + std::string(1, line[i]) + "'");
    size_t key_start = i;
    while (i < line.size() && IsNameChar(line[i])) ++i;
    if (i == key_start)
      return fail(
          i, "expected an argument key=\"value\" or '>}}', not '" + std::string(1, line[i]) + "'");
    DirectiveArg arg;
    arg.key = std::string(line.substr(key_start, i - key_start));
    arg.key_pos = pos(key_start);
    if (i >= line.size() || line[i] != '=') return fail(i, "expected '=' after '" + arg.key + "'");
    ++i;
    if (i >= line.size() || line[i] != '"') {
      return fail(i, "the value of '" + arg.key + "' must be in double quotes",
                  arg.key + "=\"...\"");
    }
    size_t value_start = ++i;
    size_t end = line.find('"', value_start);
    if (end == std::string_view::npos)
      return fail(value_start - 1, "the value of '" + arg.key + "' has no closing '\"'");
    arg.value = std::string(line.substr(value_start, end - value_start));
    arg.value_pos = pos(value_start);
    i = end + 1;
    if (d.Find(arg.key))
      return fail(key_start, "'" + arg.key + "' is given twice", "give each argument once");
    d.args.push_back(std::move(arg));
  }
  if (i < line.size()) {
    return fail(i, "text after the closing '>}}'",
                "a directive is a paragraph of its own: put the text in the next paragraph, after "
                "a blank line");
  }
  return d;
}

}  // namespace yhdessa
