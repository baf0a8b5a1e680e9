int helper(int x) { return (x * 7 + 3) % 11; }
int warm(int x) { return x % 3 == 0 ? x / 3 : x % 5 == 0 ? x - 1 : x + 1; }
int cold(int x) { return x < 0 ? -x : x; }
