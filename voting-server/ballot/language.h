// Language: which of Finnish, Swedish and English a voter reads their messages in.
//
// An explicit `lang` field wins; otherwise the first supported language in Accept-Language
// (quality values are ignored: browsers list languages in preference order); Finnish when
// nothing matches, as the municipality's main language.
#pragma once

#include <string>
#include <string_view>

namespace yhdessa::vote {

enum class Lang { kFi, kSv, kEn };

Lang ChooseLanguage(std::string_view lang_field, std::string_view accept_language);

/// "fi", "sv" or "en".
const char* LangTag(Lang lang);

}  // namespace yhdessa::vote
