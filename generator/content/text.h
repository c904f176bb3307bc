// Text helpers for content: UTF-8 validation and slugs.
//
// Slugs are used for heading ids, taxonomy term URLs and anchors. Finnish and Swedish
// letters are folded consistently (ä -> a, ö -> o, å -> a, é -> e, ...) so that an author
// can predict an anchor from a heading: "Miksi yhdessä?" -> "miksi-yhdessa".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace yhdessa {

/// Byte offset of the first invalid UTF-8 sequence, or nullopt when `s` is valid UTF-8.
std::optional<size_t> FindInvalidUtf8(std::string_view s);

/// Lowercase ASCII slug: letters folded as above, other characters become '-', runs of
/// '-' collapse, no leading or trailing '-'. "" when nothing is left.
std::string Slugify(std::string_view text);

/// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);
/// The same with another entity for the apostrophe (the template engine writes "&apos;").
std::string HtmlEscapeWith(std::string_view s, const char* apostrophe);
/// Appends `s` escaped to `out`, without a string of its own in between (a feed's pages).
void AppendHtmlEscaped(std::string& out, std::string_view s, const char* apostrophe = "&#39;");

/// Escapes for XML text (the same set as HTML, named for the reader of sitemap/feed code).
inline std::string XmlEscape(std::string_view s) {
  return HtmlEscape(s);
}

}  // namespace yhdessa
