// Readability: sentence and word statistics and the formula each language uses.
//
//   fi  Wiio's formula, simple form (Wiio 1968, as given by the Finnish readability
//       literature): grade = 2.7 + 0.3 × percentage of words of four or more syllables.
//       Syllables are counted on the word as written (inflected), not on its base form:
//       the base-form variant needs a morphological analyser that Debian does not ship
//       as a library. Inflection adds syllables, so the figure errs on the strict side.
//   sv  LIX (Björnsson 1968) = words / sentences + 100 × words of more than six letters / words.
//   en  Flesch Reading Ease (1948) = 206.835 − 1.015 × words / sentences − 84.6 × syllables /
//   words.
//
// "Long words" are what each formula counts as hard: four or more syllables (fi), more
// than six letters (sv), three or more syllables (en).
//
// Input is plain text with line numbers (see PlainTextLines), so limits can name the
// `file:line` of the longest sentences and words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace yhdessa {

/// A line of prose with its line number in the source file.
struct TextLine {
  int line = 0;
  std::string text;
};

/// Markdown body -> prose lines: headings, list markers, emphasis, link targets, code
/// and tables are removed; a heading or a blank line ends a sentence.
std::vector<TextLine> PlainTextLines(std::string_view markdown, int first_line);

struct Sentence {
  int line = 0;  // where it starts
  std::string text;
  size_t words = 0;
};

struct Word {
  int line = 0;
  std::string text;
  size_t letters = 0;  // code points
  size_t syllables = 0;
};

struct ReadabilityReport {
  std::string lang;
  std::string formula;  // "Wiio", "LIX", "Flesch Reading Ease"
  double score = 0;
  size_t sentences = 0;
  size_t words = 0;
  double average_sentence_words = 0;
  double long_word_share = 0;  // 0..1
  std::vector<Sentence> sentence_list;
  std::vector<Word> word_list;
};

/// Syllables of one word in `lang` (fi: vowel nuclei with long vowels and diphthongs as
/// one; en: vowel groups less a silent final e; at least 1).
size_t CountSyllables(std::string_view word, const std::string& lang);

ReadabilityReport Analyse(const std::vector<TextLine>& lines, const std::string& lang);

}  // namespace yhdessa
