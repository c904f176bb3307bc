#include "voting-server/ballot/ballot_messages.h"

#include <cctype>

namespace yhdessa::vote::msg {

namespace {

const std::string& Pick(Lang l, const std::string& fi, const std::string& sv,
                        const std::string& en) {
  return l == Lang::kSv ? sv : l == Lang::kEn ? en : fi;
}

std::string Q(const std::string& s) {
  return "'" + s + "'";
}

}  // namespace

std::string Money(Lang l, int64_t euros) {
  std::string digits = std::to_string(euros < 0 ? -euros : euros);
  const std::string sep = l == Lang::kEn ? "," : "\u00a0";
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += sep;
    grouped.push_back(digits[i]);
  }
  if (euros < 0) grouped = "-" + grouped;
  return l == Lang::kEn ? "€" + grouped : grouped + "\u00a0€";
}

std::string DateTime(Lang l, const std::string& iso) {
  auto num = [&](size_t pos, size_t n) {
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (i >= iso.size() || !std::isdigit(static_cast<unsigned char>(iso[i]))) return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  const int y = num(0, 4), mo = num(5, 2), d = num(8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 0) return iso;
  const int h = iso.size() >= 16 ? num(11, 2) : 0, mi = iso.size() >= 16 ? num(14, 2) : 0;
  if (h < 0 || mi < 0) return iso;
  auto two_digits = [](int v) {
    std::string s = std::to_string(v);
    if (s.size() < 2) s.insert(s.begin(), '0');
    return s;
  };
  const std::string mm = two_digits(mi);
  const std::string date = std::to_string(d) + "." + std::to_string(mo) + "." + std::to_string(y);
  if (l == Lang::kFi) return date + " klo " + std::to_string(h) + "." + mm;
  if (l == Lang::kSv) return date + " kl. " + std::to_string(h) + "." + mm;
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return std::to_string(d) + " " + kMonths[mo - 1] + " " + std::to_string(y) + " " + two_digits(h) +
         ":" + mm;
}

std::string RoundNotOpen(Lang l, const std::string& opens, const std::string& closes) {
  const std::string span = DateTime(l, opens) + " – " + DateTime(l, closes);
  return Pick(l, "Äänestys ei ole auki. Äänestysaika on " + span + ".",
              "Röstningen är inte öppen. Röstningstiden är " + span + ".",
              "Voting is not open. The voting period is " + span + ".");
}
std::string CodeMissing(Lang l) {
  return Pick(l, "Anna äänestyskoodisi.", "Ange din röstningskod.", "Enter your voting code.");
}
std::string CodeMalformed(Lang l) {
  return Pick(l,
              "Äänestyskoodissa on 13 merkkiä, kirjaimia ja numeroita, esimerkiksi "
              "7KQM-4TXR-9HWD-C. Tarkista koodi kirjeestäsi.",
              "Röstningskoden har 13 tecken, bokstäver och siffror, till exempel "
              "7KQM-4TXR-9HWD-C. Kontrollera koden i ditt brev.",
              "A voting code has 13 letters and digits, for example 7KQM-4TXR-9HWD-C. Check "
              "the code in your letter.");
}
std::string CodeMistyped(Lang l) {
  return Pick(l, "Äänestyskoodissa on kirjoitusvirhe. Tarkista merkit kirjeestäsi.",
              "Röstningskoden har ett skrivfel. Kontrollera tecknen i ditt brev.",
              "The voting code has a typing error. Check the characters in your letter.");
}
std::string CodeNotValid(Lang l) {
  return Pick(l, "Äänestyskoodi ei kelpaa tai sillä on jo äänestetty.",
              "Röstningskoden är ogiltig eller har redan använts.",
              "This voting code is not valid or has already been used.");
}
std::string CodeForOtherArea(Lang l) {
  return Pick(l, "Äänestyskoodisi on toisen alueen äänestykseen. Valitse oma alueesi.",
              "Din röstningskod gäller ett annat område. Välj ditt eget område.",
              "Your voting code is for another area. Choose your own area.");
}
std::string AreaMissing(Lang l) {
  return Pick(l, "Valitse alue.", "Välj ett område.", "Choose an area.");
}
std::string AreaUnknown(Lang l, const std::string& area) {
  return Pick(l, "Tällä kierroksella ei ole aluetta " + Q(area) + ".",
              "Det finns inget område " + Q(area) + " i den här omgången.",
              "There is no area " + Q(area) + " in this round.");
}
std::string ProposalUnknown(Lang l, const std::string& id) {
  return Pick(l, "Tällä kierroksella ei ole ehdotusta " + Q(id) + ".",
              "Det finns inget förslag " + Q(id) + " i den här omgången.",
              "There is no proposal " + Q(id) + " in this round.");
}
std::string ProposalOtherArea(Lang l, const std::string& id, const std::string& area_name) {
  return Pick(l, "Ehdotus " + Q(id) + " ei kuulu alueeseen " + area_name + ".",
              "Förslaget " + Q(id) + " hör inte till området " + area_name + ".",
              "Proposal " + Q(id) + " is not in the area " + area_name + ".");
}
std::string ProposalTwice(Lang l, const std::string& id) {
  return Pick(l, "Ehdotus " + Q(id) + " on valittu useammin kuin kerran.",
              "Förslaget " + Q(id) + " har valts mer än en gång.",
              "Proposal " + Q(id) + " is chosen more than once.");
}
std::string TooFew(Lang l, int min) {
  const std::string n = std::to_string(min);
  return Pick(l,
              min == 1 ? "Valitse vähintään 1 ehdotus." : "Valitse vähintään " + n + " ehdotusta.",
              "Välj minst " + n + " förslag.",
              min == 1 ? "Choose at least 1 proposal." : "Choose at least " + n + " proposals.");
}
std::string TooMany(Lang l, int max) {
  const std::string n = std::to_string(max);
  return Pick(l, max == 1 ? "Valitse enintään 1 ehdotus." : "Valitse enintään " + n + " ehdotusta.",
              "Välj högst " + n + " förslag.",
              max == 1 ? "Choose at most 1 proposal." : "Choose at most " + n + " proposals.");
}
std::string OverBudget(Lang l, int64_t total, int64_t budget) {
  return Pick(l,
              "Valitsemasi ehdotukset maksavat yhteensä " + Money(l, total) +
                  ", mutta alueen budjetti on " + Money(l, budget) + ".",
              "De förslag du valt kostar sammanlagt " + Money(l, total) +
                  ", men områdets budget är " + Money(l, budget) + ".",
              "The proposals you chose cost " + Money(l, total) +
                  " in total, but the area's "
                  "budget is " +
                  Money(l, budget) + ".");
}
std::string TooManyFailures(Lang l) {
  return Pick(l, "Liian monta virheellistä koodia. Yritä uudelleen myöhemmin.",
              "För många ogiltiga koder. Försök igen senare.",
              "Too many invalid codes. Try again later.");
}
std::string BallotAccepted(Lang l) {
  return Pick(l, "Äänesi on tallennettu.", "Din röst har sparats.", "Your vote has been saved.");
}
std::string RoundUnavailable(Lang l) {
  return Pick(l, "Tämä äänestys ei ole juuri nyt käytettävissä.",
              "Den här röstningen är inte tillgänglig just nu.",
              "This vote is not available right now.");
}

}  // namespace yhdessa::vote::msg
