// yhdessa: the command line of the static-site generator (work in progress).
int main() { return 0; }
