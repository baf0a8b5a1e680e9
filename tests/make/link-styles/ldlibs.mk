# Links with $(LDLIBS) only, after the objects.
CC = @CC@
CFLAGS = -O2
LDLIBS = -lm

app: main.o stats.o
	$(CC) $^ $(LDLIBS) -o $@

main.o stats.o: stats.h

PGO_TRAIN = ./app --input data/typical.txt
include ../../make/pgo.mk
