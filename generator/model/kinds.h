// Typed content kinds (`kind:` in front matter) and the front-matter keys each one owns.
//
// Keys listed here are not mistaken for typos of common keys ("tasks" is not "tags").
// The schemas themselves (what each key must hold) are checked by the kind's own module.
#pragma once

#include <string>
#include <vector>

namespace yhdessa {

struct KindInfo {
  std::string name;
  std::vector<std::string> keys;
};

const std::vector<KindInfo>& Kinds();
/// Every key of every kind, for ParseFrontMatter.
std::vector<std::string> AllKindKeys();

}  // namespace yhdessa
