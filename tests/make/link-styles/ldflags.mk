# Links with $(LDFLAGS) only (no CFLAGS on the link line).
CC = @CC@
CFLAGS = -O2 -Wall
OBJS = main.o stats.o

app: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS)

main.o stats.o: stats.h

PGO_TRAIN = ./app --input data/typical.txt
include ../../make/pgo.mk
