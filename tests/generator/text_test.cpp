#include "generator/content/text.h"
#include "generator/render/template_set.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using namespace yhdessa;

TEST_CASE("slugs fold Finnish and Swedish letters consistently") {
  CHECK(Slugify("Miksi yhdessä?") == "miksi-yhdessa");
  CHECK(Slugify("Ääni & Öljy – Åbo") == "aani-oljy-abo");
  CHECK(Slugify("  Osallisuus 2021–2025  ") == "osallisuus-2021-2025");
  CHECK(Slugify("Tehdään yhdessä!") == "tehdaan-yhdessa");
  CHECK(Slugify("???").empty());
}

TEST_CASE("UTF-8 validation finds the first bad byte") {
  CHECK_FALSE(FindInvalidUtf8("hyvä päivä").has_value());
  CHECK(FindInvalidUtf8("ok\xE4 latin-1") == std::optional<size_t>(2));
  CHECK(FindInvalidUtf8("\xC3") == std::optional<size_t>(0));          // truncated
  CHECK(FindInvalidUtf8("\xC0\xAF") == std::optional<size_t>(0));      // overlong '/'
  CHECK(FindInvalidUtf8("\xED\xA0\x80") == std::optional<size_t>(0));  // surrogate
}

TEST_CASE("UTF-8 validation finds a bad byte at any offset of the ASCII fast path") {
  // The check skips ASCII 32 or 16 bytes at a time and jumps to the first non-ASCII byte of
  // a chunk: a bad or a good sequence at every position of a chunk must still be seen right.
  for (size_t at = 0; at < 56; ++at) {
    std::string bad(64, 'a');
    bad[at] = '\xE4';
    CHECK(FindInvalidUtf8(bad) == std::optional<size_t>(at));
    std::string good(64, 'a');
    good.replace(at, 2, "\xC3\xA4");  // ä
    CHECK_FALSE(FindInvalidUtf8(good).has_value());
    good[at + 5] = '\xFF';
    CHECK(FindInvalidUtf8(good) == std::optional<size_t>(at + 5));
  }
}

namespace {
// The definition, one code point at a time: what the fast paths must agree with.
std::optional<size_t> ReferenceInvalidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80             ? 0
               : (c & 0xE0) == 0xC0 ? 1
               : (c & 0xF0) == 0xE0 ? 2
               : (c & 0xF8) == 0xF0 ? 3
                                    : 9;
    if (n == 9 || i + n >= s.size() + (n == 0 ? 1 : 0)) return i;
    uint32_t cp = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k <= n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return i;
    i += n + 1;
  }
  return std::nullopt;
}
}  // namespace

TEST_CASE("UTF-8 validation agrees with the definition on mixed text at every offset") {
  // Two-byte letters are checked eight bytes at a time, also across chunk edges; every
  // other sequence and every error byte one at a time. Pieces mixed pseudo-randomly.
  const std::vector<std::string> pieces = {
      "a",        "kuntalainen ", "\xC3\xA4",     "\xC3\xB6",         "\xC3",         "\xA4",
      "\xC0\xAF", "\xC1\xBF",     "\xE2\x80\x93", "\xF0\x9F\x98\x80", "\xED\xA0\x80", "\xFF",
      "\xDF\xBF", "\xC2\x80",     "\xE2\x80",     "\xF4\x90\x80\x80"};
  uint32_t state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7FFF;
  };
  for (int round = 0; round < 6000; ++round) {
    std::string text;
    size_t count = next() % 48;
    bool only_good = round % 2 == 0;  // half the texts valid, so the errors are not all early
    for (size_t k = 0; k < count; ++k) {
      size_t piece = next() % pieces.size();
      if (only_good && piece > 3 && piece != 8 && piece != 9 && piece != 12 && piece != 13)
        piece = 0;
      text += pieces[piece];
    }
    INFO("round " << round);
    CHECK(FindInvalidUtf8(text) == ReferenceInvalidUtf8(text));
  }
}

TEST_CASE("HTML escaping covers text and attributes") {
  CHECK(HtmlEscape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

// Templates escape {{x}} through TemplateEscape, which copies text without any of
// & < > " ' as it is (found eight bytes at a time) and escapes the rest as HtmlEscapeWith.
TEST_CASE("text: template escaping finds a special character at any offset") {
  for (char special : std::string("&<>\"'")) {
    for (size_t at = 0; at < 20; ++at) {
      std::string s = std::string(at, 'a') + special + [&] {
        std::string tail;
        for (size_t k = at; k < 20; ++k) tail += "ä";
        return tail;
      }();
      INFO(s);
      CHECK(TemplateEscape(s) == HtmlEscapeWith(s, "&apos;"));
      CHECK(TemplateEscape(s) != s);
    }
  }
  for (size_t n = 0; n < 20; ++n) {
    std::string plain(n, 'x');
    CHECK(TemplateEscape(plain) == plain);
  }
  CHECK(TemplateEscape("Kunta & kaupunki 'x'") == "Kunta &amp; kaupunki &apos;x&apos;");
}
