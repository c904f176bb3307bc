#include "generator/content/text.h"

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace yhdessa {

namespace {

// Chunks that pass the two-byte check below, 32 bytes at a time where the CPU has AVX2
// (every x86-64 machine of the last ten years; chosen at run time, as Debian builds for
// the x86-64 baseline): half the time of the SSE2 loop on a build's sources.
#if defined(__x86_64__) && defined(__GNUC__)
#define YHDESSA_UTF8_AVX2 1
// Returns where the check stopped: the end of the last chunk that passed, or, with
// `failed` set, the start of the first chunk that did not (`high`: its non-ASCII bytes).
__attribute__((target("avx2"))) size_t PassChunksAvx2(std::string_view s, size_t i, bool& carry,
                                                      uint32_t& high, bool& failed) {
  const __m256i lead_bits = _mm256_set1_epi8(static_cast<char>(0xE0));
  const __m256i lead_value = _mm256_set1_epi8(static_cast<char>(0xC0));
  const __m256i cont_bits = _mm256_set1_epi8(static_cast<char>(0xC0));
  const __m256i cont_value = _mm256_set1_epi8(static_cast<char>(0x80));
  const __m256i overlong_bits = _mm256_set1_epi8(static_cast<char>(0xFE));
  while (i + 32 <= s.size()) {
    __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s.data() + i));
    high = static_cast<uint32_t>(_mm256_movemask_epi8(x));
    if (!(high | static_cast<uint32_t>(carry))) {
      i += 32;
      continue;
    }
    auto lead = static_cast<uint32_t>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(x, lead_bits), lead_value)));
    auto cont = static_cast<uint32_t>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(x, cont_bits), cont_value)));
    auto overlong = static_cast<uint32_t>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(x, overlong_bits), lead_value)));
    uint32_t expect = (lead << 1) | static_cast<uint32_t>(carry);
    if (cont != expect || (high & ~(lead | cont)) || overlong) {
      failed = true;
      return i;
    }
    carry = (lead >> 31) != 0;
    i += 32;
  }
  return i;
}

bool HasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

}  // namespace

std::optional<size_t> FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Most content is ASCII with an ä, ö or å every few words (one byte in nine of the
    // benchmark corpus is non-ASCII): a chunk at a time, a chunk passes when every
    // non-ASCII byte is part of a two-byte sequence (lead C2..DF, then a continuation
    // byte), which may straddle chunks. Leaving the loop for each ä (as an ASCII-only skip
    // did) cost a mispredicted branch per letter. Anything else (three- and four-byte
    // sequences, errors) goes one sequence at a time through the code below.
    bool carry = false;   // the byte before i is a lead byte; its continuation is at i
    uint32_t high = 0;    // one bit per non-ASCII byte of the chunk that did not pass
    bool failed = false;  // a chunk did not pass: it starts at i
#if defined(YHDESSA_UTF8_AVX2)
    if (HasAvx2()) i = PassChunksAvx2(s, i, carry, high, failed);
#endif
#if defined(__SSE2__)
    const __m128i lead_bits = _mm_set1_epi8(static_cast<char>(0xE0));
    const __m128i cont_bits = _mm_set1_epi8(static_cast<char>(0xC0));
    const __m128i overlong_bits = _mm_set1_epi8(static_cast<char>(0xFE));
    while (!failed && i + 16 <= s.size()) {
      __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      high = static_cast<unsigned>(_mm_movemask_epi8(x));
      if (!(high | carry)) {
        i += 16;
        continue;
      }
      auto mask = [&](__m128i bits, char value) {
        return static_cast<unsigned>(
            _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(x, bits), _mm_set1_epi8(value))));
      };
      unsigned lead = mask(lead_bits, static_cast<char>(0xC0));          // 110xxxxx
      unsigned cont = mask(cont_bits, static_cast<char>(0x80));          // 10xxxxxx
      unsigned overlong = mask(overlong_bits, static_cast<char>(0xC0));  // C0, C1
      unsigned expect = ((lead << 1) | static_cast<unsigned>(carry)) & 0xFFFFu;
      if (cont != expect || (high & ~(lead | cont)) || overlong) {
        failed = true;
        break;
      }
      carry = (lead >> 15) != 0;
      i += 16;
    }
#endif
    if (carry) {
      --i;  // from the lead byte of the sequence that straddles the chunk
    } else if (failed && high) {
      i += static_cast<size_t>(std::countr_zero(high));  // to the first non-ASCII byte
    }
    if (i >= s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    }
    // ä, ö, å and é are two bytes: check them without building the code point (a lead
    // byte of C2..DF cannot be overlong, and any continuation byte completes it).
    if (c >= 0xC2 && c <= 0xDF && i + 1 < s.size() &&
        (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + n >= s.size()) return i;  // truncated sequence at the end
    for (size_t k = 1; k <= n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid too.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return i;
    }
    i += n + 1;
  }
  return std::nullopt;
}

