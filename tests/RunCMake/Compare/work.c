unsigned long deep_step(unsigned long x);

unsigned long work(unsigned long n) {
    unsigned long s = 0;
    for (unsigned long i = 0; i < n; i++)
        s += deep_step(i);
    return s;
}
