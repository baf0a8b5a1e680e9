# Links with $(LIBS) only.
CC = @CC@
CFLAGS = -O2
LIBS = -lm
OBJS = main.o stats.o

app: $(OBJS)
	$(CC) -o $@ $(OBJS) $(LIBS)

main.o stats.o: stats.h

PGO_TRAIN = ./app --input data/typical.txt
include ../../make/pgo.mk
