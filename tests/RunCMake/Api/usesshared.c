int shared_value(void);
int main(void) { return shared_value() == 5 ? 0 : 1; }
