#include "generator/check/readability.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace yhdessa {
namespace {

// Lowercase letters of a UTF-8 word as code points (Latin-1 range is enough for fi/sv/en).
std::u32string Letters(std::string_view w) {
  std::u32string out;
  for (size_t i = 0; i < w.size();) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    char32_t cp;
    size_t n = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c & 0xE0) == 0xC0 && i + 1 < w.size()) {
      cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(w[i + 1]) & 0x3F);
      n = 2;
    } else {
      cp = 0xFFFD;
      n = (c & 0xF0) == 0xE0 ? 3 : 4;
    }
    i += n;
    if (cp < 0x80) cp = static_cast<char32_t>(std::tolower(static_cast<int>(cp)));
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20;  // Latin-1 uppercase -> lowercase
    out.push_back(cp);
  }
  return out;
}

bool IsVowel(char32_t c, const std::string& lang) {
  switch (c) {
    case U'a':
    case U'e':
    case U'i':
    case U'o':
    case U'u':
    case U'y':
      return true;
    case U'ä':
    case U'ö':
    case U'å':
    case U'é':
      return lang != "en";
    default:
      return false;
  }
}

bool FinnishNucleus(char32_t a, char32_t b, bool first_syllable) {
  if (a == b) return true;  // long vowel
  static const char32_t kDiphthongs[][2] = {{U'a', U'i'}, {U'e', U'i'}, {U'o', U'i'}, {U'u', U'i'},
                                            {U'y', U'i'}, {U'ä', U'i'}, {U'ö', U'i'}, {U'a', U'u'},
                                            {U'e', U'u'}, {U'i', U'u'}, {U'o', U'u'}, {U'e', U'y'},
                                            {U'i', U'y'}, {U'ä', U'y'}, {U'ö', U'y'}};
  for (const auto& d : kDiphthongs) {
    if (d[0] == a && d[1] == b) return true;
  }
  // ie, uo, yö are diphthongs only in a word's first syllable (tie, suo, yö; but ka-pe-a).
  return first_syllable &&
         ((a == U'i' && b == U'e') || (a == U'u' && b == U'o') || (a == U'y' && b == U'ö'));
}

bool IsWordChar(unsigned char c) {
  return std::isalnum(c) || c >= 0x80 || c == '-';
}

}  // namespace

size_t CountSyllables(std::string_view word, const std::string& lang) {
  std::u32string w = Letters(word);
  size_t n = 0;
  if (lang == "en") {
    bool prev = false;
    for (char32_t c : w) {
      bool v = IsVowel(c, lang);
      if (v && !prev) ++n;
      prev = v;
    }
    if (w.size() > 2 && w.back() == U'e' && !IsVowel(w[w.size() - 2], lang) && n > 1 &&
        !(w[w.size() - 2] == U'l' && !IsVowel(w[w.size() - 3], lang))) {
      --n;  // silent final e ("make"), but not "-le" after a consonant ("table")
    }
    return std::max<size_t>(n, 1);
  }
  // fi (and sv, used only for reporting): walk vowel runs, taking long vowels and
  // diphthongs as one nucleus and splitting other sequences.
  size_t i = 0;
  while (i < w.size()) {
    if (!IsVowel(w[i], lang)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < w.size() && IsVowel(w[j], lang)) ++j;
    size_t k = i;
    while (k < j) {
      if (k + 1 < j && FinnishNucleus(w[k], w[k + 1], n == 0)) {
        k += 2;
      } else {
        k += 1;
      }
      ++n;
    }
    i = j;
  }
  return std::max<size_t>(n, 1);
}

