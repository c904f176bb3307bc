#include "voting-server/tally/money.h"

#include <catch2/catch.hpp>

#include "voting-server/tally/wide_int.h"

namespace yhdessa::tally {
namespace {

TEST_CASE("amounts parse exactly into cents") {
  CHECK(ParseCents("400000.0") == 40000000);
  CHECK(ParseCents("1607513.56") == 160751356);
  CHECK(ParseCents("12.5") == 1250);
  CHECK(ParseCents("7") == 700);
  CHECK(ParseCents("0.05") == 5);
  CHECK(ParseCents("3.100") == 310);
  CHECK_FALSE(ParseCents("3.105"));
  CHECK_FALSE(ParseCents("12x"));
  CHECK_FALSE(ParseCents("-5"));
  CHECK_FALSE(ParseCents(""));
  CHECK_FALSE(ParseCents("."));
  CHECK_FALSE(ParseCents("1e6"));
}

TEST_CASE("cents format as the shortest exact decimal") {
  CHECK(FormatCents(120000) == "1200");
  CHECK(FormatCents(150) == "1.5");
  CHECK(FormatCents(5) == "0.05");
  CHECK(FormatCents(160751356) == "1607513.56");
}

TEST_CASE("256-bit product comparison is exact beyond 128 bits") {
  Int128 big = static_cast<Int128>(1) << 100;
  CHECK(CompareProducts(big, big, big, big) == 0);
  CHECK(CompareProducts(big, big + 1, big, big) == 1);
  CHECK(CompareProducts(big - 1, big, big, big) == -1);
  CHECK(CompareProducts(3, 4, 2, 6) == 0);
  CHECK(ToString(big) == "1267650600228229401496703205376");
  CHECK(CeilDiv(7, 2) == 4);
  CHECK(RoundDiv(5, 2) == 3);
}

}  // namespace
}  // namespace yhdessa::tally
