#include <cstdio>
int main() { std::puts("c++"); return 0; }
