#include "voting-server/http/answer_page.h"

#include <algorithm>
#include <set>

#include "voting-server/ballot/ballot_messages.h"

namespace yhdessa::vote {

namespace {

struct Strings {
  const char* voting;
  const char* saved_title;
  const char* receipt_is;
  const char* receipt_help;
  const char* back;
  const char* fix_errors;
  const char* code_label;
  const char* area_label;
  const char* proposals_label;
  const char* submit;
  const char* error_prefix;
};

const Strings& Text(Lang l) {
  static const Strings fi{"Äänestys",
                          "Äänesi on tallennettu",
                          "Kuittisi:",
                          "Säilytä kuitti. Kun tulokset julkaistaan, voit tarkistaa kuitilla, "
                          "että äänesi laskettiin. Kuitti ei kerro kenellekään, mitä äänestit.",
                          "Takaisin äänestyksen sivulle",
                          "Korjaa nämä kohdat",
                          "Äänestyskoodi",
                          "Alue",
                          "Ehdotukset",
                          "Äänestä",
                          "Virhe: "};
  static const Strings sv{"Röstning",
                          "Din röst har sparats",
                          "Ditt kvitto:",
                          "Spara kvittot. När resultatet publiceras kan du med kvittot kontrollera "
                          "att din röst räknades. Kvittot visar inte för någon hur du röstade.",
                          "Tillbaka till röstningens sida",
                          "Rätta följande",
                          "Röstningskod",
                          "Område",
                          "Förslag",
                          "Rösta",
                          "Fel: "};
  static const Strings en{"Vote",
                          "Your vote has been saved",
                          "Your receipt:",
                          "Keep the receipt. When the results are published you can use it to "
                          "check that your vote was counted. The receipt does not show anyone "
                          "how you voted.",
                          "Back to the vote's page",
                          "Please correct the following",
                          "Voting code",
                          "Area",
                          "Proposals",
                          "Vote",
                          "Error: "};
  return l == Lang::kSv ? sv : l == Lang::kEn ? en : fi;
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

std::string Fill(const std::string& shell, Lang lang, const std::string& title,
                 const std::string& content) {
  // {{content}} last, so that nothing inside the content is taken for a placeholder.
  std::string page = shell;
  ReplaceAll(page, "{{lang}}", LangTag(lang));
  ReplaceAll(page, "{{title}}", EscapeHtml(title));
  const size_t pos = page.find("{{content}}");
  if (pos != std::string::npos) page.replace(pos, 11, content);
  return page;
}

std::string ErrorFor(const std::vector<FieldError>& errors, const std::string& field) {
  std::string out;
  for (const auto& e : errors) {
    if (e.field != field) continue;
    if (!out.empty()) out += ' ';
    out += e.message;
  }
  return out;
}

}  // namespace

std::string EscapeHtml(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const std::string& DefaultAnswerShell() {
  static const std::string shell =
      "<!doctype html>\n<html lang=\"{{lang}}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{{title}}</title>\n</head>\n<body>\n<main id=\"main\">\n{{content}}\n</main>\n"
      "</body>\n</html>\n";
  return shell;
}

std::string RenderConfirmationPage(const std::string& shell, Lang lang,
                                   const RoundDefinition& round, const std::string& receipt) {
  const Strings& t = Text(lang);
  std::string c = "<h1>" + std::string(t.saved_title) + "</h1>\n";
  c += "<p>" + EscapeHtml(round.title) + "</p>\n";
  c += "<p>" + std::string(t.receipt_is) + " <strong class=\"receipt\">" + EscapeHtml(receipt) +
       "</strong></p>\n";
  c += "<p>" + std::string(t.receipt_help) + "</p>\n";
  if (!round.url.empty()) {
    c += "<p><a href=\"" + EscapeHtml(round.url) + "\">" + t.back + "</a></p>\n";
  }
  return Fill(shell, lang, std::string(t.saved_title) + " – " + round.title, c);
}

std::string RenderErrorPage(const std::string& shell, Lang lang, const RoundDefinition& round,
                            const BallotRequest& request, const std::vector<FieldError>& errors) {
  const Strings& t = Text(lang);
  std::string c = "<h1>" + std::string(t.voting) + ": " + EscapeHtml(round.title) + "</h1>\n";
  c += "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" "
       "tabindex=\"-1\" autofocus>\n<h2 id=\"error-summary-title\">" +
       std::string(t.fix_errors) + "</h2>\n<ul>\n";
  for (const auto& e : errors) {
    c += "<li><a href=\"#field-" + EscapeHtml(e.field) + "\">" + EscapeHtml(e.message) +
         "</a></li>\n";
  }
  c += "</ul>\n</div>\n";
  c += "<form method=\"post\" action=\"/api/rounds/" + EscapeHtml(round.id) + "/ballots\">\n";
  c += "<input type=\"hidden\" name=\"lang\" value=\"" + std::string(LangTag(lang)) + "\">\n";

  auto field_error = [&](const std::string& field, std::string* describedby) {
    const std::string msg = ErrorFor(errors, field);
    if (msg.empty()) return std::string();
    *describedby = " aria-describedby=\"error-" + field + "\" aria-invalid=\"true\"";
    return "<p class=\"error-message\" id=\"error-" + field +
           "\"><span class=\"visually-hidden\">" + t.error_prefix + "</span>" + EscapeHtml(msg) +
           "</p>\n";
  };

  std::string attrs;
  c += "<div class=\"field\">\n<label for=\"field-code\">" + std::string(t.code_label) +
       "</label>\n";
  c += field_error("code", &attrs);
  c += "<input id=\"field-code\" name=\"code\" type=\"text\" autocomplete=\"off\" "
       "autocapitalize=\"characters\" spellcheck=\"false\" value=\"" +
       EscapeHtml(request.code) + "\"" + attrs + ">\n</div>\n";

  attrs.clear();
  c += "<div class=\"field\">\n<label for=\"field-area\">" + std::string(t.area_label) +
       "</label>\n";
  c += field_error("area", &attrs);
  c += "<select id=\"field-area\" name=\"area\"" + attrs + ">\n";
  for (const auto& a : round.areas) {
    c += "<option value=\"" + EscapeHtml(a.id) + "\"" + (a.id == request.area ? " selected" : "") +
         ">" + EscapeHtml(a.name) + "</option>\n";
  }
  c += "</select>\n</div>\n";

  attrs.clear();
  const std::string proposals_error = field_error("proposals", &attrs);
  c += "<fieldset id=\"field-proposals\" tabindex=\"-1\"" + attrs + ">\n<legend>" +
       std::string(t.proposals_label) + "</legend>\n" + proposals_error;
  const std::set<std::string> chosen(request.proposals.begin(), request.proposals.end());
  const bool area_known =
      std::any_of(round.areas.begin(), round.areas.end(),
                  [&](const AreaDefinition& a) { return a.id == request.area; });
  for (const auto& a : round.areas) {
    if (area_known && a.id != request.area) continue;
    if (!area_known) c += "<h3>" + EscapeHtml(a.name) + "</h3>\n";
    for (const auto& p : a.proposals) {
      const std::string id = "proposal-" + EscapeHtml(p.id);
      c += "<div class=\"choice\"><input type=\"checkbox\" name=\"proposal\" id=\"" + id +
           "\" value=\"" + EscapeHtml(p.id) + "\"" + (chosen.count(p.id) ? " checked" : "") +
           "> <label for=\"" + id + "\">" + EscapeHtml(p.title) + " (" +
           EscapeHtml(msg::Money(lang, p.cost)) + ")</label></div>\n";
    }
  }
  c += "</fieldset>\n<button type=\"submit\">" + std::string(t.submit) + "</button>\n</form>\n";
  return Fill(shell, lang, std::string(t.error_prefix) + round.title, c);
}

std::string RenderMessagePage(const std::string& shell, Lang lang, const std::string& title,
                              const std::string& message) {
  const std::string c =
      "<h1>" + EscapeHtml(title) + "</h1>\n<p role=\"alert\">" + EscapeHtml(message) + "</p>\n";
  return Fill(shell, lang, title, c);
}

}  // namespace yhdessa::vote
