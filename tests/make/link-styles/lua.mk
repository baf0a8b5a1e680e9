# Lua's src/Makefile: the compiler with words in CC, a static library, and a
# link line with MYLDFLAGS and LIBS but neither CFLAGS nor LDFLAGS.
CC = @CC@ -std=gnu99
CFLAGS = -O2 -Wall -Wextra $(SYSCFLAGS) $(MYCFLAGS)
LIBS = -lm $(SYSLIBS) $(MYLIBS)
AR = ar rcs
RANLIB = ranlib
SYSCFLAGS =
SYSLIBS =
MYCFLAGS =
MYLDFLAGS =
MYLIBS =

CORE_A = libstats.a
CORE_O = stats.o
APP_O = main.o

app: $(APP_O) $(CORE_A)
	$(CC) -o $@ $(MYLDFLAGS) $(APP_O) $(CORE_A) $(LIBS)

$(CORE_A): $(CORE_O)
	$(AR) $@ $(CORE_O)
	$(RANLIB) $@

main.o stats.o: stats.h

PGO_TRAIN = ./app --input data/typical.txt
include ../../make/pgo.mk
