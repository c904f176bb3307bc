// The ends of SitePatch's reasons for a full build that name what the build will report in
// the change's own files (one that does not parse, a message of its Markdown, a link the
// change breaks): such a build will likely fail, and `serve` keeps its model for the fix
// (PatchResult::reported).
#pragma once

#include <string_view>

namespace yhdessa::patch {

inline constexpr std::string_view kHasErrors = " has errors";
inline constexpr std::string_view kHasMessages = " has messages to show";
inline constexpr std::string_view kLinksToIt = " links to it";

}  // namespace yhdessa::patch
