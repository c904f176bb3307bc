#include "voting-server/ballot/language.h"

#include <cctype>
#include <optional>

namespace yhdessa::vote {

namespace {

std::optional<Lang> FromTag(std::string_view tag) {
  std::string primary;
  for (char c : tag) {
    if (c == '-' || c == '_' || c == ';') break;
    if (c == ' ') continue;
    primary.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (primary == "fi") return Lang::kFi;
  if (primary == "sv") return Lang::kSv;
  if (primary == "en") return Lang::kEn;
  return std::nullopt;
}

}  // namespace

Lang ChooseLanguage(std::string_view lang_field, std::string_view accept_language) {
  if (auto l = FromTag(lang_field)) return *l;
  size_t start = 0;
  while (start < accept_language.size()) {
    size_t end = accept_language.find(',', start);
    if (end == std::string_view::npos) end = accept_language.size();
    if (auto l = FromTag(accept_language.substr(start, end - start))) return *l;
    start = end + 1;
  }
  return Lang::kFi;
}

const char* LangTag(Lang lang) {
  switch (lang) {
    case Lang::kSv:
      return "sv";
    case Lang::kEn:
      return "en";
    case Lang::kFi:
      break;
  }
  return "fi";
}

}  // namespace yhdessa::vote
