#include "voting-server/ballot/ballot_validation.h"

#include <catch2/catch.hpp>
#include <map>

#include "test_round.h"
#include "voting-server/ballot/ballot_messages.h"
#include "voting-server/ballot/ballot_request.h"
#include "voting-server/codes/voting_code.h"

using namespace yhdessa;
using namespace yhdessa::vote;
using yhdessa::vote::testing::kBeforeRound;
using yhdessa::vote::testing::kDuringRound;
using yhdessa::vote::testing::TestRound;

namespace {

// Codes with a known state, computed once: an unused elimaki code, a used one, one for
// kuusankoski, one for another round; plus a well-formed code that was never issued.
struct Codes {
  std::string fresh = GenerateVotingCode();
  std::string used = GenerateVotingCode();
  std::string other_area = GenerateVotingCode();
  std::string other_round = GenerateVotingCode();
  std::string unknown = GenerateVotingCode();
  std::map<std::string, CodeRecord> records{
      {NormalizeVotingCode(fresh), {"omakouvola-2025", "elimaki", false}},
      {NormalizeVotingCode(used), {"omakouvola-2025", "elimaki", true}},
      {NormalizeVotingCode(other_area), {"omakouvola-2025", "kuusankoski", false}},
      {NormalizeVotingCode(other_round), {"nuoret-2025", "elimaki", false}},
  };
  CodeLookup Lookup() const {
    return [this](const std::string& c) -> std::optional<CodeRecord> {
      auto it = records.find(c);
      if (it == records.end()) return std::nullopt;
      return it->second;
    };
  }
};

const Codes& TheCodes() {
  static const Codes c;
  return c;
}

std::string JsonBody(const BallotRequest& r) {
  std::string s = "{\"code\":\"" + r.code + "\",\"area\":\"" + r.area + "\",\"proposals\":[";
  for (size_t i = 0; i < r.proposals.size(); ++i) s += (i ? ",\"" : "\"") + r.proposals[i] + "\"";
  return s + "],\"lang\":\"" + r.lang + "\"}";
}

std::string FormBody(const BallotRequest& r) {
  std::string code = r.code;
  for (auto& c : code) c = c == ' ' ? '+' : c;  // a browser encodes spaces as '+'
  std::string s = "code=" + code + "&area=" + r.area + "&lang=" + r.lang;
  for (const auto& p : r.proposals) s += "&proposal=" + p;
  return s;
}

// Validates the request as it arrives in both wire forms; both must agree.
std::vector<FieldError> Errors(const BallotRequest& r, Lang lang = Lang::kEn) {
  auto from_json = ParseBallotJson(JsonBody(r));
  auto from_form = ParseBallotForm(FormBody(r));
  REQUIRE(from_json.ok());
  REQUIRE(from_form.ok());
  const auto a = ValidateBallot(TestRound(), *from_json, kDuringRound, lang, TheCodes().Lookup());
  const auto b = ValidateBallot(TestRound(), *from_form, kDuringRound, lang, TheCodes().Lookup());
  REQUIRE(a.errors == b.errors);
  return a.errors;
}

BallotRequest Good() {
  return {TheCodes().fresh, "elimaki", {"frisbeegolf", "penkit"}, ""};
}

}  // namespace

TEST_CASE("ballot: a valid ballot passes in both wire forms", "[ballot]") {
  CHECK(Errors(Good()).empty());
  auto parsed = ParseBallotForm(FormBody(Good()));
  auto check = ValidateBallot(TestRound(), *parsed, kDuringRound, Lang::kEn, TheCodes().Lookup());
  CHECK(check.verdict == Verdict::kValid);
  CHECK(check.normalized_code == NormalizeVotingCode(TheCodes().fresh));
  CHECK(check.choices == std::vector<std::string>{"frisbeegolf", "penkit"});
  // Codes typed in lower case with spaces are accepted.
  BallotRequest r = Good();
  for (auto& c : r.code) c = c == '-' ? ' ' : static_cast<char>(std::tolower(c));
  CHECK(Errors(r).empty());
}

