# Redis's src/Makefile: compile and link through variables that print a
# short label first, flags collected in FINAL_*, dependency files made by the
# compiler (-MMD) and included.
CC = @CC@
OPTIMIZATION ?= -O2
WARN = -Wall
DEBUG = -g -ggdb
FINAL_CFLAGS = $(WARN) $(OPTIMIZATION) $(CFLAGS) $(DEBUG)
FINAL_LDFLAGS = $(LDFLAGS) $(OPTIMIZATION) $(DEBUG)
FINAL_LIBS = -lm

QUIET_CC = @printf '    %b %b\n' CC $@ 1>&2;
QUIET_LINK = @printf '    %b %b\n' LINK $@ 1>&2;
ifeq ($(V),1)
QUIET_CC =
QUIET_LINK =
endif
SERVER_CC = $(QUIET_CC)$(CC) $(FINAL_CFLAGS)
SERVER_LD = $(QUIET_LINK)$(CC) $(FINAL_LDFLAGS)

SERVER_OBJ = main.o stats.o

all: app

app: $(SERVER_OBJ)
	$(SERVER_LD) -o $@ $^ $(FINAL_LIBS)

%.o: %.c
	$(SERVER_CC) -MMD -o $@ -c $<

-include $(SERVER_OBJ:.o=.d)

.PHONY: all

PGO_TRAIN = ./app --input data/typical.txt
include ../../make/pgo.mk
