int lib_value(void);
int main(void) { return lib_value() == 42 ? 0 : 1; }