namespace {

// Folds one Latin code point to ASCII letters; returns "" for code points that are not
// letters we know (they become separators).
const char* FoldLatin(uint32_t cp) {
  switch (cp) {
    case 0xE4:
    case 0xC4:
    case 0xE5:
    case 0xC5:
    case 0xE0:
    case 0xC0:
    case 0xE1:
    case 0xC1:
    case 0xE2:
    case 0xC2:
    case 0xE3:
    case 0xC3:
      return "a";
    case 0xF6:
    case 0xD6:
    case 0xF8:
    case 0xD8:
    case 0xF2:
    case 0xD2:
    case 0xF3:
    case 0xD3:
    case 0xF4:
    case 0xD4:
    case 0xF5:
    case 0xD5:
      return "o";
    case 0xE9:
    case 0xC9:
    case 0xE8:
    case 0xC8:
    case 0xEA:
    case 0xCA:
    case 0xEB:
    case 0xCB:
      return "e";
    case 0xFC:
    case 0xDC:
    case 0xF9:
    case 0xD9:
    case 0xFA:
    case 0xDA:
    case 0xFB:
    case 0xDB:
      return "u";
    case 0xED:
    case 0xCD:
    case 0xEC:
    case 0xCC:
    case 0xEE:
    case 0xCE:
    case 0xEF:
    case 0xCF:
      return "i";
    case 0xE7:
    case 0xC7:
      return "c";
    case 0xF1:
    case 0xD1:
      return "n";
    case 0xFD:
    case 0xDD:
    case 0xFF:
      return "y";
    case 0xDF:
      return "ss";
    case 0xE6:
    case 0xC6:
      return "ae";
    case 0x161:
    case 0x160:
      return "s";  // š in loanwords (šakki)
    case 0x17E:
    case 0x17D:
      return "z";  // ž
    default:
      return "";
  }
}

}  // namespace

std::string Slugify(std::string_view text) {
  std::string out;
  out.reserve(text.size());  // a slug is never longer than its text
  bool dash = false;
  auto put = [&](const char* s) {
    if (dash && !out.empty()) out += '-';
    dash = false;
    out += s;
  };
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      // ASCII letters and digits straight in: through put() each was a strlen and an
      // append (every heading of every page is slugified for its id).
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
        if (dash && !out.empty()) out += '-';
        dash = false;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      } else {
        dash = true;
      }
      continue;
    }
    size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    uint32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += n;
    const char* folded = FoldLatin(cp);
    if (*folded) {
      put(folded);
    } else {
      dash = true;
    }
  }
  return out;
}

std::string HtmlEscape(std::string_view s) {
  return HtmlEscapeWith(s, "&#39;");
}

std::string HtmlEscapeWith(std::string_view s, const char* apostrophe) {
  std::string out;
  AppendHtmlEscaped(out, s, apostrophe);
  return out;
}

namespace {

bool IsHtmlSpecial(char c) {
  return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
}

// Offset of the first character at or after `from` that HTML escapes, or s.size(). Sixteen
// bytes at a time: most text (titles, addresses) has none, and a page's HTML (a feed
// carries whole pages) has a tag every few words, with long runs of text between.
size_t FindHtmlSpecial(std::string_view s, size_t from) {
#if defined(__SSE2__)
  for (; from + 16 <= s.size(); from += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + from));
    auto eq = [&](char c) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); };
    __m128i hit = _mm_or_si128(_mm_or_si128(eq('&'), eq('<')),
                               _mm_or_si128(_mm_or_si128(eq('>'), eq('"')), eq('\'')));
    if (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit)))
      return from + static_cast<size_t>(std::countr_zero(mask));
  }
#endif
  while (from < s.size() && !IsHtmlSpecial(s[from])) ++from;
  return from;
}

}  // namespace

void AppendHtmlEscaped(std::string& out, std::string_view s, const char* apostrophe) {
  size_t i = FindHtmlSpecial(s, 0);
  if (i == s.size()) {
    out.append(s);  // no room for entities: a short text stays in the string itself
    return;
  }
  out.reserve(out.size() + s.size() + s.size() / 8 + 16);
  size_t run = 0;  // start of the current run of characters that need no escaping
  for (; i < s.size(); i = FindHtmlSpecial(s, i + 1)) {
    out.append(s.data() + run, i - run);
    switch (s[i]) {
      case '&':
        out.append("&amp;", 5);
        break;
      case '<':
        out.append("&lt;", 4);
        break;
      case '>':
        out.append("&gt;", 4);
        break;
      case '"':
        out.append("&quot;", 6);
        break;
      default:
        out.append(apostrophe);
        break;
    }
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
}

}  // namespace yhdessa
