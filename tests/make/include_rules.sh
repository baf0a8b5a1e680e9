#!/bin/sh
# Including pgo.mk changes nothing else: it keeps the includer's default goal
# (whether included before or after the first rule), defines no target
# outside pgo_* and __pgo_*, can be included twice, takes every knob from
# the Makefile (?=) or the command line, and pgo_help lists knobs and targets.
. "$(dirname "$0")/lib.sh"
setup minimal-make

# Included twice, before any rule, with a knob set first; the includer has
# its own help and clean targets.
cat >Makefile.top <<'EOM'
PGO_TRAIN = ./app --input data/typical.txt
PGO_DIR = .pgo-custom
include ../../make/pgo.mk
include ../../make/pgo.mk

CC = clang
CFLAGS = -O2
app: main.o stats.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ main.o stats.o
main.o stats.o: stats.h
help:
	@echo user help
clean:
	rm -f app *.o
.PHONY: help clean
EOM
ok top -f Makefile.top -n CC="$TCC"
empty "$W/top.err" "pgo.mk included twice"
all_have "$W/top.out" link "-o app" "the default goal is still app"
all_have "$W/top.out" compile "-fprofile-use=$PWD/.pgo-custom/use/" "PGO_DIR set in the Makefile"
ok top-cli -f Makefile.top -n -B CC="$TCC" PGO_DIR=cli-dir
all_have "$W/top-cli.out" compile "-fprofile-use=$PWD/cli-dir/use/" "PGO_DIR on the command line"
# PGO_ENGINE: an installed pgo program is used as it is; none is built.
ok installed -f Makefile.top CC="$TCC" PGO_DIR=inst-dir PGO_ENGINE="$(engine)"
empty "$W/installed.err" "PGO_ENGINE"
all_have "$W/installed.out" compile "-fprofile-use=$PWD/inst-dir/use/" "PGO_ENGINE"
[ -e inst-dir/bin ] && fail "no pgo program built with PGO_ENGINE" "$(ls inst-dir/bin)"
[ -f inst-dir/state.plain.mk ] || fail "the state include with PGO_ENGINE" "no inst-dir/state.plain.mk"
mk db -f Makefile.top -p -q CC="$TCC"
grep -q '^\.DEFAULT_GOAL := app$' "$W/db.out" || fail ".DEFAULT_GOAL := app" "$(grep DEFAULT_GOAL "$W/db.out")"
ok help -f Makefile.top CC="$TCC" help
same_line "$W/help.out" "user help" "the includer's help target"

# Included after the rules (examples/minimal-make): the default goal is app.
ok bottom -n CC="$TCC"
all_have "$W/bottom.out" link "-o app" "the default goal is still app"

# pgo.mk alone has no default goal and defines only pgo_* and __pgo_* targets
# (and files below .pgo: its flag stamp, state include and pgo program; the
# rule targets are relative to the current folder).
printf 'include ../../make/pgo.mk\n' >Makefile.only
mk only -f Makefile.only
rc_is only 2
contains "$W/only.err" "No targets.  Stop." "pgo.mk alone gives make no goal"
targets() {
  make -p -q -f "$1" CC="$TCC" 2>/dev/null | awk '
    /^# Not a target:/ { skip = 1; next }
    /^[^#\t %][^=]*:/ && !/^[^:]*:[:!?+]?=/ { t = $0; sub(/:.*/, "", t); if (!skip) print t }
    { skip = 0 }' | sort -u
}
targets /dev/null >"$W/targets.none"
targets Makefile.only >"$W/targets.pgo"
comm -13 "$W/targets.none" "$W/targets.pgo" | grep -v -e '^pgo_' -e '^__pgo_' -e '^\.PHONY$' -e '^\.pgo/[a-z.]*$' -e '^\.pgo/bin/pgo$' >"$W/targets.extra"
empty "$W/targets.extra" "pgo.mk defines only pgo_*, __pgo_* targets and its stamp"
grep -q '^pgo_train$' "$W/targets.pgo" || fail "pgo_train in the make database" "$(show "$W/targets.pgo")"

# pgo_* goals are not mixed with the includer's goals.
mk mixed CC="$TCC" pgo_train app
rc_is mixed 2
contains "$W/mixed.err" "*** pgo.mk: pgo_train cannot be combined with other goals (app) in one make command: run them one after the other, e.g. make app && make pgo_train.  Stop." "pgo_train app"

# pgo_help lists every knob (every ?= in pgo.mk) and every target.
ok pgo-help -f Makefile.top pgo_help
for k in $(sed -n 's/^\(PGO[A-Z_]*\) ?=.*/\1/p' ../../make/pgo.mk); do
  [ "$k" = PGO_PHASE ] && continue
  grep -q "^  $k " "$W/pgo-help.out" || fail "pgo_help lists $k" "$(show "$W/pgo-help.out")"
done
for t in pgo_instrument pgo_train pgo_optimize pgo_update pgo_clean pgo_help; do
  grep -q "^  $t " "$W/pgo-help.out" || fail "pgo_help lists $t" "$(show "$W/pgo-help.out")"
done
contains "$W/pgo-help.out" "= .pgo-custom" "pgo_help shows knob values"

# The flag-variable knobs of earlier versions are an error that says what
# replaced them.
mk old-knob CC="$TCC" PGO_LDFLAGS_VARS=LIBS
rc_is old-knob 2
contains "$W/old-knob.err" "*** pgo.mk: PGO_CFLAGS_VARS and PGO_LDFLAGS_VARS are no longer read: pgo.mk adds its flags to the compiler variables (PGO_CC_VARS = CC CXX), which compile and link lines both run; remove them, or name the Makefile's compiler variables in PGO_CC_VARS.  Stop." "PGO_LDFLAGS_VARS"
pass