TEST_CASE("ballot: round not open by the server clock, with its dates", "[ballot]") {
  for (const int64_t t : {kBeforeRound, int64_t{1759265940} /* closes exactly */}) {
    auto check = ValidateBallot(TestRound(), Good(), t, Lang::kEn, TheCodes().Lookup());
    CHECK(check.verdict == Verdict::kNotOpen);
    CHECK(check.message ==
          "Voting is not open. The voting period is 1 Sep 2025 09:00 – 30 Sep 2025 23:59.");
  }
  CHECK(ValidateBallot(TestRound(), Good(), kBeforeRound, Lang::kFi, TheCodes().Lookup()).message ==
        "Äänestys ei ole auki. Äänestysaika on 1.9.2025 klo 9.00 – 30.9.2025 klo 23.59.");
  CHECK(ValidateBallot(TestRound(), Good(), kBeforeRound, Lang::kSv, TheCodes().Lookup()).message ==
        "Röstningen är inte öppen. Röstningstiden är 1.9.2025 kl. 9.00 – 30.9.2025 kl. 23.59.");
}

TEST_CASE("ballot: code rules", "[ballot]") {
  BallotRequest r = Good();
  r.code = "";
  CHECK(Errors(r) == std::vector<FieldError>{{"code", "Enter your voting code."}});
  r.code = "ABC";
  CHECK(Errors(r) == std::vector<FieldError>{{"code",
                                              "A voting code has 13 letters and digits, for "
                                              "example 7KQM-4TXR-9HWD-C. Check the code in your "
                                              "letter."}});
  r.code = TheCodes().fresh;
  r.code[0] = r.code[0] == '2' ? '3' : '2';
  CHECK(Errors(r) ==
        std::vector<FieldError>{
            {"code", "The voting code has a typing error. Check the characters in your letter."}});
  // Unknown, used and other-round codes get one and the same answer.
  const std::vector<FieldError> not_valid{
      {"code", "This voting code is not valid or has already been used."}};
  for (const auto& code : {TheCodes().unknown, TheCodes().used, TheCodes().other_round}) {
    r.code = code;
    CHECK(Errors(r) == not_valid);
  }
  r.code = TheCodes().other_area;
  CHECK(Errors(r) ==
        std::vector<FieldError>{{"code",
                                 "Your voting code is for another area. Choose your own "
                                 "area."}});
  RoundDefinition all = TestRound();
  all.voter_areas = "all";
  CHECK(ValidateBallot(all, r, kDuringRound, Lang::kEn, TheCodes().Lookup()).verdict ==
        Verdict::kValid);
  r.code = TheCodes().used;
  CHECK(ValidateBallot(TestRound(), r, kDuringRound, Lang::kEn, TheCodes().Lookup()).code_failed);
}

TEST_CASE("ballot: area rules", "[ballot]") {
  BallotRequest r = Good();
  r.area = "";
  CHECK(Errors(r) == std::vector<FieldError>{{"area", "Choose an area."}});
  r.area = "valkeala";
  CHECK(Errors(r) ==
        std::vector<FieldError>{{"area", "There is no area 'valkeala' in this round."}});
}

