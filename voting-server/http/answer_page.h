// Answer pages: what a no-JavaScript voter sees after posting the ballot form.
//
// Pure HTML rendering. A confirmation with the receipt; or an error summary at the top
// (role="alert", each error a link to its field: #field-code, #field-area,
// #field-proposals) followed by the ballot form again with the voter's choices kept; or a
// plain message (round not open, too many attempts). No inline script or style, so the
// Content-Security-Policy holds. The page shell comes from the site's
// `_yhdessa/ballot-answer.html` when the theme ships one (placeholders {{lang}}, {{title}}
// and {{content}}), else a minimal built-in shell.
#pragma once

#include <string>
#include <vector>

#include "common/round/round_definition.h"
#include "voting-server/ballot/ballot_request.h"
#include "voting-server/ballot/ballot_validation.h"
#include "voting-server/ballot/language.h"

namespace yhdessa::vote {

/// The built-in page shell.
const std::string& DefaultAnswerShell();

std::string RenderConfirmationPage(const std::string& shell, Lang lang,
                                   const RoundDefinition& round, const std::string& receipt);

std::string RenderErrorPage(const std::string& shell, Lang lang, const RoundDefinition& round,
                            const BallotRequest& request, const std::vector<FieldError>& errors);

std::string RenderMessagePage(const std::string& shell, Lang lang, const std::string& title,
                              const std::string& message);

/// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string EscapeHtml(const std::string& s);

}  // namespace yhdessa::vote
