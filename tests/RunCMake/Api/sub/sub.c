int sub_value(void) { return 7; }
int main(void) { return sub_value() == 7 ? 0 : 1; }
