unsigned long deep_step(unsigned long x) { return x % 7 == 0 ? x / 7 : x * 3 + 1; }
