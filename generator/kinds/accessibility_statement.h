// The accessibility statement (saavutettavuusseloste) required by the Act on the
// Provision of Digital Services (306/2019) and EU decision 2018/1523, written once in YAML
// and published in every language of the site. site.yaml names the file:
//
//   accessibility_statement: data/saavutettavuusseloste.yaml
//
// The file holds what the law requires (texts are a string or {fi:, sv:, en:}):
//   organisation, compliance (full | partial | none),
//   non_accessible: [{content, reason}], prepared (date), reviewed (date),
//   assessment (self | third-party), assessed_by, feedback {email, form, response_time_days},
//   authority {name, url, email, phone}
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "generator/data/value.h"

namespace yhdessa {

/// A text in several languages; Get falls back to the first language given.
struct LocalText {
  std::map<std::string, std::string> by_lang;
  std::string Get(const std::string& lang) const;
};

struct AccessibilityStatement {
  std::string file;
  LocalText organisation;
  std::string compliance;  // full | partial | none
  struct Issue {
    LocalText content;
    LocalText reason;
  };
  std::vector<Issue> non_accessible;
  DateTime prepared;
  DateTime reviewed;
  std::string assessment;  // self | third-party
  LocalText assessed_by;
  std::string feedback_email;
  std::string feedback_form;
  int64_t response_time_days = 14;
  LocalText authority_name;
  std::string authority_url;
  std::string authority_email;
  std::string authority_phone;
};

std::optional<AccessibilityStatement> ParseAccessibilityStatement(const Value& v,
                                                                  const std::string& file,
                                                                  DiagnosticList& diags);

}  // namespace yhdessa
