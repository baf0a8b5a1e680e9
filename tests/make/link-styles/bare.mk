# Links with no flag variable at all.
CC = @CC@
CFLAGS = -O2

app: main.o stats.o
	$(CC) -o $@ $^

main.o stats.o: stats.h

PGO_TRAIN = ./app --input data/typical.txt
include ../../make/pgo.mk
