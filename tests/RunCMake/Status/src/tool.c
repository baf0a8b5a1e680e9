#include <stdio.h>
int cold(int x);
int main(void) {
    printf("%d\n", cold(-3));
    return 0;
}
