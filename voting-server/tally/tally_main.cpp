// yhdessa-tally: the tally command on its own, for recomputing results from .pb files.
#include <iostream>

#include "voting-server/tally/tally_command.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args.front() == "tally") args.erase(args.begin());
  return yhdessa::tally::RunTallyCommand(args, std::cout, std::cerr);
}