std::vector<TextLine> PlainTextLines(std::string_view md, int first_line) {
  static const std::regex kLink(R"(!?\[([^\]]*)\]\([^)]*\))");
  static const std::regex kCode("`[^`]*`");
  static const std::regex kMarks(R"([*_~]+)");
  std::vector<TextLine> out;
  bool in_code = false;
  int line = first_line;
  size_t pos = 0;
  while (pos <= md.size()) {
    size_t nl = md.find('\n', pos);
    std::string l(md.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    pos = nl == std::string_view::npos ? md.size() + 1 : nl + 1;
    int this_line = line++;
    std::string t = l;
    t.erase(0, t.find_first_not_of(" \t"));
    if (t.rfind("```", 0) == 0 || t.rfind("~~~", 0) == 0) {
      in_code = !in_code;
      out.push_back({this_line, ""});
      continue;
    }
    if (in_code || t.empty() || t[0] == '|' || t.rfind("<!--", 0) == 0) {
      out.push_back({this_line, ""});  // blank: ends a sentence
      continue;
    }
    bool standalone = t[0] == '#';  // headings and list items end like sentences
    while (!t.empty() && (t[0] == '#' || t[0] == '>' || t[0] == ' ')) t.erase(0, 1);
    if (t.size() > 1 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') {
      t.erase(0, 2);
      standalone = true;
    }
    size_t digits = t.find_first_not_of("0123456789");
    if (digits != std::string::npos && digits > 0 && digits + 1 < t.size() && t[digits] == '.' &&
        t[digits + 1] == ' ') {
      t.erase(0, digits + 2);
      standalone = true;
    }
    // Markdown hard line breaks (a trailing backslash or two spaces) are not text.
    while (!t.empty() && (t.back() == '\\' || t.back() == ' ')) t.pop_back();
    t = std::regex_replace(t, kLink, "$1");
    t = std::regex_replace(t, kCode, "");
    t = std::regex_replace(t, kMarks, "");
    if (standalone) out.push_back({this_line, ""});
    out.push_back({this_line, t});
    if (standalone) out.push_back({this_line, ""});
  }
  return out;
}

ReadabilityReport Analyse(const std::vector<TextLine>& lines, const std::string& lang) {
  ReadabilityReport r;
  r.lang = lang;
  Sentence current;
  size_t long_words = 0, syllables = 0;
  auto end_sentence = [&]() {
    if (current.words > 0) r.sentence_list.push_back(current);
    current = Sentence();
  };
  for (const auto& tl : lines) {
    if (tl.text.empty()) {
      end_sentence();
      continue;
    }
    const std::string& s = tl.text;
    size_t i = 0;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (IsWordChar(c) && c != '-') {
        size_t j = i;
        while (j < s.size() && IsWordChar(static_cast<unsigned char>(s[j]))) ++j;
        std::string word = s.substr(i, j - i);
        while (!word.empty() && word.back() == '-') word.pop_back();
        bool has_letter = std::any_of(word.begin(), word.end(), [](char ch) {
          return std::isalpha(static_cast<unsigned char>(ch)) || (ch & 0x80);
        });
        if (has_letter) {
          if (current.words == 0) current.line = tl.line;
          current.words++;
          current.text += (current.text.empty() ? "" : " ") + word;
          Word w{tl.line, word, Letters(word).size(), CountSyllables(word, lang)};
          syllables += w.syllables;
          bool is_long = lang == "fi"   ? w.syllables >= 4
                         : lang == "sv" ? w.letters > 6
                                        : w.syllables >= 3;
          if (is_long) ++long_words;
          r.word_list.push_back(std::move(w));
        }
        i = j;
        continue;
      }
      if ((c == '.' || c == '!' || c == '?') && current.words > 0) {
        // "esim." and "1.2." do not end sentences: require a space and then not a lowercase letter.
        size_t k = i + 1;
        while (k < s.size() &&
               (s[k] == '.' || s[k] == '!' || s[k] == '?' || s[k] == '"' || s[k] == ')'))
          ++k;
        bool at_end = k >= s.size();
        bool next_lower = !at_end && k + 1 < s.size() && s[k] == ' ' &&
                          std::islower(static_cast<unsigned char>(s[k + 1]));
        if (at_end || (s[k] == ' ' && !next_lower)) end_sentence();
        i = k;
        continue;
      }
      ++i;
    }
  }
  end_sentence();
  r.sentences = r.sentence_list.size();
  r.words = r.word_list.size();
  if (r.words == 0 || r.sentences == 0) {
    r.formula = lang == "fi" ? "Wiio" : lang == "sv" ? "LIX" : "Flesch Reading Ease";
    return r;
  }
  double wps = static_cast<double>(r.words) / r.sentences;
  r.average_sentence_words = wps;
  r.long_word_share = static_cast<double>(long_words) / r.words;
  if (lang == "fi") {
    r.formula = "Wiio";
    r.score = 2.7 + 0.3 * (100.0 * r.long_word_share);
  } else if (lang == "sv") {
    r.formula = "LIX";
    r.score = wps + 100.0 * r.long_word_share;
  } else {
    r.formula = "Flesch Reading Ease";
    r.score = 206.835 - 1.015 * wps - 84.6 * (static_cast<double>(syllables) / r.words);
  }
  return r;
}

}  // namespace yhdessa