TEST_CASE("ballot: proposal rules", "[ballot]") {
  BallotRequest r = Good();
  r.proposals = {"frisbeegolf", "kirjasto"};
  CHECK(Errors(r) ==
        std::vector<FieldError>{{"proposals", "There is no proposal 'kirjasto' in this round."}});
  r.proposals = {"penkit", "uimaranta"};
  CHECK(Errors(r) ==
        std::vector<FieldError>{{"proposals", "Proposal 'uimaranta' is not in the area Elimäki."}});
  r.proposals = {"penkit", "penkit"};
  CHECK(Errors(r) ==
        std::vector<FieldError>{{"proposals", "Proposal 'penkit' is chosen more than once."}});
  r.proposals = {};
  CHECK(Errors(r) == std::vector<FieldError>{{"proposals", "Choose at least 1 proposal."}});
  RoundDefinition two = TestRound();
  two.max_choices = 2;
  r.proposals = {"penkit", "valaistus", "frisbeegolf"};
  CHECK(ValidateBallot(two, r, kDuringRound, Lang::kEn, TheCodes().Lookup()).errors ==
        std::vector<FieldError>{{"proposals", "Choose at most 2 proposals."},
                                {"proposals",
                                 "The proposals you chose cost €18,500 in total, but the area's "
                                 "budget is €15,000."}});
  r.proposals = {"frisbeegolf", "valaistus"};
  CHECK(Errors(r) == std::vector<FieldError>{
                         {"proposals",
                          "The proposals you chose cost €15,500 in total, but the area's budget "
                          "is €15,000."}});
  RoundDefinition approval = TestRound();
  approval.knapsack = false;
  CHECK(ValidateBallot(approval, r, kDuringRound, Lang::kEn, TheCodes().Lookup()).errors.empty());
}

TEST_CASE("ballot: every error is reported at once, in Finnish and Swedish too", "[ballot]") {
  BallotRequest r{"", "", {"x"}, ""};
  CHECK(Errors(r, Lang::kFi) ==
        std::vector<FieldError>{{"code", "Anna äänestyskoodisi."},
                                {"area", "Valitse alue."},
                                {"proposals", "Tällä kierroksella ei ole ehdotusta 'x'."},
                                {"proposals", "Valitse vähintään 1 ehdotus."}});
  CHECK(Errors(r, Lang::kSv) ==
        std::vector<FieldError>{{"code", "Ange din röstningskod."},
                                {"area", "Välj ett område."},
                                {"proposals", "Det finns inget förslag 'x' i den här omgången."},
                                {"proposals", "Välj minst 1 förslag."}});
  BallotRequest over = Good();
  over.proposals = {"frisbeegolf", "valaistus"};
  CHECK(Errors(over, Lang::kFi).at(0).message ==
        "Valitsemasi ehdotukset maksavat yhteensä 15\u00a0500\u00a0€, mutta alueen budjetti on "
        "15\u00a0000\u00a0€.");
  CHECK(Errors(over, Lang::kSv).at(0).message ==
        "De förslag du valt kostar sammanlagt 15\u00a0500\u00a0€, men områdets budget är "
        "15\u00a0000\u00a0€.");
}

TEST_CASE("ballot request parsing: wire errors", "[ballot]") {
  CHECK(ParseBallotJson("{").status().message() == "body: not valid JSON");
  CHECK(ParseBallotJson("[]").status().message() == "body: expected a JSON object");
  CHECK(ParseBallotJson("{\"code\": 5}").status().message() == "code: expected a string");
  CHECK(ParseBallotJson("{\"proposals\": \"a\"}").status().message() ==
        "proposals: expected an array of strings");
  CHECK(ParseBallotJson("{\"area\":\"" + std::string(201, 'a') + "\"}").status().message() ==
        "area: longer than 200 characters");
  CHECK(ParseBallotForm("code=%4").status().message() == "form: incomplete %-escape");
  CHECK(ParseBallotForm("code=%zz").status().message() == "form: invalid %-escape");
  auto f = ParseBallotForm("code=ab+c%2Dd&proposal=a&proposal=b&&junk&lang=sv");
  REQUIRE(f.ok());
  CHECK(f->code == "ab c-d");
  CHECK(f->proposals == std::vector<std::string>{"a", "b"});
  CHECK(f->lang == "sv");
}

TEST_CASE("language choice", "[ballot]") {
  CHECK(ChooseLanguage("", "sv-FI,sv;q=0.9,en;q=0.8") == Lang::kSv);
  CHECK(ChooseLanguage("en", "sv") == Lang::kEn);
  CHECK(ChooseLanguage("", "de, en-GB;q=0.5") == Lang::kEn);
  CHECK(ChooseLanguage("", "") == Lang::kFi);
}
