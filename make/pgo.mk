# SPDX-License-Identifier: MIT
#
# pgo.mk: profile-guided optimization (clang IR PGO and sample PGO, GCC 10+
# PGO) for hand-written GNU Makefiles, with the same loop and the same
# profile rules as FindPGO.cmake.
#
# Add two lines to a Makefile:
#
#     PGO_TRAIN = ./app --input data/typical.txt
#     include path/to/pgo.mk
#
# then run "make pgo_train pgo_update" and check in default.profdata. A plain
# "make" then builds with it. "make pgo_help" lists the knobs and targets;
# docs/make.md describes everything, including every message printed here.
#
# Set knobs before the include line or on the command line. Every knob is
# assigned with ?=. Private names start with __pgo_ (variables, functions,
# targets); public knobs with PGO_.
#
# The profile logic (finding llvm-profdata, checking and re-merging a
# profile, training, merging, installing, locking) is the pgo program, built
# once from ../cmake/engine into $(PGO_DIR)/bin/pgo with the host C compiler;
# the CMake package uses the same program. Every expensive fact (the kind of
# compiler, the llvm-profdata, the checked copy of the profile, whether
# -flto=thin links) is kept in a generated include, $(PGO_DIR)/state.<phase>.mk,
# remade by a make rule only when its inputs change (Kbuild style), so that a
# make with nothing to do starts no process at all.
#
# Paths are data: in recipes they are single-quoted, in the state file
# make-escaped, in flags shell-quoted where they need it, and rule targets
# are relative to the current folder, so the project path may hold any
# character. PGO_TRAIN alone is a shell command.

ifndef PGO_MK_INCLUDED
PGO_MK_INCLUDED := 1

# Must be the first thing, before any other include changes MAKEFILE_LIST.
__pgo_self := $(lastword $(MAKEFILE_LIST))

# $(file <...) needs 4.2; .EXTRA_PREREQS (the automatic flag stamp) 4.3.
__pgo_make_too_old :=
ifeq ($(filter 4.% 5.% 6.% 7.% 8.% 9.%,$(MAKE_VERSION)),)
__pgo_make_too_old := 1
else ifneq ($(filter 4.0 4.0.% 4.1 4.1.%,$(MAKE_VERSION)),)
__pgo_make_too_old := 1
endif
ifeq ($(__pgo_make_too_old),1)
$(error pgo.mk: needs GNU Make 4.2 or newer, this is $(MAKE_VERSION): install GNU Make 4.2 or later and run it as make (or gmake))
endif

# pgo.mk must not change the includer's default goal: remember it here and
# restore it at the end of this file. If it is still empty (pgo.mk included
# before the first rule), restoring the empty value lets the includer's first
# rule become the default goal as usual.
__pgo_saved_default_goal := $(.DEFAULT_GOAL)

# The link probe's make (see "The link probe" below; run with make -n -B):
# only the marker on the compiler variables, nothing else of pgo.mk.
__pgo_probe_vars := $(if $(filter undefined,$(origin __PGO_PROBE)),,$(__PGO_PROBE))
ifneq ($(strip $(__pgo_probe_vars)),)
$(foreach __pgo_v,$(__pgo_probe_vars),$(eval %: private override $(__pgo_v) += -D__pgo_link_probe__))
else

# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------

__pgo_empty :=
__pgo_comma := ,
__pgo_space := $(__pgo_empty) $(__pgo_empty)
__pgo_hash := \#
# A stand-in for a space while make's word functions see a path, and a
# marker for the start of a string. Neither occurs in real paths.
__pgo_sp := @pgo-sp@
__pgo_mark := ^pgo^
define __pgo_nl


endef

# Function:  __pgo_escsq
# Arguments: 1: text
# Returns:   the text with each ' written as '\'' for use inside '...'
__pgo_escsq = $(subst ','\'',$(1))

# Function:  __pgo_mkesc
# Arguments: 1: text
# Returns:   the text written for the right side of := in a makefile ($ as $$,
#            # as \#), so that reading it back gives the text itself
__pgo_mkesc = $(subst $(__pgo_hash),\$(__pgo_hash),$(subst $$,$$$$,$(1)))

# Function:  __pgo_mkdollar
# Arguments: 1: text
# Returns:   the text as the value of a VAR=value on make's command line
__pgo_mkdollar = $(subst $$,$$$$,$(1))

# Function:  __pgo_streq
# Arguments: 1, 2: strings
# Returns:   non-empty if they are equal (character by character)
__pgo_streq = $(and $(findstring $(__pgo_mark)$(1)$(__pgo_mark),$(__pgo_mark)$(2)$(__pgo_mark)),$(findstring $(__pgo_mark)$(2)$(__pgo_mark),$(__pgo_mark)$(1)$(__pgo_mark)))

# Function:  __pgo_abspath
# Arguments: 1: a path, which may contain spaces
# Returns:   $(abspath) of it, as one string
__pgo_abspath = $(subst $(__pgo_sp),$(__pgo_space),$(abspath $(subst $(__pgo_space),$(__pgo_sp),$(1))))

# Function:  __pgo_dirname
# Arguments: 1: a path, which may contain spaces
# Returns:   its folder, without the trailing /
__pgo_dirname = $(subst $(__pgo_sp),$(__pgo_space),$(patsubst %/,%,$(dir $(subst $(__pgo_space),$(__pgo_sp),$(1)))))

# Function:  __pgo_join
# Arguments: 1, 2: texts, either may be empty
# Returns:   both, with one space between them if both are there
__pgo_join = $(1)$(if $(and $(1),$(2)), )$(2)

# Function:  __pgo_rel
# Arguments: 1: a path
# Returns:   the path relative to $(CURDIR) if it is below it, else the path
__pgo_rel = $(if $(findstring $(__pgo_mark)$(CURDIR)/,$(__pgo_mark)$(1)),$(subst $(__pgo_mark)$(CURDIR)/,,$(__pgo_mark)$(1)),$(1))

# Function:  __pgo_exists
# Arguments: 1: a path (a dangling symbolic link counts)
# Returns:   1 if it exists
__pgo_exists = $(if $(wildcard $(subst $(__pgo_space),?,$(1))),1)

# Characters GNU Make cannot have in a file name in a rule (a space splits
# it, ';' and ':' end the target list, '|' starts order-only prerequisites,
# '(' ')' name archive members, '%' makes a pattern, '*' '?' '[' ']' are
# globbed, '\' quotes).
__pgo_mk_bad_chars := ; : | ( ) % * ? [ ] \

# Function:  __pgo_mk_bad
# Arguments: 1: a path
# Returns:   what in it GNU Make cannot use in a rule ("a space" or the
#            characters, quoted), or nothing
__pgo_mk_bad = $(strip $(if $(findstring $(__pgo_space),$(1)),a space)$(foreach c,$(__pgo_mk_bad_chars),$(if $(findstring $(c),$(1)), '$(c)')))

# The characters a shell word may hold unquoted.
__pgo_shell_safe := a b c d e f g h i j k l m n o p q r s t u v w x y z \
  A B C D E F G H I J K L M N O P Q R S T U V W X Y Z 0 1 2 3 4 5 6 7 8 9 \
  _ . / - + = @ : % ,

# Function:  __pgo_strip_chars
# Arguments: 1: text; 2: words, each one character
# Returns:   the text without those characters
__pgo_strip_chars = $(if $(2),$(call __pgo_strip_chars,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,$(words $(2)),$(2))),$(1))

# Function:  __pgo_shq
# Arguments: 1: a path
# Returns:   the path as one shell word: unchanged if that is safe, else
#            single-quoted (for flags that reach the includer's recipes)
__pgo_shq = $(if $(call __pgo_strip_chars,$(subst $(__pgo_space),!,$(1)),$(__pgo_shell_safe)),'$(call __pgo_escsq,$(1))',$(1))

# ---------------------------------------------------------------------------
# Knobs
# ---------------------------------------------------------------------------

# auto: use default.profdata beside the Makefile if it exists; off: never use
# a profile; anything else: a profile file (relative to the Makefile's folder).
PGO ?= auto
# The training command line (run with sh -c from the Makefile's folder).
PGO_TRAIN ?=
# How pgo_train makes a profile: instrument (an instrumented build) or
# sample (the ordinary build, sampled by pgo collect while PGO_TRAIN runs).
PGO_TRAIN_KIND ?= instrument
# With PGO_TRAIN_KIND=sample: the binary to sample; empty means the first
# word of PGO_TRAIN.
PGO_TRAIN_BINARY ?=
# With PGO_TRAIN_KIND=sample: PGO_TRAIN runs again until its runs add up to
# this many seconds (0: once), for more samples (see docs/make.md).
PGO_TRAIN_SAMPLE_SECONDS ?= 0
# The benchmark pgo_compare times: the program (a file the goals build, in
# the ordinary output folder) and its arguments, run with sh -c from the
# Makefile's folder, the program replaced by each build's copy of it.
PGO_BENCH ?=
# pgo_compare: the program's own figures, by name; each name's regular
# expression (POSIX extended, its first group the number) in PGO_METRIC_<name>.
PGO_COMPARE_METRICS ?=
# pgo_compare: timed rounds, untimed rounds first, the measure the gate
# checks (cpu, wall or metric:<name>) and the ratio above which it fails
# (empty: never).
PGO_COMPARE_ROUNDS ?= 7
PGO_COMPARE_WARMUP ?= 1
PGO_COMPARE_GATE ?= cpu
PGO_COMPARE_FAIL_ABOVE ?=
# on: ordinary builds are ready to be sampled (-g unless the flags have it,
# unique static names, -fmacro-prefix-map=$(CURDIR)/=), with the same code;
# off: not.
PGO_SAMPLE_READY ?= on
# Raw profiles, the trained profile, checked copies, flag stamps, the state
# includes and the pgo program.
PGO_DIR ?= .pgo
# What the phases build; empty means the Makefile's default goal.
PGO_GOALS ?=
# ThinLTO in the instrument and optimize phases (on|off).
PGO_LTO ?= on
# The linker of ThinLTO links: auto (the ld.lld of the compiler's LLVM
# version if there is one and the project chose no linker), or default
# (never change the linker).
PGO_LINKER ?= auto
# ThinLTO backend jobs of a link; empty: the -j of this make (-j alone: all
# cores; no -j: 1).
PGO_LTO_JOBS ?=
# on: ThinLTO links keep a cache in $(PGO_DIR)/lto-cache, so that a re-link
# after a small change is fast; off: no cache.
PGO_LTO_CACHE ?= on
# on: instrumented executables and shared libraries (pgo_instrument) get the
# window helper (pgo collect --pid on a canary; the profile kept on SIGTERM).
PGO_WINDOW ?= on
# on: instrument in continuous mode (clang 15 and later; see docs/make.md).
PGO_CONTINUOUS ?= off
# The llvm-profdata to use; empty means the one that matches the compiler.
PGO_LLVM_PROFDATA ?=
# An installed pgo program (e.g. /usr/local/bin/pgo); empty: pgo.mk builds
# it from ../cmake/engine into $(PGO_DIR)/bin/pgo.
PGO_ENGINE ?=
# The C compiler for this machine that builds the pgo program (not $(CC),
# which may be a cross compiler): the first of cc, gcc, clang, clang-<N> on
# PATH.
PGO_HOST_CC ?= $(__pgo_find_host_cc)
# The compiler that decides whether PGO is possible (clang, or GCC 10 or
# later) and which profile kind the build reads.
PGO_CC ?= $(CC)
# The variables that name the compiler driver. pgo.mk appends its flags to
# them, so that every line that runs the compiler has them, compile and link
# lines alike, whatever flag variables the link rule uses (or none).
PGO_CC_VARS ?= CC CXX
# Name of the Makefile's output-directory variable (e.g. BUILD or O). When
# set, the phases build into <that dir>/pgo-instrument and pgo-optimize.
PGO_OUTDIR_VAR ?=
# Goals that build nothing: with only these on the command line pgo.mk adds
# no flags and runs no checks.
PGO_CLEAN_GOALS ?= clean distclean mostlyclean realclean maintainer-clean
# Flags that keep a stale profile silent, also under -Werror.
PGO_STALE_FLAGS ?= -Xclang -mllvm -Xclang -no-pgo-warn-mismatch -Wno-profile-instr-out-of-date -Wno-profile-instr-unprofiled
# The same for GCC: an edited function "mismatches" (an error by default),
# a new one has no profile.
PGO_GCC_STALE_FLAGS ?= -Wno-coverage-mismatch -Wno-error=coverage-mismatch -Wno-missing-profile -Wno-error=missing-profile
# Files that depend on the flag stamp. Empty: every target (GNU Make 4.3+),
# or the in-tree objects found on disk (older GNU Make).
PGO_OBJECTS ?=
# Internal: the phase a recursive make builds (instrument|optimize). Set by
# the pgo_* targets; a plain make leaves it empty.
PGO_PHASE ?=

# Earlier versions put the flags in flag variables, which link rules often
# do not use.
ifneq ($(filter-out undefined,$(origin PGO_CFLAGS_VARS) $(origin PGO_LDFLAGS_VARS)),)
$(error pgo.mk: PGO_CFLAGS_VARS and PGO_LDFLAGS_VARS are no longer read: pgo.mk adds its flags to the compiler variables (PGO_CC_VARS = $(PGO_CC_VARS)), which compile and link lines both run; remove them, or name the Makefile's compiler variables in PGO_CC_VARS)
endif

# ---------------------------------------------------------------------------
# Output: V=1 on the command line shows the commands, make -s hides labels.
# ---------------------------------------------------------------------------

# (Read without referencing undefined variables, for --warn-undefined-variables.)
__pgo_V :=
ifeq ($(origin V),command line)
__pgo_V := $(V)
endif
__pgo_cmdgoals := $(if $(filter undefined,$(origin MAKECMDGOALS)),,$(MAKECMDGOALS))
__PGO_WARNED ?=
__PGO_GOALS ?=
ifeq ($(__pgo_V),1)
__pgo_quiet :=
__pgo_Q :=
else
__pgo_quiet := quiet_
__pgo_Q := @
endif
ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
__pgo_quiet := silent_
endif
# make -n (or -q): nothing may be written; what is needed is found out in
# memory (see "Dry runs" below).
__pgo_dry := $(if $(findstring n,$(firstword -$(MAKEFLAGS)))$(findstring q,$(firstword -$(MAKEFLAGS))),1)

# Function:  __pgo_cmd
# Arguments: 1: name X of a command pair: quiet_cmd_pgo_X is its short label,
#               cmd_pgo_X the shell command (both may use $(2), $(3), ...)
# Returns:   a recipe line that runs the command and prints its label (by
#            default), the command itself (V=1: make echoes the line), or
#            nothing (make -s)
__pgo_cmd = $(__pgo_Q)set -e; $(if $(__pgo_quiet),$(if $($(__pgo_quiet)cmd_pgo_$(1)),printf '  %s\n' '$(call __pgo_escsq,$($(__pgo_quiet)cmd_pgo_$(1)))';)) $(cmd_pgo_$(1))

# Function:  __pgo_warn_once
# Arguments: 1: message (without the "pgo.mk: warning: " prefix), or nothing
#            2: a number that identifies it (computed with the state)
# Returns:   nothing; prints "pgo.mk: warning: <message>" on stderr, once per
#            make command: not again in the includer's own recursive makes
#            (__PGO_WARNED is exported). No process: $(file) appends to
#            stderr, which GNU Make has put in append mode.
__pgo_warn_once = $(if $(1),$(if $(and $(2),$(filter $(2),$(__PGO_WARNED))),,$(file >>/dev/stderr,pgo.mk: warning: $(1))$(if $(2),$(eval export __PGO_WARNED := $$(__PGO_WARNED) $(2)))))

# Function:  __pgo_note
# Arguments: 1: message, or nothing
# Returns:   nothing; prints "pgo.mk: <message>" on stdout with V=1 only
__pgo_note = $(if $(and $(1),$(filter 1,$(__pgo_V))),$(info pgo.mk: $(1)))

# Function:  __pgo_memo
# Arguments: 1: name N; the value is computed by expanding __pgo_compute_N
# Returns:   the value, computed on the first use only (expensive $(shell)
#            calls run once per make, and only when something needs them)
__pgo_memo = $(if $(filter undefined,$(origin __pgo_memo_$(1))),$(eval __pgo_memo_$(1) := $$(__pgo_compute_$(1))))$(__pgo_memo_$(1))

# Function:  __pgo_cksum
# Arguments: 1: text
# Returns:   its POSIX cksum (one process; used only when the state is made)
__pgo_cksum = $(word 1,$(shell printf '%s' '$(call __pgo_escsq,$(1))' | cksum))

# ---------------------------------------------------------------------------
# Running the pgo program
# ---------------------------------------------------------------------------

# Function:  __pgo_run
# Arguments: 1: the arguments of a pgo command, each single-quoted
# Returns:   its output lines (stdout and stderr) as words, with each space in
#            them written as $(__pgo_sp), then __pgo_rc=<exit status>
__pgo_run = $(__pgo_need_engine_src)$(shell { '$(call __pgo_escsq,$(__pgo_engine_now))' $(1) 2>&1; printf '\n__pgo_rc=%s\n' "$$?"; } | sed 's/ /$(__pgo_sp)/g')

# Function:  __pgo_kv
# Arguments: 1: key; 2: words from __pgo_run
# Returns:   the value of the line key=value
__pgo_kv = $(subst $(__pgo_sp),$(__pgo_space),$(patsubst $(1)=%,%,$(filter $(1)=%,$(2))))

# Function:  __pgo_status
# Arguments: 1: words from __pgo_run
# Returns:   the exit status of the command
__pgo_status = $(patsubst __pgo_rc=%,%,$(filter __pgo_rc=%,$(1)))

# Function:  __pgo_text
# Arguments: 1: words from __pgo_run
# Returns:   its output as text, without a leading "pgo: ", and with the
#            CMake knob's name replaced by the Make one
__pgo_text = $(subst PGO_LLVM_PROFDATA_EXECUTABLE,PGO_LLVM_PROFDATA,$(subst $(__pgo_mark),,$(subst $(__pgo_mark)pgo: ,,$(__pgo_mark)$(subst $(__pgo_sp),$(__pgo_space),$(filter-out __pgo_rc=%,$(1))))))

# Function:  __pgo_engine_failed
# Arguments: 1: words from __pgo_run of a command that failed other than
#               with a verdict (disk full, or the program did not run)
# Returns:   nothing; stops make with the program's own message
__pgo_engine_failed = $(error pgo.mk: $(if $(filter 3,$(call __pgo_status,$(1))),$(call __pgo_text,$(1)),cannot run the pgo program $(__pgo_engine_now) (exit status $(or $(call __pgo_status,$(1)),unknown)): $(call __pgo_text,$(1))))

# ---------------------------------------------------------------------------
# The compiler's family and major (one process, on first use)
# ---------------------------------------------------------------------------

# Function:  __pgo_ccinfo_of
# Arguments: 1: a compiler command
# Returns:   clang-<major> and/or gnu-<major>, from its predefined macros
__pgo_ccinfo_of = $(strip $(shell $(1) -dM -E -x c /dev/null 2>/dev/null | sed -n -e 's/^.define __clang_major__ \([0-9][0-9]*\).*/clang-\1/p' -e 's/^.define __GNUC__ \([0-9][0-9]*\).*/gnu-\1/p'))
__pgo_compute_ccinfo = $(call __pgo_ccinfo_of,$(PGO_CC))
__pgo_ccinfo = $(call __pgo_memo,ccinfo)
__pgo_is_clang = $(filter clang-%,$(__pgo_ccinfo))
# GCC (clang defines __GNUC__ too), and GCC 10 or later: -fprofile-prefix-path,
# which makes the .gcda names independent of the build folder, came with 10.
__pgo_gnu = $(if $(__pgo_is_clang),,$(filter gnu-%,$(__pgo_ccinfo)))
__pgo_is_gcc = $(filter-out gnu-1 gnu-2 gnu-3 gnu-4 gnu-5 gnu-6 gnu-7 gnu-8 gnu-9,$(__pgo_gnu))
__pgo_gcc_major = $(patsubst gnu-%,%,$(__pgo_is_gcc))
# A compiler PGO works with.
__pgo_is_pgo_cc = $(or $(__pgo_is_clang),$(__pgo_is_gcc))
__pgo_cc_desc = $(if $(__pgo_is_clang),clang $(patsubst clang-%,%,$(__pgo_is_clang)),$(if $(__pgo_gnu),GCC $(patsubst gnu-%,%,$(__pgo_gnu)),not a C compiler that runs))

# ---------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------

# The folder of the Makefile make was started with: default.profdata and a
# relative PGO=<file> are looked up there.
__pgo_makefile := $(firstword $(MAKEFILE_LIST))
__pgo_top := $(if $(findstring /,$(__pgo_makefile)),$(call __pgo_dirname,$(call __pgo_abspath,$(__pgo_makefile))),$(CURDIR))

# realpath: a symlinked pgo.mk still finds ../cmake/engine.
PGO_MK_DIR := $(call __pgo_dirname,$(or $(realpath $(__pgo_self)),$(call __pgo_abspath,$(__pgo_self))))

# Function:  __pgo_abs
# Arguments: 1: a path, absolute or relative to the Makefile's folder
# Returns:   the absolute path
__pgo_abs = $(if $(filter /%,$(firstword $(1))),$(call __pgo_abspath,$(1)),$(call __pgo_abspath,$(__pgo_top)/$(1)))

# PGO_DIR is relative to the current folder. __pgo_dir is absolute (for the
# flags and the commands), __pgo_rdir the name make uses in rules (relative
# where it can be).
__pgo_dir := $(call __pgo_abspath,$(PGO_DIR))
__pgo_rdir := $(call __pgo_rel,$(__pgo_dir))
__pgo_dir_msg := $(__pgo_rdir)
__pgo_train_profile := $(__pgo_dir)/train.profdata
__pgo_raw := $(__pgo_dir)/raw
__pgo_lock_file := $(__pgo_dir)/phase.lock
__pgo_pgo := $(strip $(PGO))
# The values of docs/contract.md, in the spellings people write (make has
# no lower-case function).
__pgo_is_off := $(filter off OFF Off no NO No false FALSE False 0,$(__pgo_pgo))
__pgo_is_auto := $(if $(filter auto AUTO Auto,$(__pgo_pgo)),1,$(if $(__pgo_pgo),,1))
ifneq ($(filter on ON On yes YES Yes true TRUE True 1,$(__pgo_pgo)),)
$(error pgo.mk: PGO=$(__pgo_pgo) is not a setting; use PGO=auto, PGO=off, or the path of a profile)
endif
# In a folder with a pgo/ subfolder each compiler has a profile of its own,
# pgo/<compiler>.profdata (clang-14, gcc-12), as in CMake, and
# default.profdata is not read there.
__pgo_percc := $(call __pgo_exists,$(__pgo_top)/pgo/.)
__pgo_cc_name = $(or $(__pgo_is_clang),$(if $(__pgo_gnu),gcc-$(patsubst gnu-%,%,$(__pgo_gnu))),unknown)
__pgo_default_profile := $(if $(__pgo_percc),$(__pgo_top)/pgo/$(__pgo_cc_name).profdata,$(__pgo_top)/default.profdata)
# The file pgo_update writes: the explicit PGO=<file>, else default.profdata.
__pgo_update_dest := $(if $(or $(__pgo_is_auto),$(__pgo_is_off)),$(__pgo_default_profile),$(call __pgo_abs,$(__pgo_pgo)))

__pgo_phase := $(strip $(PGO_PHASE))
ifneq ($(filter-out instrument optimize sample baseline,$(__pgo_phase)),)
$(error pgo.mk: PGO_PHASE=$(__pgo_phase) is not a phase; leave PGO_PHASE unset, the pgo_* targets set it)
endif
# The phases whose flags are not those of the ordinary build (the sample
# phase builds like the ordinary build).
__pgo_bphase := $(filter instrument optimize,$(__pgo_phase))

__pgo_train_kind := $(strip $(PGO_TRAIN_KIND))
ifeq ($(filter instrument sample,$(__pgo_train_kind)),)
$(error pgo.mk: PGO_TRAIN_KIND=$(__pgo_train_kind) is not a kind; use instrument (the default) or sample)
endif
__pgo_sample_seconds := $(strip $(PGO_TRAIN_SAMPLE_SECONDS))
ifneq ($(or $(if $(__pgo_sample_seconds),,-),$(subst 0,,$(subst 1,,$(subst 2,,$(subst 3,,$(subst 4,,$(subst 5,,$(subst 6,,$(subst 7,,$(subst 8,,$(subst 9,,$(__pgo_sample_seconds)))))))))))),)
$(error pgo.mk: PGO_TRAIN_SAMPLE_SECONDS=$(__pgo_sample_seconds) is not a number of seconds; use a whole number from 0 (run the training once) to 86400)
endif
__pgo_linker := $(strip $(PGO_LINKER))
ifeq ($(filter auto lld default,$(__pgo_linker)),)
$(error pgo.mk: PGO_LINKER=$(__pgo_linker) is not a setting; use auto (the default: ld.lld of the compiler's version when there is one), lld (the same) or default (never change the linker))
endif
__pgo_lto_jobs_knob := $(strip $(PGO_LTO_JOBS))
ifneq ($(__pgo_lto_jobs_knob),)
ifneq ($(words $(__pgo_lto_jobs_knob))$(filter 0 00 000,$(__pgo_lto_jobs_knob))$(call __pgo_strip_chars,$(__pgo_lto_jobs_knob),0 1 2 3 4 5 6 7 8 9),1)
$(error pgo.mk: PGO_LTO_JOBS=$(__pgo_lto_jobs_knob) is not a number of jobs; use a whole number from 1 up, or leave it empty for the -j of make)
endif
endif
__pgo_lto_cache := $(filter on ON On 1 yes YES Yes true TRUE True,$(strip $(PGO_LTO_CACHE)))
ifeq ($(__pgo_lto_cache)$(filter off OFF Off 0 no NO No false FALSE False,$(strip $(PGO_LTO_CACHE))),)
$(error pgo.mk: PGO_LTO_CACHE=$(strip $(PGO_LTO_CACHE)) is not a setting; use on (the default) or off)
endif
__pgo_sample_ready := $(filter on ON On 1 yes YES Yes true TRUE True,$(strip $(PGO_SAMPLE_READY)))
ifeq ($(__pgo_sample_ready)$(filter off OFF Off 0 no NO No false FALSE False,$(strip $(PGO_SAMPLE_READY))),)
$(error pgo.mk: PGO_SAMPLE_READY=$(strip $(PGO_SAMPLE_READY)) is not a setting; use on (the default) or off)
endif

# Function:  __pgo_outdir
# Arguments: 1: phase (instrument or optimize)
# Returns:   the output folder of that phase, below the includer's own one
__pgo_outdir = $(patsubst ./%,%,$(or $(strip $($(PGO_OUTDIR_VAR))),.)/pgo-$(1))

# One stamp per set of objects: in-tree builds share one set of objects
# between all phases; with an output directory each phase has its own.
__pgo_stamp := $(__pgo_rdir)/flags.$(if $(strip $(PGO_OUTDIR_VAR)),$(or $(__pgo_phase),plain),tree)
# The state include of this make.
__pgo_state_file := $(__pgo_rdir)/state.$(or $(__pgo_phase),plain).mk

__pgo_explicit_fix = fix or re-train it (make pgo_train pgo_update), or build without it: make PGO=off
__pgo_train_fix = re-train it: make pgo_train

# The profile this make uses (absolute), how messages name it, and what to
# do if it is bad: "auto" warns and builds without PGO, anything else is the
# fix appended to the error.
__pgo_profile := $(if $(filter optimize,$(__pgo_phase)),$(__pgo_train_profile),$(if $(__pgo_bphase),,$(if $(__pgo_is_off),,$(if $(__pgo_is_auto),$(__pgo_default_profile),$(call __pgo_abs,$(__pgo_pgo))))))
__pgo_profile_msg := $(if $(filter optimize,$(__pgo_phase)),$(__pgo_dir_msg)/train.profdata,$(if $(__pgo_is_auto),$(call __pgo_rel,$(__pgo_default_profile)),PGO=$(__pgo_pgo)$(if $(filter /%,$(firstword $(__pgo_pgo))),, ($(call __pgo_abs,$(__pgo_pgo))))))
__pgo_profile_fix := $(if $(filter optimize,$(__pgo_phase)),$(__pgo_train_fix),$(if $(__pgo_is_auto),auto,$(__pgo_explicit_fix)))
# Its name in rules: relative to the current folder where it can be; an
# explicit relative PGO=<file> as given when the Makefile's folder is the
# current one.
__pgo_profile_mk := $(if $(__pgo_profile),$(if $(and $(call __pgo_streq,$(__pgo_top),$(CURDIR)),$(if $(__pgo_is_auto),,$(if $(__pgo_bphase),,1)),$(if $(filter /%,$(firstword $(__pgo_pgo))),,1),$(if $(findstring $(__pgo_mark)$(CURDIR)/,$(__pgo_mark)$(__pgo_profile)),,1)),$(__pgo_pgo),$(call __pgo_rel,$(__pgo_profile))))
__pgo_profile_exists := $(if $(__pgo_profile_mk),$(call __pgo_exists,$(__pgo_profile_mk)))

# pgo.mk itself, as a prerequisite of the state.
__pgo_self_mk := $(call __pgo_rel,$(__pgo_self))
# The Makefile, as a prerequisite of the state (the link probe reads its
# recipes), if make can name it in a rule.
__pgo_makefile_dep := $(if $(and $(call __pgo_exists,$(__pgo_makefile)),$(if $(call __pgo_mk_bad,$(__pgo_makefile)),,1)),$(call __pgo_rel,$(__pgo_makefile)))

# ---------------------------------------------------------------------------
# The pgo program
# ---------------------------------------------------------------------------

# Its sources: next to pgo.mk as included (often a relative path, which holds
# no character of the project path), else next to the real pgo.mk.
__pgo_engine_src_a := $(call __pgo_rel,$(call __pgo_dirname,$(__pgo_self))/../cmake/engine)
__pgo_engine_src_b := $(call __pgo_rel,$(PGO_MK_DIR)/../cmake/engine)
__pgo_engine_src := $(if $(call __pgo_exists,$(__pgo_engine_src_a)/main.c),$(__pgo_engine_src_a),$(if $(call __pgo_exists,$(__pgo_engine_src_b)/main.c),$(__pgo_engine_src_b)))
__pgo_engine_src_bad := $(call __pgo_mk_bad,$(__pgo_engine_src))
__pgo_engine_bin := $(__pgo_rdir)/bin/pgo
# What commands run (absolute, or the installed one).
__pgo_engine := $(or $(strip $(PGO_ENGINE)),$(__pgo_dir)/bin/pgo)
__pgo_compute_engine_srcs = $(wildcard $(__pgo_engine_src)/*.c $(__pgo_engine_src)/*.h)
__pgo_engine_srcs = $(call __pgo_memo,engine_srcs)
__pgo_engine_srcs_sh = $(foreach s,$(filter %.c,$(__pgo_engine_srcs)),'$(call __pgo_escsq,$(s))')

# Stops make if the sources are needed but cannot be used.
__pgo_need_engine_src = $(if $(strip $(PGO_ENGINE)),,$(if $(__pgo_engine_src),$(if $(__pgo_engine_src_bad),$(error pgo.mk: the pgo program's sources $(__pgo_engine_src) hold $(__pgo_engine_src_bad), which GNU Make cannot use in a rule's file name: keep pgo in a folder without it, or set PGO_ENGINE to an installed pgo)),$(error pgo.mk: cannot find the pgo program's sources at $(__pgo_engine_src_a) (../cmake/engine next to pgo.mk); keep pgo.mk in the make/ folder of the pgo repository, or set PGO_ENGINE to an installed pgo)))

# The first of cc, gcc, clang, clang-<N> on PATH (no process: $(wildcard)).
__pgo_path_dirs = $(subst :, ,$(subst $(__pgo_space),?,$(PATH)))
__pgo_find_host_cc = $(firstword $(foreach c,cc gcc clang,$(if $(wildcard $(addsuffix /$(c),$(__pgo_path_dirs))),$(c))) $(firstword $(sort $(notdir $(wildcard $(addsuffix /clang-[0-9]*,$(__pgo_path_dirs)))))))
__pgo_need_host_cc = $(if $(strip $(PGO_HOST_CC)),,$(error pgo.mk: no C compiler for this machine on PATH (cc, gcc, clang or clang-<N>) to build the pgo program from $(__pgo_engine_src); set PGO_HOST_CC to one, or PGO_ENGINE to an installed pgo))

# The prerequisite of what runs the program: the built one (none for an
# installed PGO_ENGINE, and none under make -n, which builds nothing).
__pgo_engine_dep := $(if $(__pgo_dry)$(strip $(PGO_ENGINE)),,$(if $(__pgo_engine_src),$(if $(__pgo_engine_src_bad),,$(__pgo_engine_bin))))

# The program to run now: under make -n, if it was not built yet, one built
# into a private temporary folder (removed again; see "Dry runs").
__pgo_engine_now = $(if $(__pgo_dry),$(call __pgo_memo,dry_engine),$(__pgo_engine))

quiet_cmd_pgo_engine =
# One compiler per CPU (at most 8), each on every n-th source, as the CMake
# package does: a serial build took 3.7 s of a first make here.
cmd_pgo_engine = $(__pgo_need_host_cc)d='$(call __pgo_escsq,$(__pgo_rdir))/bin'; mkdir -p "$$d"; \
  $(call __pgo_sweep,$(call __pgo_tmpglob,$(__pgo_rdir)/bin)); t="$$d/.pgo-tmp.$$$$.pgo"; o="$$d/.pgo-tmp.$$$$"; \
  n=$$(getconf _NPROCESSORS_ONLN 2>/dev/null) || n=1; case $$n in ''|*[!0-9]*|0) n=1 ;; esac; [ "$$n" -le 8 ] || n=8; \
  pids=; j=0; while [ "$$j" -lt "$$n" ]; do \
    (i=0; for s in $(__pgo_engine_srcs_sh); do \
      if [ $$((i % n)) -eq "$$j" ]; then $(PGO_HOST_CC) -std=c11 -O2 -c "$$s" -o "$$o.$$i.o" || exit 1; fi; i=$$((i + 1)); \
    done) & pids="$$pids $$!"; j=$$((j + 1)); done; \
  built=1; for p in $$pids; do wait "$$p" || built=; done; \
  if [ -n "$$built" ] && $(PGO_HOST_CC) -o "$$t" "$$o".*.o; then rm -f "$$o".*.o; mv -f "$$t" "$$d/pgo"; else rm -f "$$t" "$$o".*.o; \
    printf '%s\n' 'pgo.mk: building the pgo program with PGO_HOST_CC=$(call __pgo_escsq,$(PGO_HOST_CC)) failed (see above); set PGO_HOST_CC to a C11 compiler for this machine, or PGO_ENGINE to an installed pgo' >&2; exit 1; fi

# Function:  __pgo_tmpglob
# Arguments: 1: a folder
# Returns:   a shell word matching the temporary files in it
__pgo_tmpglob = '$(call __pgo_escsq,$(1))'/.pgo-tmp.*

# Function:  __pgo_sweep
# Arguments: 1: shell words from __pgo_tmpglob
# Returns:   a shell command removing those temporary files (named
#            .pgo-tmp.<pid>.*, as the pgo program names its own) whose
#            process is gone: what a kill -9 left behind
__pgo_sweep = for f in $(1); do [ -e "$$f" ] || continue; p=$${f$(__pgo_hash)$(__pgo_hash)*/.pgo-tmp.}; p=$${p%%.*}; \
  case $$p in ''|*[!0-9]*) continue ;; esac; kill -0 "$$p" 2>/dev/null || rm -f "$$f"; done

# ---------------------------------------------------------------------------
# Compiler and llvm-profdata
# ---------------------------------------------------------------------------

__pgo_launchers := ccache sccache distcc icecc env

# Function:  __pgo_cc_exe_of
# Arguments: 1: the words of a compiler command such as "ccache clang -m64"
# Returns:   the compiler executable: the first word that is not a launcher
#            (ccache, distcc, ...) or a VAR=value environment setting
__pgo_cc_exe_of = $(if $(1),$(if $(or $(filter $(__pgo_launchers),$(notdir $(firstword $(1)))),$(findstring =,$(firstword $(1)))),$(call __pgo_cc_exe_of,$(wordlist 2,$(words $(1)),$(1))),$(firstword $(1))))
__pgo_cc_exe = $(call __pgo_cc_exe_of,$(PGO_CC))

# Function:  __pgo_need_cc
# Arguments: 1: the pgo_* target that needs a compiler PGO works with
# Returns:   nothing; stops make if PGO_CC is neither clang nor GCC 10+
__pgo_need_cc = $(if $(__pgo_is_pgo_cc),,$(error pgo.mk: PGO needs clang or GCC 10 or later$(if $(__pgo_gnu), (-fprofile-prefix-path)); CC=$(strip $(PGO_CC)) is $(__pgo_cc_desc): $(__pgo_use_clang_advice) $(__pgo_goal_text)))

# Function:  __pgo_need_clang
# Arguments: 1: the pgo_* target; 2: what needs clang
# Returns:   nothing; stops make if PGO_CC is not clang
__pgo_need_clang = $(if $(__pgo_is_clang),,$(error pgo.mk: $(2) needs clang; CC=$(strip $(PGO_CC)) is $(__pgo_cc_desc): $(__pgo_use_clang_advice) $(__pgo_goal_text)))
__pgo_use_clang_advice = $(if $(__pgo_installed_clang),build with clang$(__pgo_comma) e.g. make CC=$(__pgo_installed_clang),install clang (e.g. apt-get install clang-14 libclang-rt-14-dev llvm-14) and build with it$(__pgo_comma) e.g. make CC=clang-14)
__pgo_goal_text = $(if $(__pgo_phase),$(1),$(or $(__pgo_cmdgoals),$(1)))

# A clang that is installed, for the advice above: clang, else the newest
# clang-<major> on PATH (Debian and Ubuntu install only clang-<major>).
__pgo_installed_clang = $(or $(notdir $(firstword $(wildcard $(addsuffix /clang,$(__pgo_path_dirs))))),$(lastword $(sort $(filter clang-1% clang-2%,$(notdir $(wildcard $(addsuffix /clang-[0-9][0-9],$(__pgo_path_dirs))))))))

__pgo_compute_profdata = $(call __pgo_run,find-profdata --compiler '$(call __pgo_escsq,$(__pgo_cc_exe))'$(if $(strip $(PGO_LLVM_PROFDATA)), --profdata '$(call __pgo_escsq,$(strip $(PGO_LLVM_PROFDATA)))'))
__pgo_f_profdata = $(call __pgo_memo,profdata)$(if $(filter 0 2,$(call __pgo_status,$(call __pgo_memo,profdata))),,$(call __pgo_engine_failed,$(call __pgo_memo,profdata)))
__pgo_profdata_ok = $(filter 0,$(call __pgo_status,$(__pgo_f_profdata)))
__pgo_profdata = $(if $(__pgo_is_gcc),,$(if $(__pgo_profdata_ok),$(call __pgo_kv,profdata,$(__pgo_f_profdata))))
__pgo_profdata_reason = $(call __pgo_text,$(__pgo_f_profdata))
# (GCC needs no tool: libgcov writes the profile, the pgo program packs it.)
__pgo_need_profdata = $(if $(__pgo_is_gcc),,$(if $(__pgo_profdata_ok),,$(error pgo.mk: $(__pgo_profdata_reason))))
__pgo_tool_ok = $(or $(__pgo_is_gcc),$(__pgo_profdata_ok))

# ---------------------------------------------------------------------------
# The state: what this make builds with, computed only when it is remade
# ---------------------------------------------------------------------------

# Each __pgo_c_<name> computes the value the state file keeps as
# __pgo_st_<name>; they run only when the state is made (the rule below, or
# in memory under make -n) and may stop make with an error.

# Function:  __pgo_key
# Returns:   the knobs and facts the state was made for; a state made for
#            another key is made again
__pgo_key = 3|$(__pgo_phase)|$(__pgo_pgo)|$(PGO_CC)|$(foreach v,$(PGO_CC_VARS),$(v)=$($(v)))|$(PGO_LTO)|$(PGO_LLVM_PROFDATA)|$(PGO_STALE_FLAGS)|$(__pgo_dir)|$(__pgo_profile)|$(__pgo_profile_exists)$(if $(__pgo_profile_dep),,-)|$(PGO_ENGINE)|$(__pgo_probe_goals)|$(__pgo_sample_ready)|$(CURDIR)|$(__pgo_linker)|$(PGO_CONTINUOUS)|$(PGO_GCC_STALE_FLAGS)|$(if $(PGO_OUTDIR_VAR),$($(PGO_OUTDIR_VAR)))
__pgo_c_key = $(__pgo_key)

# Whether making the state runs the pgo program (clang or GCC, and a
# profile).
__pgo_c_needs_engine = $(if $(filter optimize,$(__pgo_phase)),$(call __pgo_need_cc,pgo_optimize)1,$(if $(__pgo_bphase),,$(if $(__pgo_is_off),,$(if $(__pgo_profile_exists),$(if $(__pgo_is_pgo_cc),1)))))
__pgo_c_engine_needed = $(__pgo_c_needs_engine)

# The check of the profile: a checked, re-merged copy in $(PGO_DIR)/use,
# named after its content (the program removes older copies of the same
# profile path). Under make -n it is made in a temporary folder, and only
# its name is used.
__pgo_check_cache = $(if $(__pgo_dry),$(call __pgo_memo,dry_tmp)/use,$(__pgo_dir)/use)
# With GCC the profile is an archive of .gcda files (pgo merge --kind gcc),
# checked and unpacked into a folder <hash>-gcc<major> there.
__pgo_compute_check = $(call __pgo_run,check $(if $(__pgo_is_gcc),--kind gcc --gcc-major $(__pgo_gcc_major),--profdata '$(call __pgo_escsq,$(__pgo_profdata))') --cache '$(call __pgo_escsq,$(__pgo_check_cache))' '$(call __pgo_escsq,$(__pgo_profile))')
__pgo_f_check = $(call __pgo_memo,check)
__pgo_check_rc = $(call __pgo_status,$(__pgo_f_check))
__pgo_check_val = $(call __pgo_kv,$(1),$(__pgo_f_check))

# Function:  __pgo_c_bad
# Arguments: 1: the reason; 2: non-empty if it is about llvm-profdata
# Returns:   off if a bad profile is a warning here (PGO=auto), else stops
#            make with an error
__pgo_c_bad = $(if $(filter auto,$(__pgo_profile_fix)),off,$(error pgo.mk: $(__pgo_profile_msg) $(if $(2),needs llvm-profdata: $(1),$(1); $(__pgo_profile_fix))))

# use if the profile passes the check, else what __pgo_c_bad says.
__pgo_c_use = $(if $(__pgo_tool_ok),$(call __pgo_c_checked,$(__pgo_check_rc)),$(call __pgo_c_bad,$(__pgo_profdata_reason),tool))
__pgo_c_checked = $(if $(filter 0,$(1)),use,$(if $(filter 1,$(1)),$(call __pgo_c_bad,$(call __pgo_check_val,reason)),$(if $(filter 2,$(1)),$(call __pgo_c_bad,$(call __pgo_text,$(__pgo_f_check)),tool),$(call __pgo_engine_failed,$(__pgo_f_check)))))

# An explicit profile with a compiler PGO does not work with: it must still
# exist and be readable (a missing PGO=<file> is an error with every
# compiler).
__pgo_c_nonclang = $(if $(shell [ -r '$(call __pgo_escsq,$(__pgo_profile))' ] && [ ! -d '$(call __pgo_escsq,$(__pgo_profile))' ] && echo 1),off,$(error pgo.mk: $(__pgo_profile_msg) does not exist; $(__pgo_explicit_fix)))

# The profile mode of this make: off, gen (instrumented) or use.
__pgo_compute_c_pmode = $(strip \
  $(if $(filter instrument,$(__pgo_phase)),$(call __pgo_need_cc,pgo_instrument)gen,\
  $(if $(filter optimize,$(__pgo_phase)),$(call __pgo_need_cc,pgo_optimize)$(__pgo_c_use),\
  $(if $(__pgo_is_off),off,\
  $(if $(__pgo_is_auto),$(if $(and $(__pgo_profile_exists),$(__pgo_is_pgo_cc)),$(__pgo_c_use),off),\
  $(if $(__pgo_profile_exists),,$(error pgo.mk: $(__pgo_profile_msg) does not exist; $(__pgo_explicit_fix)))$(if $(__pgo_is_pgo_cc),$(__pgo_c_use),$(__pgo_c_nonclang)))))))
__pgo_c_pmode = $(call __pgo_memo,c_pmode)

__pgo_c_copy = $(if $(filter use,$(__pgo_c_pmode)),$(__pgo_dir)/use/$(lastword $(subst /, ,$(call __pgo_check_val,path))))

__pgo_lto_wanted = $(filter on ON On 1 yes YES true TRUE,$(strip $(PGO_LTO)))
__pgo_compute_lto_links = $(shell d=$$(mktemp -d 2>/dev/null) || exit 0; printf 'int main(void) { return 0; }\n' >"$$d/t.c"; $(PGO_CC) -flto=thin $(__pgo_c_lld_flag) "$$d/t.c" -o "$$d/t" >/dev/null 2>&1 && echo ok; rm -rf "$$d")
# (clang's ThinLTO; GCC's LTO below.)
__pgo_compute_c_lto = $(if $(and $(__pgo_lto_wanted),$(__pgo_is_clang),$(filter gen use,$(__pgo_c_pmode))),$(if $(call __pgo_memo,lto_links),-flto=thin))
__pgo_c_lto = $(call __pgo_memo,c_lto)
# GCC's LTO (-flto=auto: make's jobserver, else every core), where an archive
# of LTO objects made by ar links: binutils' ar reads them through GCC's
# plugin in /usr/lib/bfd-plugins (as on Debian), else only gcc-ar can.
__pgo_compute_gcc_lto_links = $(shell d=$$(mktemp -d 2>/dev/null) || exit 0; printf 'int f(void) { return 0; }\n' >"$$d/f.c"; printf 'int f(void);\nint main(void) { return f(); }\n' >"$$d/m.c"; \
  $(PGO_CC) -O2 -flto=auto -c "$$d/f.c" -o "$$d/f.o" >/dev/null 2>&1 && ar rc "$$d/libf.a" "$$d/f.o" >/dev/null 2>&1 && $(PGO_CC) -O2 -flto=auto "$$d/m.c" "$$d/libf.a" -o "$$d/t" >/dev/null 2>&1 && echo ok; rm -rf "$$d")
__pgo_compute_c_gcc_lto = $(if $(and $(__pgo_lto_wanted),$(__pgo_is_gcc),$(filter gen use,$(__pgo_c_pmode))),$(if $(call __pgo_memo,gcc_lto_links),-flto=auto))
__pgo_c_gcc_lto = $(call __pgo_memo,c_gcc_lto)

# The flags (no $(strip): a quoted path keeps its spaces). One set for
# compile and link lines, which both run the compiler variables.
__pgo_c_gen_flag = -fprofile-generate=$(call __pgo_shq,$(__pgo_raw))$(__pgo_c_continuous)
# PGO_CONTINUOUS=on: counters mapped to the profile file (they survive
# SIGKILL; %c in LLVM_PROFILE_FILE): -fprofile-continuous from clang 21,
# counter relocation from 15; clang 14's relocation crashes its optimizer.
__pgo_continuous_on = $(filter on ON On 1 yes YES true TRUE,$(strip $(PGO_CONTINUOUS)))
__pgo_c_continuous = $(if $(__pgo_continuous_on),$(if $(filter 1 2 3 4 5 6 7 8 9 10 11 12 13 14,$(__pgo_c_major)),,$(if $(filter 15 16 17 18 19 20,$(__pgo_c_major)), -mllvm -runtime-counter-relocation, -fprofile-continuous)))
__pgo_c_profile_flags = $(if $(__pgo_is_gcc),$(__pgo_c_gcc_flags),$(__pgo_c_clang_flags))
__pgo_c_clang_flags = $(if $(filter gen,$(__pgo_c_pmode)),$(__pgo_c_gen_flag)$(if $(__pgo_c_lto), $(__pgo_c_lto)),$(if $(filter use,$(__pgo_c_pmode)),$(if $(filter sample,$(call __pgo_check_val,kind)),$(__pgo_c_sample_flags),-fprofile-use=$(call __pgo_shq,$(__pgo_c_copy))$(if $(strip $(PGO_STALE_FLAGS)), $(strip $(PGO_STALE_FLAGS))))$(if $(__pgo_c_lto), $(__pgo_c_lto))))
# A sample profile (of an ordinary binary, pgo collect): clang finds the
# lines itself; unique static names match profiles with and without them;
# -no-discriminators keeps the sample loader from adding discriminators the
# sampled binary did not have (it then missed the samples of lines with
# several blocks); the flag on the link line gives ThinLTO's backends the
# profile, and -Xclang keeps it quiet there. profi (which infers the counts
# samples missed) exists from clang 15 on.
__pgo_c_sample_flags = -fprofile-sample-use=$(call __pgo_shq,$(__pgo_c_copy)) -funique-internal-linkage-names -Xclang -mllvm -Xclang -no-discriminators$(if $(filter clang-10 clang-11 clang-12 clang-13 clang-14,$(__pgo_is_clang)),, -fsample-profile-use-profi)
# GCC: the .gcda names are the objects' paths relative to the Makefile's
# folder (-fprofile-prefix-path), or with an output folder relative to it
# (see __pgo_dumpbase), so that the instrumented phase's profile fits the
# ordinary build and every checkout. prefer-atomic: the
# trainings may be threaded, and libgcov merges concurrent runs into the
# same files. -fprofile-correction turns "Missing counts for called
# function", which no -Wno- silences, into a note, and evens out the
# counters of threaded runs. GCC's static functions are found by a hash of
# the source path as the compile line spells it: relative paths (as most
# Makefiles write them) keep their profile in another checkout.
__pgo_c_gcc_root = $(call __pgo_shq,$(CURDIR)/)
__pgo_c_gcc_flags = $(if $(filter gen,$(__pgo_c_pmode)),-fprofile-generate=$(call __pgo_shq,$(__pgo_raw)) -fprofile-update=prefer-atomic -fprofile-prefix-path=$(__pgo_c_gcc_root)$(if $(__pgo_c_gcc_lto), $(__pgo_c_gcc_lto)),$(if $(filter use,$(__pgo_c_pmode)),-fprofile-use=$(call __pgo_shq,$(__pgo_c_copy)) -fprofile-correction -fprofile-prefix-path=$(__pgo_c_gcc_root)$(if $(strip $(PGO_GCC_STALE_FLAGS)), $(strip $(PGO_GCC_STALE_FLAGS)))$(if $(__pgo_c_gcc_lto), $(__pgo_c_gcc_lto))))
__pgo_c_flags = $(call __pgo_join,$(if $(__pgo_c_unreached),,$(__pgo_c_profile_flags)),$(if $(__pgo_c_ready_on),$(__pgo_c_ready_flags)))

# Ready to be sampled (PGO_SAMPLE_READY): the ordinary build (no profile, or
# one in use) gets what a sample profile of it needs to match it later, and
# the code stays the same (-g and names change no instruction). Line tables
# alone (-gline-tables-only) are not enough for llvm-profgen, and
# -fdebug-info-for-profiling changes the code, as the CMake package found.
# Unique static names (<name>.__uniq.<hash of the source path>) match the
# profile to the right static function; not with an instrumentation
# profile, whose static functions are named without them (a sample
# profile's flags have them already). The macro prefix map makes the source
# path in that hash (and __FILE__) relative to the Makefile's folder, so
# that two checkouts agree. -g is added on the line unless the compiler
# variable, CFLAGS, CXXFLAGS or CPPFLAGS have a -g of their own.
__pgo_c_ready_on = $(and $(__pgo_sample_ready),$(__pgo_is_clang),$(filter off use,$(__pgo_c_mode)))
__pgo_c_ready_flags = $(if $(filter use,$(__pgo_c_mode)),,-funique-internal-linkage-names )-fmacro-prefix-map=$(call __pgo_shq,$(CURDIR)/)=
__pgo_c_ready_g = $(if $(__pgo_c_ready_on),1)
__pgo_c_family = $(if $(__pgo_is_gcc),gcc,$(if $(__pgo_is_clang),clang))
# The mode the objects are built in: the profile mode, or off where the
# link cannot get the flags.
__pgo_c_mode = $(__pgo_c_reach_check)$(if $(__pgo_c_unreached),off,$(__pgo_c_pmode))

# The compiler variables that get the flags: those that name this compiler
# (the same family and major; CXX is often g++ in a clang C project), and
# that do not name another of them (CXX = $(CC) -x c++ would get the flags
# twice).
__pgo_c_ccvars = $(strip $(foreach v,$(PGO_CC_VARS),$(if $(and $(strip $($(v))),$(call __pgo_c_is_this_cc,$(v)),$(if $(foreach o,$(filter-out $(v),$(PGO_CC_VARS)),$(findstring $$($(o)),$(value $(v)))$(findstring $${$(o)},$(value $(v)))),,1)),$(v))))
__pgo_c_is_this_cc = $(if $(call __pgo_streq,$(strip $($(1))),$(strip $(PGO_CC))),1,$(call __pgo_streq,$(__pgo_ccinfo),$(call __pgo_ccinfo_of,$($(1)))))

# ---------------------------------------------------------------------------
# The link probe: does every link of these objects run a compiler variable?
# ---------------------------------------------------------------------------

# ThinLTO objects are LLVM bitcode, which only a link with -flto=thin can
# read, and an instrumented binary writes a profile only if its link had
# -fprofile-generate. Both reach a link line through the compiler variable,
# if the link runs it. What the link runs is only known from the recipes as
# make expands them, so when the state is made (and the flags need the link)
# pgo.mk runs the Makefile's goals once under make -n -B, with the marker
# below added to the compiler variables, and reads the commands: a command
# that reads an object compiled with the marker (directly, or through a
# static library made of such objects) and writes an output with -o, but
# lacks the marker, is a link the flags cannot reach.
__pgo_probe_mark := -D__pgo_link_probe__
__pgo_probe_goals = $(if $(__pgo_phase),$(__PGO_GOALS),$(or $(strip $(PGO_GOALS)),$(.DEFAULT_GOAL)))
__pgo_c_probe_wanted = $(and $(__pgo_c_ccvars),$(strip $(__pgo_probe_goals)),$(or $(filter gen,$(__pgo_c_pmode)),$(and $(filter use,$(__pgo_c_pmode)),$(or $(__pgo_c_lto),$(__pgo_c_gcc_lto)))))
# The probe make gets the command line's variables (CC=clang-14), not its
# options (the jobserver of this make is not its own).
__pgo_compute_c_probe = $(if $(__pgo_c_probe_wanted),$(shell MAKEFLAGS='-- $(call __pgo_escsq,$(call __pgo_val,MAKEOVERRIDES))'; export MAKEFLAGS; \
  $(MAKE) -n -B -k --no-print-directory -f '$(call __pgo_escsq,$(__pgo_makefile))' __PGO_PROBE='$(__pgo_c_ccvars)' \
    $(foreach g,$(__pgo_probe_goals),'$(call __pgo_escsq,$(g))') </dev/null 2>/dev/null | awk -v M='$(__pgo_probe_mark)' '$(__pgo_probe_awk)'))
__pgo_c_probe = $(call __pgo_memo,c_probe)

# Reads make -n output; prints "ld=<L> out=<O> <command>": O and the
# command are the first command that reads an object compiled with the
# marker M (or a library of them) and has -o but not M; L is the first
# linker choice (-fuse-ld=, --ld-path=) on a line with M; - for none.
define __pgo_probe_awk
function base(p) { gsub("[\"\047]", "", p); sub(/.*\//, "", p); return p; }
function check(c,    w, n, j, s, out, mark, comp, srcs, reads, lib) {
  n = split(c, w, /[ \t]+/); out = ""; mark = 0; comp = 0; srcs = ""; reads = 0; lib = "";
  for (j = 1; j <= n; j++) {
    if (w[j] == M) mark = 1;
    else if (w[j] ~ /^-(c|S|E|M|MM)$$/) comp = 1;
    else if (w[j] == "-o" && j < n) out = w[++j];
    else if (w[j] ~ /^-o./) out = substr(w[j], 3);
    else if (w[j] ~ /\.(c|cc|cpp|cxx|C|m|mm|s|S)$$/) srcs = srcs " " w[j];
    else if (w[j] ~ /\.a$$/ && lib == "") lib = w[j];
    if (base(w[j]) in ours || (w[j] ~ /^-l./ && ("lib" substr(w[j], 3) ".a") in ours)) reads = 1;
  }
  if (comp) {
    if (!mark) return;
    if (out != "") { ours[base(out)] = 1; return; }
    n = split(srcs, w, " ");
    for (j = 1; j <= n; j++) { s = base(w[j]); sub(/\.[^.]*$$/, ".o", s); ours[s] = 1; }
  } else if (reads && out == "" && lib != "") {
    ours[base(lib)] = 1;
  } else if (reads && out != "" && !mark) {
    gsub(/[ \t]+/, " ", c); sub(/^ /, "", c);
    bad = out; badcmd = substr(c, 1, 160); exit;
  }
  if (mark && ld == "") for (j = 1; j <= n; j++) if (w[j] ~ /^(-fuse-ld=|--ld-path=)/) ld = w[j];
}
END { print "ld=" (ld == "" ? "-" : ld) " out=" (bad == "" ? "-" : bad) " " badcmd; }
{
  line = $$0;
  while (line ~ /\\$$/ && (getline more) > 0) { sub(/\\$$/, "", line); line = line " " more; }
  n = split(line, cmds, /;|&&|\|\|/);
  for (i = 1; i <= n; i++) check(cmds[i]);
}
endef

# What the probe found, and what to do about it.
__pgo_c_unreached = $(patsubst out=%,%,$(filter-out out=-,$(word 2,$(__pgo_c_probe))))
__pgo_c_unreached_out = $(__pgo_c_unreached)
__pgo_c_unreached_cmd = $(wordlist 3,$(words $(__pgo_c_probe)),$(__pgo_c_probe))
__pgo_c_probe_ld = $(patsubst ld=%,%,$(filter-out ld=-,$(firstword $(__pgo_c_probe))))

# ---------------------------------------------------------------------------
# The linker of ThinLTO links, and their jobs and cache
# ---------------------------------------------------------------------------

# The linker the project chose: -fuse-ld= or --ld-path= in its compiler or
# flag variables, or on a link line the probe saw.
__pgo_ld_flag_vars := CFLAGS CXXFLAGS CPPFLAGS LDFLAGS LDLIBS LIBS MYLDFLAGS
__pgo_c_user_ld_vars = $(firstword $(filter -fuse-ld=% --ld-path=%,$(foreach v,$(PGO_CC_VARS) $(__pgo_ld_flag_vars),$(call __pgo_val,$(v)))))
__pgo_c_user_ld = $(or $(__pgo_c_user_ld_vars),$(__pgo_c_probe_ld))
# PGO_LINKER=auto: an ld.lld of the compiler's major version (clang 12 and
# later take --ld-path=). Named by a path whose file name is ld.lld, so that
# clang knows it is lld: the compiler's own folder (Debian's
# /usr/lib/llvm-<N>/bin), then the folder ld.lld-<N> leads to, then ld.lld
# on PATH; each must say it is LLD <N>.
__pgo_c_major = $(patsubst clang-%,%,$(__pgo_is_clang))
__pgo_c_lld_wanted = $(and $(filter auto lld,$(__pgo_linker)),$(if $(__pgo_c_user_ld_vars),,1),$(filter-out 1 2 3 4 5 6 7 8 9 10 11,$(__pgo_c_major)))
__pgo_compute_c_lld = $(if $(__pgo_c_lld_wanted),$(shell n='$(__pgo_c_major)'; \
  c=$$(command -v '$(call __pgo_escsq,$(__pgo_cc_exe))' 2>/dev/null) && c=$$(readlink -f "$$c") && set -- "$${c%/*}/ld.lld" || set --; \
  l=$$(command -v "ld.lld-$$n" 2>/dev/null) && l=$$(readlink -f "$$l") && set -- "$$@" "$${l%/*}/ld.lld"; \
  l=$$(command -v ld.lld 2>/dev/null) && set -- "$$@" "$$l"; \
  for p in "$$@"; do [ -x "$$p" ] && "$$p" --version 2>/dev/null | grep -q "LLD $$n\." && { printf '%s\n' "$$p"; break; }; done))
__pgo_c_lld = $(call __pgo_memo,c_lld)
__pgo_c_lld_flag = $(if $(__pgo_c_lld),--ld-path=$(call __pgo_shq,$(__pgo_c_lld)))
# The linker's kind, for the form of the jobs and cache options: lld
# (--thinlto-*), or a linker that runs LLVMgold.so (-plugin-opt: GNU ld,
# gold, mold); the default linker's from what clang would run.
__pgo_c_ld_kind_of = $(if $(findstring lld,$(1)),lld,$(if $(or $(findstring bfd,$(1)),$(findstring gold,$(1)),$(findstring mold,$(1)),$(filter %/ld,$(1))),plugin))
__pgo_compute_c_default_ld = $(shell $(PGO_CC) -### -flto=thin -x c /dev/null -o /dev/null 2>&1 | tail -n 1 | sed -n -e 's/.*"-plugin".*/plugin/p' -e 's/^ *"[^"]*ld\.lld".*/lld/p' | head -n 1)
# Only on ThinLTO links: the linker flag and the linker's kind.
__pgo_c_lto_link = $(and $(__pgo_c_lto),$(if $(__pgo_c_unreached),,1))
__pgo_c_ld = $(if $(and $(__pgo_c_lto_link),$(if $(__pgo_c_user_ld),,1)),$(__pgo_c_lld_flag))
__pgo_c_ld_kind = $(if $(__pgo_c_lto_link),$(if $(__pgo_c_user_ld),$(call __pgo_c_ld_kind_of,$(__pgo_c_user_ld)),$(if $(__pgo_c_lld),lld,$(call __pgo_memo,c_default_ld))))
__pgo_c_unreached_why = $(__pgo_c_unreached_out) is linked by a command that does not run the compiler variables ($(__pgo_c_ccvars)), so pgo.mk cannot give it $(if $(filter gen,$(__pgo_c_pmode)),-fprofile-generate,$(or $(__pgo_c_lto),$(__pgo_c_gcc_lto))) (make -n: $(__pgo_c_unreached_cmd))
__pgo_c_reach_check = $(if $(and $(__pgo_c_unreached),$(__pgo_bphase)),$(error pgo.mk: $(__pgo_c_unreached_why); $(__pgo_c_reach_fix)$(if $(filter use,$(__pgo_c_pmode)), (or set PGO_LTO=off))))
# Mixed compilers (CC=gcc, CXX=clang++): the link runs a compiler variable
# whose compiler is not PGO_CC's, so it gets no flags. One family and major
# for all is the rule (as in CMake): the other's link lacks the runtime.
__pgo_c_other_var = $(firstword $(foreach v,$(filter-out $(__pgo_c_ccvars),$(PGO_CC_VARS)),$(if $(and $(strip $($(v))),$(filter $(firstword $($(v))),$(firstword $(__pgo_c_unreached_cmd)))),$(v))))
__pgo_c_reach_fix = $(if $(__pgo_c_other_var),$(__pgo_c_other_var)=$(strip $($(__pgo_c_other_var))) is not the compiler of CC ($(__pgo_cc_desc)): build C and C++ with one compiler family and version$(__pgo_comma) e.g. make $(__pgo_c_other_var)=$(if $(__pgo_is_gcc),g++,clang++)$(if $(__pgo_is_gcc),$(if $(findstring -$(__pgo_gcc_major),$(PGO_CC)),-$(__pgo_gcc_major)),-$(__pgo_c_major)),make it link with $$(CC)$(__pgo_comma) or name the variable it runs in PGO_CC_VARS)

# Warnings (printed by every make while they hold) and the V=1 note.
__pgo_c_plain_auto = $(and $(__pgo_is_auto),$(if $(__pgo_bphase),,1))
__pgo_c_problem = $(if $(__pgo_tool_ok),$(if $(filter 2,$(__pgo_check_rc)),$(call __pgo_text,$(__pgo_f_check)),$(call __pgo_check_val,reason)),$(__pgo_profdata_reason))
__pgo_c_problem_tool = $(if $(__pgo_tool_ok),$(filter 2,$(__pgo_check_rc)),1)
__pgo_c_w_bad = $(if $(and $(__pgo_c_plain_auto),$(__pgo_profile_exists),$(__pgo_is_pgo_cc),$(filter off,$(__pgo_c_pmode))),ignoring $(__pgo_profile_msg): $(__pgo_c_problem); building without PGO$(if $(__pgo_c_problem_tool),, (re-train: make pgo_train pgo_update)))
__pgo_c_w_clang = $(if $(and $(if $(__pgo_bphase)$(__pgo_is_off)$(__pgo_is_auto),,1),$(filter off,$(__pgo_c_pmode))),PGO=$(__pgo_pgo) needs clang or GCC 10 or later; CC=$(strip $(PGO_CC)) is $(__pgo_cc_desc): building without PGO)
__pgo_c_w_old = $(if $(filter use,$(__pgo_c_pmode)),$(if $(call __pgo_older,$(call __pgo_check_val,version),$(call __pgo_check_val,tool_version)),$(__pgo_profile_msg) was written by an older LLVM (profile format version $(call __pgo_check_val,version), llvm-profdata writes $(call __pgo_check_val,tool_version)); it is used but parts of it may no longer apply: re-train it with this compiler: make pgo_train pgo_update))
__pgo_c_w_lto = $(if $(and $(__pgo_lto_wanted),$(filter gen use,$(__pgo_c_pmode))),$(if $(__pgo_is_clang),$(if $(__pgo_c_lto),,CC=$(strip $(PGO_CC)) cannot link with -flto=thin (needs LLVMgold.so or lld); building without ThinLTO (PGO_LTO=off silences this)),$(if $(__pgo_is_gcc),$(if $(__pgo_c_gcc_lto),,CC=$(strip $(PGO_CC)) cannot link an ar archive of -flto=auto objects (binutils' ar needs GCC's LTO plugin in /usr/lib/bfd-plugins); building without LTO (PGO_LTO=off silences this)))))
__pgo_c_w_reach = $(if $(and $(__pgo_c_unreached),$(if $(__pgo_bphase),,1)),$(__pgo_c_unreached_why); building without PGO: $(__pgo_c_reach_fix) (PGO_LTO=off uses the profile without $(if $(__pgo_is_gcc),LTO,ThinLTO)))
__pgo_c_k_bad = $(if $(__pgo_c_w_bad),$(call __pgo_cksum,$(__pgo_c_w_bad)))
__pgo_c_k_clang = $(if $(__pgo_c_w_clang),$(call __pgo_cksum,$(__pgo_c_w_clang)))
__pgo_c_k_old = $(if $(__pgo_c_w_old),$(call __pgo_cksum,$(__pgo_c_w_old)))
__pgo_c_k_lto = $(if $(__pgo_c_w_lto),$(call __pgo_cksum,$(__pgo_c_w_lto)))
__pgo_c_k_reach = $(if $(__pgo_c_w_reach),$(call __pgo_cksum,$(__pgo_c_w_reach)))
__pgo_c_note = $(if $(filter use,$(__pgo_c_mode)),$(__pgo_profile_msg): using $(if $(__pgo_is_gcc),$(call __pgo_check_val,files) .gcda files unpacked into,$(call __pgo_check_val,functions) functions from the checked copy) $(__pgo_c_copy),$(if $(and $(__pgo_c_plain_auto),$(filter off,$(__pgo_c_pmode)),$(if $(__pgo_is_pgo_cc),,1)),PGO=auto: CC=$(strip $(PGO_CC)) is $(__pgo_cc_desc)$(__pgo_comma) neither clang nor GCC 10 or later; building without PGO,$(if $(__pgo_bphase),,$(call __pgo_plain_note))))

# Function:  __pgo_older
# Arguments: 1: a number below 100
#            2: a number below 100
# Returns:   non-empty if 1 < 2
__pgo_older = $(if $(and $(1),$(2),$(filter-out $(2),$(1))),$(filter $(call __pgo_pad,$(2)),$(lastword $(sort $(call __pgo_pad,$(1)) $(call __pgo_pad,$(2))))))

# Function:  __pgo_pad
# Arguments: 1: a number below 100
# Returns:   the number as two digits, so that $(sort) orders numbers
__pgo_pad = $(if $(filter 0 1 2 3 4 5 6 7 8 9,$(1)),0$(1),$(1))

# What the state file holds (each as __pgo_st_<name>, besides the key).
__pgo_st_vars := mode family flags ready_g ld ld_kind ccvars copy note w_bad w_clang w_old w_lto w_reach k_bad k_clang k_old k_lto k_reach engine_needed

# The state file, written through a temporary file and a rename. "partial"
# is written when the pgo program is needed but not built yet: it only makes
# the program a prerequisite of the state, and the restarted make builds it
# and makes the state.
__pgo_state_lines_full = '$(__pgo_state_header)' $(foreach v,key $(__pgo_st_vars),'$(call __pgo_escsq,__pgo_st_$(v) := $(call __pgo_mkesc,$(__pgo_c_$(v))))')
__pgo_state_lines_partial = '$(__pgo_state_header)' '__pgo_st_key :=' '__pgo_st_engine_needed := 1'
__pgo_state_header = $(__pgo_hash) Made by pgo.mk when its inputs change; pgo_clean removes it.
quiet_cmd_pgo_state =
cmd_pgo_state = mkdir -p '$(call __pgo_escsq,$(__pgo_rdir))'; \
  $(call __pgo_sweep,$(foreach d,$(__pgo_rdir) $(__pgo_rdir)/use $(__pgo_rdir)/bin,$(call __pgo_tmpglob,$(d)))); \
  t='$(call __pgo_escsq,$(__pgo_rdir))/.pgo-tmp.'$$$$'.state.mk'; \
  printf '%s\n' $(__pgo_state_lines_$(2)) >"$$t" && mv -f "$$t" '$(call __pgo_escsq,$(__pgo_state_file))'; \
  for f in $(foreach f,$(filter-out __pgo_FORCE,$^),'$(call __pgo_escsq,$(f))'); do \
    if [ "$$f" -nt '$(call __pgo_escsq,$(__pgo_state_file))' ]; then touch -r "$$f" '$(call __pgo_escsq,$(__pgo_state_file))'; fi; done

# Expanded as the recipe of the state file, which is always considered (it
# depends on __pgo_FORCE): empty, so nothing runs and make does not restart,
# unless a prerequisite is newer ($?) or the key differs.
__pgo_state_recipe = $(if $(or $(filter-out __pgo_FORCE,$?),$(if $(call __pgo_streq,$(__pgo_st_key),$(__pgo_key)),,1)),$(__pgo_no_loop)$(call __pgo_cmd,state,$(if $(__pgo_state_partial),partial,full)))
# Making the state restarts make (twice at most: the pgo program first). A
# prerequisite dated in the future gives the state its time (touch -r above),
# so it does not make it again; a state that would still not settle stops
# make rather than loop.
__pgo_no_loop = $(if $(filter-out 1 2 3,$(if $(filter undefined,$(origin MAKE_RESTARTS)),,$(MAKE_RESTARTS))),$(error pgo.mk: $(__pgo_state_file) was made again after $(MAKE_RESTARTS) restarts of make; a clock or file system problem? Remove $(__pgo_dir_msg) and run make again))
__pgo_state_partial = $(and $(__pgo_engine_dep),$(if $(__pgo_state_engine_prereq),,1),$(if $(call __pgo_exists,$(__pgo_engine_bin)),,1),$(__pgo_c_needs_engine))

# ---------------------------------------------------------------------------
# Profile health (make pgo_status) and the profile's record in binaries
# ---------------------------------------------------------------------------

# A percentage, e.g. 80: make pgo_status fails when the profile's
# hot-weighted match (the share of its counts on functions whose name and
# CFG hash still match today's code) is below it.
PGO_MIN_MATCH ?=
# The programs and libraries pgo_status reads, as the Makefile names them
# (in the phase that builds them: $(BUILD)/app with PGO_OUTDIR_VAR=BUILD);
# empty: the goals that are files.
PGO_STATUS_BINARIES ?=

# The record (cmake/engine/provenance.h): an object made with the state, on
# the link line of everything the use build links. Named after the profile
# relative to the Makefile's folder, so that no path of this machine is in
# the binaries.
__pgo_record_name = $(if $(findstring $(__pgo_mark)$(__pgo_top)/,$(__pgo_mark)$(__pgo_profile)),$(subst $(__pgo_mark)$(__pgo_top)/,,$(__pgo_mark)$(__pgo_profile)),$(notdir $(__pgo_profile)))
__pgo_compute_cc_version = $(shell $(PGO_CC) -dumpversion 2>/dev/null)
__pgo_compute_record_src = $(call __pgo_run,provenance --dir '$(call __pgo_escsq,$(__pgo_check_cache))' --profile '$(call __pgo_escsq,$(__pgo_record_name))' --hash '$(call __pgo_check_val,hash)' --kind '$(call __pgo_check_val,kind)' --compiler '$(if $(__pgo_is_gcc),gcc,clang) $(call __pgo_escsq,$(call __pgo_memo,cc_version))')
__pgo_record_src = $(if $(filter 0,$(call __pgo_status,$(call __pgo_memo,record_src))),$(call __pgo_kv,path,$(call __pgo_memo,record_src)),$(call __pgo_engine_failed,$(call __pgo_memo,record_src)))
__pgo_record_base = $(patsubst %.c,%,$(lastword $(subst /, ,$(__pgo_record_src))))
__pgo_compute_record_obj = $(if $(__pgo_dry),,$(if $(shell $(PGO_CC) -c -o '$(call __pgo_escsq,$(__pgo_check_cache)/$(__pgo_record_base).o)' '$(call __pgo_escsq,$(__pgo_record_src))' >/dev/null 2>&1 && echo ok),,$(error pgo.mk: PGO_CC=$(PGO_CC) cannot compile the profile's record $(__pgo_record_src); run $(PGO_CC) -c on it to see why)))$(__pgo_dir)/use/$(__pgo_record_base).o
__pgo_c_record = $(if $(filter use,$(__pgo_c_mode)),$(call __pgo_memo,record_obj))
__pgo_st_vars += record
# On the link lines, but not in the flag stamp: a binary built from the same
# profile content under another name (pgo_optimize in-tree, then a plain
# make with the installed copy) is not linked again.
__pgo_record_ldflag = $(if $(__pgo_st_record), $(call __pgo_shq,$(__pgo_st_record)))
# The state is made again when the record is gone.
__pgo_record_mk = $(if $(__pgo_st_record),$(call __pgo_rel,$(__pgo_st_record)))

# make pgo_status: the status of the profile the ordinary build uses, from
# the function hashes of the instrumented build (a sample profile: the names
# in the ordinary build). It builds that phase first (in-tree objects then
# need the next plain make to rebuild them, as after pgo_train).
__pgo_status_profile = $(if $(__pgo_is_off),,$(if $(__pgo_is_auto),$(__pgo_default_profile),$(call __pgo_abs,$(__pgo_pgo))))
__pgo_compute_status_show = $(call __pgo_run,show '$(call __pgo_escsq,$(__pgo_status_profile))')
__pgo_status_show = $(call __pgo_memo,status_show)
# The profile's kind (stops make when there is none to report on).
__pgo_status_kind = $(if $(__pgo_status_profile),,$(error pgo.mk: PGO=$(__pgo_pgo): the build uses no profile to report on; use PGO=auto or PGO=<file>))$(if $(call __pgo_exists,$(__pgo_status_profile)),,$(error pgo.mk: $(call __pgo_rel,$(__pgo_status_profile)) does not exist; make one: make pgo_train pgo_update))$(if $(filter 0,$(call __pgo_status,$(__pgo_status_show))),$(call __pgo_kv,kind,$(__pgo_status_show)),$(if $(filter 1,$(call __pgo_status,$(__pgo_status_show))),$(error pgo.mk: $(call __pgo_rel,$(__pgo_status_profile)) $(call __pgo_kv,reason,$(__pgo_status_show))),$(call __pgo_engine_failed,$(__pgo_status_show))))
# Its phase: the instrumented build, or (a sample profile) the ordinary one.
__pgo_status_phase = $(if $(filter sample,$(__pgo_status_kind)),,instrument)
quiet_cmd_pgo_status = PGO     status of $(call __pgo_rel,$(__pgo_status_profile))
cmd_pgo_status = $(__pgo_lock) $(MAKE) --no-print-directory -f '$(call __pgo_escsq,$(__pgo_makefile))' PGO_PHASE=$(__pgo_status_phase) \
  PGO_DIR='$(call __pgo_escsq,$(call __pgo_mkdollar,$(__pgo_dir)))' \
  PGO_LLVM_PROFDATA='$(call __pgo_escsq,$(call __pgo_mkdollar,$(__pgo_profdata)))' \
  __PGO_GOALS='$(call __pgo_escsq,$(call __pgo_mkdollar,$(__pgo_goals)))' \
  __PGO_STATUS_PROFILE='$(call __pgo_escsq,$(call __pgo_mkdollar,$(__pgo_status_profile)))' __PGO_STATUS_KIND=$(__pgo_status_kind) \
  $(if $(and $(PGO_OUTDIR_VAR),$(__pgo_status_phase)),$(PGO_OUTDIR_VAR)='$(call __pgo_escsq,$(call __pgo_mkdollar,$(call __pgo_outdir,instrument)))') __pgo_status

pgo_status: __pgo_preflight $(__pgo_engine_dep)
	$(call __pgo_need_clang,pgo_status,make pgo_status)$(__pgo_need_profdata)$(if $(__pgo_status_kind),)$(__pgo_dry_cleanup)
	+$(call __pgo_cmd,status)

# The make that pgo_status starts: builds the goals, then reads them.
__PGO_STATUS_PROFILE ?=
__PGO_STATUS_KIND ?=
ifneq ($(strip $(__PGO_STATUS_PROFILE)),)
__pgo_status_files = $(or $(strip $(PGO_STATUS_BINARIES)),$(wildcard $(__PGO_GOALS)),$(error pgo.mk: none of the goals ($(__PGO_GOALS)) is a file; set PGO_STATUS_BINARIES to the programs and libraries the profile is for$(if $(PGO_OUTDIR_VAR), (e.g. PGO_STATUS_BINARIES = $$($(PGO_OUTDIR_VAR))/<program>))))
__pgo_status_list = $(__pgo_dir)/status/binaries.txt
quiet_cmd_pgo_status_run =
cmd_pgo_status_run = mkdir -p '$(call __pgo_escsq,$(__pgo_dir))/status' && \
  printf '%s\n' $(foreach f,$(__pgo_status_files),'$(call __pgo_escsq,$(notdir $(f)))	$(call __pgo_escsq,$(call __pgo_abspath,$(f)))') >'$(call __pgo_escsq,$(__pgo_status_list))' && \
  '$(call __pgo_escsq,$(__pgo_engine))' status --profdata '$(call __pgo_escsq,$(__pgo_merge_profdata))' --cache '$(call __pgo_escsq,$(__pgo_dir))/status' \
  $(if $(filter sample,$(__PGO_STATUS_KIND)),--sample-binaries,--binaries) '$(call __pgo_escsq,$(__pgo_status_list))' \
  $(if $(strip $(PGO_MIN_MATCH)),--min-match '$(call __pgo_escsq,$(strip $(PGO_MIN_MATCH)))') \
  $(foreach f,$(__pgo_status_files),'$(call __pgo_escsq,$(notdir $(f)))=$(call __pgo_escsq,$(__PGO_STATUS_PROFILE))')
__pgo_status: $(__PGO_GOALS) $(__pgo_engine_dep)
	$(call __pgo_cmd,status_run)
.PHONY: __pgo_status
endif

# ---------------------------------------------------------------------------
# Dry runs (make -n, make -q): nothing is written
# ---------------------------------------------------------------------------

# The state file is read if it is up to date; else the state is computed in
# memory: the check runs on a temporary cache, the pgo program (if not built
# yet) is built into a temporary folder, and both are removed at once.
__pgo_ready = $(if $(__pgo_dry),$(if $(call __pgo_memo,dry_ready),))
__pgo_compute_dry_ready = $(eval __pgo_busy := 1)$(if $(__pgo_state_wanted),$(if $(__pgo_dry_fresh),,$(foreach v,$(__pgo_st_vars),$(eval __pgo_st_$(v) := $$(__pgo_c_$(v)))))$(__pgo_dry_cleanup))$(eval __pgo_busy :=)
__pgo_dry_fresh = $(if $(call __pgo_streq,$(__pgo_st_key),$(__pgo_key)),$(filter fresh,$(shell s='$(call __pgo_escsq,$(__pgo_state_file))'; \
  for f in '$(call __pgo_escsq,$(__pgo_self_mk))' $(if $(__pgo_makefile_dep),'$(call __pgo_escsq,$(__pgo_makefile_dep))') $(if $(__pgo_profile_exists),'$(call __pgo_escsq,$(__pgo_profile_mk))') $(if $(and $(__pgo_st_engine_needed),$(if $(strip $(PGO_ENGINE)),,1)),'$(call __pgo_escsq,$(__pgo_engine_bin))'); do \
    [ -e "$$f" ] && ! [ "$$f" -nt "$$s" ] || exit 0; done; \
  $(if $(__pgo_st_copy),[ -e '$(call __pgo_escsq,$(__pgo_st_copy))' ] || exit 0;) echo fresh)))
__pgo_compute_dry_tmp = $(or $(shell mktemp -d "$${TMPDIR:-/tmp}/pgo-dry.XXXXXX" 2>/dev/null),$(error pgo.mk: make -n: cannot create a temporary folder (mktemp -d) to check the profile in))
__pgo_compute_dry_engine = $(if $(strip $(PGO_ENGINE)),$(strip $(PGO_ENGINE)),$(if $(call __pgo_exists,$(__pgo_engine_bin)),$(__pgo_engine),$(__pgo_need_engine_src)$(__pgo_need_host_cc)$(or $(shell t='$(call __pgo_escsq,$(call __pgo_memo,dry_tmp))'; $(PGO_HOST_CC) -std=c11 -O1 -o "$$t/pgo" $(__pgo_engine_srcs_sh) >/dev/null 2>&1 && printf '%s\n' "$$t/pgo"),$(error pgo.mk: make -n: building the pgo program with PGO_HOST_CC=$(PGO_HOST_CC) failed; run make without -n to see why))))
__pgo_dry_cleanup = $(if $(filter undefined,$(origin __pgo_memo_dry_tmp)),,$(shell rm -rf '$(call __pgo_escsq,$(__pgo_memo_dry_tmp))')$(eval undefine __pgo_memo_dry_tmp)$(eval undefine __pgo_memo_dry_engine))

# ---------------------------------------------------------------------------
# Flags and the flag stamp, for every make that builds something
# ---------------------------------------------------------------------------

__pgo_targets := pgo_instrument pgo_train pgo_optimize pgo_update pgo_compare pgo_status pgo_clean pgo_help
__pgo_goals_pgo := $(filter $(__pgo_targets),$(__pgo_cmdgoals))
__pgo_goals_other := $(filter-out $(__pgo_targets),$(__pgo_cmdgoals))

ifneq ($(and $(__pgo_goals_pgo),$(__pgo_goals_other)),)
$(error pgo.mk: $(__pgo_goals_pgo) cannot be combined with other goals ($(__pgo_goals_other)) in one make command: run them one after the other, e.g. make $(__pgo_goals_other) && make $(__pgo_goals_pgo))
endif

# Active: this make builds the includer's goals, so the PGO flags apply.
# Not for the pgo_* targets themselves (their recursive make is active) and
# not for clean-only goals.
__pgo_active := $(if $(__pgo_goals_pgo),,$(if $(and $(__pgo_cmdgoals),$(filter-out $(PGO_CLEAN_GOALS),$(__pgo_cmdgoals))),1,$(if $(__pgo_cmdgoals),,1)))
# The state is wanted when there can be flags: a phase, an explicit
# PGO=<file>, PGO=auto with a default.profdata, or PGO_SAMPLE_READY (if
# GNU Make can name PGO_DIR and pgo.mk in a rule: readiness alone never
# stops a build). Otherwise the build is the includer's own, plus the flag
# stamp.
__pgo_ready_wants_state := $(if $(__pgo_sample_ready),$(if $(call __pgo_mk_bad,$(__pgo_rdir))$(call __pgo_mk_bad,$(__pgo_self_mk)),,1))
__pgo_state_wanted := $(if $(__pgo_active),$(if $(or $(__pgo_phase),$(__pgo_ready_wants_state),$(if $(__pgo_is_off),,$(if $(__pgo_is_auto),$(__pgo_profile_exists),1))),1))
# The stamp needs a PGO_DIR make can name; without PGO it is skipped if it
# cannot (nothing was ever built with PGO there: that would have stopped).
__pgo_stamp_ok := $(if $(__pgo_active),$(if $(__pgo_state_wanted),1,$(if $(call __pgo_mk_bad,$(__pgo_rdir)),,1)))

# Function:  __pgo_check_mk_path
# Arguments: 1: what the path is; 2: the path; 3: the fix
# Returns:   nothing; stops make if GNU Make cannot use the path in a rule
__pgo_check_mk_path = $(if $(call __pgo_mk_bad,$(2)),$(error pgo.mk: $(1) $(2) holds $(call __pgo_mk_bad,$(2)), which GNU Make cannot use in a rule's file name: $(3)))
__pgo_dir_fix = set PGO_DIR to a folder without it (the default .pgo, relative to the current folder, works in any folder)

ifeq ($(__pgo_state_wanted),1)
$(call __pgo_check_mk_path,PGO_DIR,$(__pgo_rdir),$(__pgo_dir_fix))
$(call __pgo_check_mk_path,pgo.mk,$(__pgo_self_mk),include pgo.mk through a path without it (for example a relative one))
$(if $(__pgo_profile_exists),$(call __pgo_check_mk_path,the profile,$(__pgo_profile_mk),move or link it to a path without it))
endif
ifneq ($(filter pgo_instrument pgo_train pgo_optimize pgo_update pgo_compare pgo_status,$(__pgo_goals_pgo)),)
$(call __pgo_check_mk_path,PGO_DIR,$(__pgo_rdir),$(__pgo_dir_fix))
endif

# The state include. Each value is reset first (for make
# --warn-undefined-variables); the file sets them.
__pgo_st_key :=
$(foreach __pgo_v,$(__pgo_st_vars),$(eval __pgo_st_$(__pgo_v) :=))
ifeq ($(__pgo_state_wanted),1)
ifeq ($(__pgo_dry),)
include $(__pgo_state_file)
else
-include $(__pgo_state_file)
endif
endif

# What the state depends on, besides the key: pgo.mk, the profile, its
# checked copy (an empty rule: if it was deleted the state is made again,
# which makes the copy again) and, if it ran, the pgo program.
__pgo_copy_mk := $(if $(__pgo_st_copy),$(call __pgo_rel,$(__pgo_st_copy)))
__pgo_state_engine_prereq := $(if $(__pgo_st_engine_needed),$(__pgo_engine_dep))
# (A dangling link to a profile is no prerequisite: make would take it for
# remade every time.)
__pgo_profile_dep := $(if $(__pgo_profile_exists),$(if $(realpath $(__pgo_profile_mk)),$(__pgo_profile_mk)))
__pgo_empty_rules := $(__pgo_profile_dep) $(__pgo_copy_mk) $(__pgo_record_mk)

ifeq ($(__pgo_state_wanted)$(__pgo_dry),1)
$(__pgo_state_file): __pgo_FORCE $(__pgo_self_mk) $(__pgo_makefile_dep) $(__pgo_state_engine_prereq) $(__pgo_empty_rules)
	$(__pgo_state_recipe)
ifneq ($(strip $(__pgo_empty_rules)),)
$(__pgo_empty_rules):
$(__pgo_empty_rules): private .EXTRA_PREREQS :=
endif
$(__pgo_state_file): private .EXTRA_PREREQS :=
# (An empty recipe: the record's .c beside it must not make the includer's
# %.o rule compile it.)
ifneq ($(__pgo_record_mk),)
$(__pgo_record_mk): ;
endif
endif

# The rule that builds the pgo program, where something may run it.
ifneq ($(__pgo_engine_dep),)
ifneq ($(__pgo_state_wanted)$(filter pgo_instrument pgo_train pgo_optimize pgo_update pgo_compare pgo_status,$(__pgo_goals_pgo)),)
$(__pgo_engine_bin): $(__pgo_engine_srcs) $(if $(__pgo_goals_pgo),| __pgo_preflight)
	$(call __pgo_cmd,engine)
$(__pgo_engine_bin): private .EXTRA_PREREQS :=
endif
endif

# The values this make builds with.
__pgo_mode = $(__pgo_ready)$(if $(__pgo_state_wanted),$(__pgo_st_mode),off)
__pgo_flags = $(__pgo_ready)$(__pgo_st_flags)
__pgo_ccvars = $(__pgo_ready)$(__pgo_st_ccvars)
# The stamp holds the flags with the tree's own folder (and PGO_DIR) written
# as a name: a copy of the tree at another path has the same stamp, so
# moving the tree rebuilds nothing.
__pgo_stamp_text = $(__pgo_mode) flags: $(call __pgo_portable,$(call __pgo_join,$(__pgo_flags),$(call __pgo_g,$(firstword $(__pgo_ccvars))))) in: $(__pgo_ccvars)$(__pgo_stamp_end)

# Function:  __pgo_portable
# Arguments: 1: flags
# Returns:   the flags with $(PGO_DIR) and $(CURDIR) as absolute paths
#            written as <PGO_DIR> and <CURDIR>
__pgo_portable = $(subst $(CURDIR)/,<CURDIR>/,$(subst $(__pgo_dir)/,<PGO_DIR>/,$(1)))
# The stamp ends with a marker: GNU Make 4.3 does not always drop the final
# newline when $(file <) reads a longer file inside another function.
__pgo_stamp_end := @pgo-end@
__pgo_read_stamp = $(subst $(__pgo_stamp_end)$(__pgo_nl),$(__pgo_stamp_end),$(file <$(__pgo_stamp)))

# Function:  __pgo_report
# Returns:   nothing; prints the warnings of the state (once per make
#            command) and, with V=1, one line about the profile in use
__pgo_report = $(__pgo_ready)$(if $(foreach w,bad clang old lto reach,$(call __pgo_warn_once,$(__pgo_st_w_$(w)),$(__pgo_st_k_$(w)))),)$(call __pgo_warn_once,$(__pgo_percc_missing),percc-$(__pgo_cc_name))$(call __pgo_note,$(if $(__pgo_state_wanted),$(__pgo_st_note),$(__pgo_plain_note)))
# A compiler without its own profile in pgo/ (a new cell of a CI matrix):
# one line naming the file, and a plain build; never another's profile.
__pgo_percc_missing = $(if $(and $(__pgo_percc),$(__pgo_is_auto),$(if $(__pgo_bphase),,1),$(if $(__pgo_profile_exists),,1)),PGO=auto: no $(call __pgo_rel,$(__pgo_default_profile)) (the profile of $(__pgo_cc_desc) in pgo/); building without PGO (make pgo_update writes it))
# The V=1 line of a build without a profile (none, or PGO=off).
__pgo_plain_note = $(if $(__pgo_is_off),PGO=$(__pgo_pgo): building without PGO,$(if $(__pgo_is_auto),$(if $(__pgo_profile_exists),,PGO=auto: no $(call __pgo_rel,$(__pgo_default_profile)); building without PGO)))

ifeq ($(__pgo_stamp_ok),1)

# The flags ride on the compiler variables (CC, CXX): every line that runs
# the compiler gets them, so a link rule needs no flag variable at all
# ($(CC) -o $@ $^), and a link can never see ThinLTO objects without
# -flto=thin. They reach those lines even with CC=... on the command line
# (override), wherever the includer assigns CC (pattern-specific values are
# applied when a recipe runs), and only once per line (private: not
# inherited again by prerequisites). They come from the state.
# Skipped when there can be no flags (no state), and for a variable that
# already has them (CC="$(CC)" passed down to a recursive make that
# includes pgo.mk too).
ifeq ($(__pgo_state_wanted),1)
$(foreach __pgo_v,$(PGO_CC_VARS),$(if $(filter -fprofile-use=% -fprofile-generate=% -fprofile-sample-use=%,$(value $(__pgo_v))),,$(eval %: private override $(__pgo_v) += $$(call __pgo_ride,$(__pgo_v)))))
endif

# Function:  __pgo_ride
# Arguments: 1: a compiler variable
# Returns:   pgo.mk's flags for it in the recipe of $@: none for a variable
#            that names another compiler, for pgo.mk's own targets, or
#            while pgo.mk works out the state (which runs $(CC) itself)
__pgo_ride = $(if $(__pgo_busy),,$(if $(filter $(__pgo_own_targets),$@),,$(if $(filter $(1),$(__pgo_ccvars)),$(call __pgo_join,$(call __pgo_join,$(__pgo_flags),$(call __pgo_g,$(1))),$(if $(filter $(__pgo_compile_targets),$@),$(__pgo_dumpbase),$(__pgo_link_flags))))))

# GCC finds a static function's profile by a hash of the object's path as
# the compile line writes it (its "dump base"), so with an output folder
# (PGO_OUTDIR_VAR) the same object has another hash in each phase's folder.
# An object below it is compiled with its path relative to that folder as
# the dump base: the same in every phase and checkout. (Auxiliary outputs
# such as -save-temps files then go below the Makefile's folder.)
__pgo_dumpbase = $(if $(and $(PGO_OUTDIR_VAR),$(filter gcc,$(__pgo_st_family)),$(filter gen use,$(__pgo_mode))),$(call __pgo_dumpbase_of,$(call __pgo_abspath,$(or $(strip $($(PGO_OUTDIR_VAR))),.))/,$(call __pgo_abspath,$@)))
__pgo_dumpbase_of = $(if $(findstring $(__pgo_mark)$(1),$(__pgo_mark)$(2)),-dumpbase $(call __pgo_shq,$(subst $(__pgo_mark)$(1),,$(__pgo_mark)$(2))))

# Targets that are compiled, not linked: they get no link-only flags.
__pgo_compile_targets := %.o %.lo %.obj %.d %.i %.ii %.s %.bc %.gch %.pch %.pcm

# The flags only a ThinLTO link uses (not tracked by the flag stamp: they
# change no object): the linker (with lld, hot and cold text kept apart, as
# in CMake), the backend jobs and the cache. A target
# named otherwise that only compiles gets them too, without a warning.
__pgo_link_flags = $(__pgo_ready)$(if $(__pgo_st_ld_kind)$(__pgo_st_ld),-Wno-unused-command-line-argument$(if $(__pgo_st_ld), $(__pgo_st_ld) -Wl$(__pgo_comma)-z$(__pgo_comma)keep-text-section-prefix)$(call __pgo_lto_opt,jobs,$(__pgo_jobs))$(if $(__pgo_lto_cache),$(if $(findstring $(__pgo_comma),$(__pgo_dir)),,$(call __pgo_lto_opt,cache-dir,$(call __pgo_shq,$(__pgo_dir)/lto-cache)))))$(__pgo_window_link)$(__pgo_record_ldflag)

# The window helper (cmake/runtime/pgo_window.c), on instrumented links: an
# object of its own, built without instrumentation before anything else of
# the phase (the flag stamp depends on it). Shared libraries' helpers
# register with the executable's, which exports the function for them.
__pgo_window_src = $(patsubst %/engine,%/runtime,$(__pgo_engine_src))/pgo_window.c
__pgo_window_obj = $(__pgo_dir)/window.o
# (A copy of the package without cmake/runtime/ instruments without it, as
# does one in a folder whose name a rule cannot hold.)
__pgo_window_have := $(if $(call __pgo_mk_bad,$(__pgo_window_src)),,$(call __pgo_exists,$(__pgo_window_src)))
__pgo_window_rule := $(__pgo_rdir)/window.o
__pgo_window_on = $(and $(filter on ON On 1 yes YES true TRUE,$(strip $(PGO_WINDOW))),$(__pgo_window_have),$(filter instrument,$(__pgo_phase)),$(filter gen,$(__pgo_st_mode)),$(filter clang,$(__pgo_st_family)),$(filter -fprofile-generate=%,$(__pgo_st_flags)))
__pgo_window_link = $(if $(__pgo_window_on), $(call __pgo_shq,$(__pgo_window_obj)) -pthread -Wl$(__pgo_comma)--export-dynamic-symbol=__pgo_window_register)

# Function:  __pgo_lto_opt
# Arguments: 1: jobs or cache-dir; 2: its value (none: no option)
# Returns:   the option for the linker's kind, with a space before it
__pgo_lto_opt = $(if $(2),$(if $(filter lld,$(__pgo_st_ld_kind)), -Wl$(__pgo_comma)--thinlto-$(1)=$(2),$(if $(filter plugin,$(__pgo_st_ld_kind)), -Wl$(__pgo_comma)-plugin-opt$(__pgo_comma)$(1)=$(2))))

# The backend jobs: PGO_LTO_JOBS, else this make's -j<N>; -j alone leaves
# the linker's default (every core), no -j means 1 (make runs one thing at
# a time).
__pgo_jobs = $(or $(__pgo_lto_jobs_knob),$(if $(filter -j,$(MAKEFLAGS)),,$(or $(patsubst -j%,%,$(firstword $(filter -j%,$(MAKEFLAGS)))),1)))

# Function:  __pgo_g
# Arguments: 1: a compiler variable
# Returns:   -g if the build is ready to be sampled and neither the variable
#            nor CFLAGS, CXXFLAGS or CPPFLAGS has a -g option of its own
__pgo_g = $(if $(__pgo_st_ready_g),$(if $(filter -g%,$(value $(1)) $(call __pgo_val,CFLAGS) $(call __pgo_val,CXXFLAGS) $(call __pgo_val,CPPFLAGS)),,-g))
__pgo_val = $(if $(filter undefined,$(origin $(1))),,$($(1)))
__pgo_busy :=
__pgo_own_targets = $(__pgo_targets) __pgo_% $(__pgo_state_file) $(__pgo_stamp) $(__pgo_engine_bin) $(__pgo_window_rule)

# The flag stamp holds the PGO flags the objects were last built with. It is
# rewritten only when they change, so its time is the time of the last
# change: an object older than the stamp was built with other flags and is
# rebuilt. This also holds after a build that failed half-way. Under make -n
# it is not written: a change makes every target depend on the phony
# __pgo_dry_changed instead, so make -n shows the rebuild.
__pgo_stamp_prereq = $(if $(__pgo_dry),$(call __pgo_memo,dry_stamp),$(__pgo_stamp))
__pgo_compute_dry_stamp = $(__pgo_report)$(if $(call __pgo_streq,$(__pgo_read_stamp),$(__pgo_stamp_text)),$(__pgo_stamp),$(if $(and $(__pgo_read_stamp),$(filter-out silent_,$(__pgo_quiet))),$(info $(__pgo_space) PGO     flags changed ($(__pgo_mode)): rebuilding))__pgo_dry_changed)

__pgo_has_extra_prereqs := $(filter extra-prereqs,$(.FEATURES))
ifneq ($(strip $(PGO_OBJECTS)),)
ifneq ($(__pgo_has_extra_prereqs),)
$(PGO_OBJECTS): .EXTRA_PREREQS += $(__pgo_stamp_prereq)
else
$(PGO_OBJECTS): $(__pgo_stamp_prereq)
endif
else ifneq ($(__pgo_has_extra_prereqs),)
# Every target depends on the stamp, without appearing in $^ or $?.
.EXTRA_PREREQS += $(__pgo_stamp_prereq)
else
# GNU Make < 4.3: the objects beside the sources, and those already on disk
# (in-tree, and below the output directory if it is known by now).
__pgo_od := $(if $(strip $(PGO_OUTDIR_VAR)),$(strip $($(PGO_OUTDIR_VAR))))
__pgo_srcdirs := . $(patsubst %/,%,$(wildcard */ */*/ */*/*/ $(if $(__pgo_od),$(__pgo_od)/*/ $(__pgo_od)/*/*/ $(__pgo_od)/*/*/*/)))
__pgo_found_objects := $(patsubst ./%,%,$(sort \
  $(foreach __pgo_e,c cc cpp cxx C S s,$(patsubst %.$(__pgo_e),%.o,$(wildcard $(addsuffix /*.$(__pgo_e),$(__pgo_srcdirs))))) \
  $(wildcard $(addsuffix /*.o,$(__pgo_srcdirs)))))
$(filter-out $(__pgo_rdir)/%,$(__pgo_found_objects)): $(__pgo_stamp_prereq)
endif

$(__pgo_stamp) __pgo_FORCE __pgo_dry_changed: private .EXTRA_PREREQS :=
ifeq ($(__pgo_dry),)
$(__pgo_stamp): __pgo_FORCE
	+$(__pgo_update_stamp)
endif

# (The helper reads clang's profile runtime: none with GCC.)
ifneq ($(filter instrument,$(__pgo_phase)),)
ifneq ($(and $(__pgo_window_have),$(filter on ON On 1 yes YES true TRUE,$(strip $(PGO_WINDOW))),$(__pgo_is_clang)),)
$(__pgo_stamp): $(__pgo_window_rule)
$(__pgo_window_rule): $(__pgo_window_src)
	$(call __pgo_cmd,window)
$(__pgo_window_rule): private .EXTRA_PREREQS :=
endif
endif
quiet_cmd_pgo_window = PGO     window helper
cmd_pgo_window = mkdir -p '$(call __pgo_escsq,$(__pgo_dir))' && $(PGO_CC) -O2 -fPIC -c '$(call __pgo_escsq,$(__pgo_window_src))' -o '$(call __pgo_escsq,$(__pgo_window_obj))'

# The stamp is read and written while make expands its (then empty) recipe
# line: $(file) starts no process. The warnings of the state are printed
# here, after make has made the state again if it had to.
__pgo_update_stamp = $(__pgo_report)$(call __pgo_write_stamp,$(__pgo_read_stamp),$(__pgo_stamp_text))

# Function:  __pgo_write_stamp
# Arguments: 1: the stamp's content; 2: the text it should hold
# Returns:   nothing; rewrites the stamp if they differ, and says so if it
#            had other flags
__pgo_write_stamp = $(if $(call __pgo_streq,$(1),$(2)),,$(if $(wildcard $(__pgo_rdir)/.),,$(shell mkdir -p '$(call __pgo_escsq,$(__pgo_rdir))'))$(file >$(__pgo_stamp),$(2))$(call __pgo_note,wrote the flag stamp $(__pgo_stamp): $(subst $(__pgo_stamp_end),,$(2)))$(if $(and $(1),$(filter-out silent_,$(__pgo_quiet))),$(info $(__pgo_space) PGO     flags changed ($(__pgo_mode)): rebuilding)))

endif # __pgo_stamp_ok

.PHONY: __pgo_FORCE __pgo_dry_changed
__pgo_FORCE:
__pgo_dry_changed:

# ---------------------------------------------------------------------------
# Phases: run the includer's goals in one recursive make
# ---------------------------------------------------------------------------

__pgo_goals = $(or $(strip $(PGO_GOALS)),$(.DEFAULT_GOAL),$(error pgo.mk: the Makefile has no default goal; set PGO_GOALS to the targets the phases build))
__pgo_goals_text = $(or $(strip $(PGO_GOALS)),$(.DEFAULT_GOAL),(no default goal: set PGO_GOALS))

# Function:  __pgo_before
# Arguments: 1: pgo_* targets that must finish first if they are goals too
# Returns:   those of them on the command line (keeps make -j in order)
__pgo_before = $(filter $(1),$(__pgo_cmdgoals))

# Two pgo_* builds at once (two terminals, two CI steps) take turns: each
# phase make and each install runs under "pgo lock" (an fcntl lock, which
# the system releases however the holder ends). Not under make -n.
__pgo_lock = $(if $(__pgo_dry),,'$(call __pgo_escsq,$(__pgo_engine))' lock '$(call __pgo_escsq,$(__pgo_lock_file))' --)

quiet_cmd_pgo_phase = PGO     $(2): $(__pgo_goals)$(if $(PGO_OUTDIR_VAR), in $(call __pgo_outdir,$(2)))
cmd_pgo_phase = $(__pgo_lock) $(MAKE) --no-print-directory -f '$(call __pgo_escsq,$(__pgo_makefile))' PGO_PHASE=$(2) \
  PGO_DIR='$(call __pgo_escsq,$(call __pgo_mkdollar,$(__pgo_dir)))' \
  PGO_LLVM_PROFDATA='$(call __pgo_escsq,$(call __pgo_mkdollar,$(__pgo_profdata)))' \
  __PGO_GOALS='$(call __pgo_escsq,$(call __pgo_mkdollar,$(__pgo_goals)))' \
  $(if $(PGO_OUTDIR_VAR),$(PGO_OUTDIR_VAR)='$(call __pgo_escsq,$(call __pgo_mkdollar,$(call __pgo_outdir,$(2))))') $(3)

.PHONY: $(__pgo_targets) __pgo_preflight

# pgo_optimize and pgo_update train first when there is no trained profile
# yet (as in CMake; make runs pgo_train once even when both ask for it).
# A trained profile of another compiler (make CC=gcc pgo_update after a
# clang training) counts as none: pgo_train writes the compiler's name
# beside it.
__pgo_train_cc_file := $(__pgo_rdir)/train.compiler
__pgo_train_foreign = $(if $(call __pgo_exists,$(__pgo_train_cc_file)),$(if $(call __pgo_streq,$(strip $(file <$(__pgo_train_cc_file))),$(__pgo_cc_name)),,1))
__pgo_train_needed := $(if $(or $(call __pgo_before,pgo_clean),$(if $(call __pgo_exists,$(__pgo_train_profile)),$(if $(filter pgo_optimize pgo_update pgo_compare,$(__pgo_goals_pgo)),$(__pgo_train_foreign)),1)),pgo_train)
__pgo_will_train := $(or $(filter pgo_train,$(__pgo_goals_pgo)),$(if $(filter pgo_optimize pgo_update pgo_compare,$(__pgo_goals_pgo)),$(__pgo_train_needed)))
__pgo_will_build := $(or $(filter pgo_instrument pgo_optimize pgo_compare,$(__pgo_goals_pgo)),$(__pgo_will_train))

# Checks that need no pgo program, before it is built.
__pgo_preflight:
	$(if $(__pgo_will_build),$(call __pgo_need_cc,pgo_instrument))$(if $(__pgo_will_train),$(__pgo_need_train)$(if $(filter sample,$(__pgo_train_kind)),$(call __pgo_need_clang,pgo_train,PGO_TRAIN_KIND=sample (llvm-profgen))))

pgo_instrument: $(call __pgo_before,pgo_clean) __pgo_preflight $(__pgo_engine_dep)
	$(__pgo_need_profdata)$(__pgo_dry_cleanup)
	+$(call __pgo_cmd,phase,instrument,__pgo_instrument)

# PGO_TRAIN_KIND=sample trains in a make of the sample phase, which builds
# like the ordinary build (in-tree: the ordinary build itself).
__pgo_train_phase := $(if $(filter sample,$(__pgo_train_kind)),sample,instrument)

pgo_train: $(call __pgo_before,pgo_clean pgo_instrument) __pgo_preflight $(__pgo_engine_dep)
	$(__pgo_need_profdata)$(__pgo_dry_cleanup)
	+$(call __pgo_cmd,phase,$(__pgo_train_phase),__pgo_train)

pgo_optimize: $(call __pgo_before,pgo_clean pgo_instrument pgo_train pgo_update) $(if $(filter pgo_optimize,$(__pgo_cmdgoals)),$(__pgo_train_needed)) __pgo_preflight $(__pgo_engine_dep)
	$(__pgo_need_profdata)$(__pgo_dry_cleanup)
	+$(call __pgo_cmd,phase,optimize,__pgo_optimize)

pgo_update: $(call __pgo_before,pgo_clean pgo_instrument pgo_train) $(if $(filter pgo_update,$(__pgo_cmdgoals)),$(__pgo_train_needed)) __pgo_preflight $(__pgo_engine_dep)
	$(call __pgo_cmd,update)

# pgo_compare: the optimized build, then the plain one (PGO=off), each
# followed by a copy of PGO_BENCH's program into $(PGO_DIR)/compare/<build>/
# (in-tree both builds make the same file); then "pgo compare" times the
# two copies in alternating rounds.
pgo_compare: $(call __pgo_before,pgo_clean pgo_instrument pgo_train pgo_update pgo_optimize) $(if $(filter pgo_compare,$(__pgo_cmdgoals)),$(__pgo_train_needed)) __pgo_preflight $(__pgo_engine_dep)
	$(__pgo_need_profdata)$(__pgo_dry_cleanup)$(__pgo_need_bench)
	+$(call __pgo_cmd,phase,optimize,__pgo_optimize)
	$(call __pgo_cmd,bench_copy,optimize,optimized)
	+$(call __pgo_cmd,phase,baseline,__pgo_baseline PGO=off)
	$(call __pgo_cmd,bench_copy,baseline,baseline)
	$(call __pgo_cmd,compare)

pgo_clean:
	$(call __pgo_cmd,clean)

__pgo_bench_prog = $(firstword $(PGO_BENCH))
__pgo_bench_rest = $(wordlist 2,$(words $(PGO_BENCH)),$(PGO_BENCH))
__pgo_bench_od = $(patsubst ./%,%,$(or $(strip $($(PGO_OUTDIR_VAR))),.))
__pgo_need_bench = $(if $(strip $(PGO_BENCH)),,$(error pgo.mk: PGO_BENCH is empty; set it to the benchmark command, the program first, e.g. PGO_BENCH = ./app --input data/big.txt))$(foreach m,$(PGO_COMPARE_METRICS),$(if $(strip $(PGO_METRIC_$(m))),,$(error pgo.mk: PGO_COMPARE_METRICS names $(m), but PGO_METRIC_$(m) is empty; set it to a regular expression whose first group is the number, e.g. PGO_METRIC_$(m) = $(m)=([0-9.]+))))$(if $(PGO_OUTDIR_VAR),$(if $(filter $(__pgo_bench_od)/%,$(patsubst ./%,%,$(__pgo_bench_prog))),,$(error pgo.mk: PGO_BENCH starts with $(__pgo_bench_prog), which is not in $$($(PGO_OUTDIR_VAR)) ($(__pgo_bench_od)); start it with the program the goals build, e.g. PGO_BENCH = $$($(PGO_OUTDIR_VAR))/app ...)))
# Function:  __pgo_bench_built
# Arguments: 1: phase (optimize or baseline)
# Returns:   where that phase's make left PGO_BENCH's program
__pgo_bench_built = $(if $(PGO_OUTDIR_VAR),$(patsubst $(__pgo_bench_od)/%,$(call __pgo_outdir,$(1))/%,$(patsubst ./%,%,$(__pgo_bench_prog))),$(__pgo_bench_prog))
__pgo_bench_copy = $(__pgo_dir)/compare/$(1)/$(notdir $(__pgo_bench_prog))
__pgo_bench_spec = $(__pgo_dir)/compare/spec

# (Called through __pgo_cmd: 2: phase, 3: the build's label.) The shared
# libraries of the tree that the program loads (ldd) are copied too, into
# <build>/lib/: their sizes count, and each build's program runs with its
# own (LD_LIBRARY_PATH), which in-tree builds overwrite in turn. A library
# that another path wins for (an absolute DT_RPATH into the tree) stops it:
# both arms would time the last build's.
__pgo_bench_libs = $(__pgo_dir)/compare/$(1)/lib
quiet_cmd_pgo_bench_copy = PGO     $(3): $(call __pgo_bench_built,$(2))
cmd_pgo_bench_copy = b='$(call __pgo_escsq,$(call __pgo_bench_built,$(2)))'; \
  [ -f "$$b" ] || { printf '%s\n' "pgo.mk: PGO_BENCH runs $$b, which the $(3) build did not make; start PGO_BENCH with the program the goals build" >&2; exit 2; }; \
  c='$(call __pgo_escsq,$(call __pgo_bench_copy,$(3)))'; l='$(call __pgo_escsq,$(call __pgo_bench_libs,$(3)))'; \
  top='$(call __pgo_escsq,$(CURDIR))'; own='$(call __pgo_escsq,$(if $(PGO_OUTDIR_VAR),$(call __pgo_abspath,$(call __pgo_outdir,$(2))),$(call __pgo_bench_libs,$(3))))'; \
  rm -rf "$$l" && mkdir -p "$$l" && cp -p "$$b" "$$c" || exit 2; \
  if command -v ldd >/dev/null 2>&1; then \
    ldd "$$b" 2>/dev/null | sed -n 's/^[^=]*=> \(\/.*\) (0x[0-9a-f]*)$$/\1/p' | while IFS= read -r f; do \
      case $$f in "$$top"/*) cp -p "$$f" "$$l/" || exit 2 ;; esac; done || exit 2; \
    LD_LIBRARY_PATH="$$l$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}" ldd "$$c" 2>/dev/null | sed -n 's/^[ 	]*\([^ 	]*\) => \(\/.*\) (0x[0-9a-f]*)$$/\1 \2/p' | while IFS= read -r n; do \
      f=$${n\#* }; [ -e "$$l/$${n%% *}" ] || continue; \
      case $$f in "$$l"/*|"$$own"/*) ;; *) printf '%s\n' "pgo.mk: PGO_BENCH's program loads $${n%% *} from $$f whatever LD_LIBRARY_PATH says (an absolute DT_RPATH), so pgo_compare cannot run each build with its own copy; link it with -Wl,--enable-new-dtags or -Wl,-rpath,'\$$ORIGIN'" >&2; exit 2 ;; esac; done || exit 2; \
  fi

# The spec of "pgo compare" (cmd_compare.c): one benchmark, two arms; each
# runs sh -c 'exec "$0" <arguments>' with its copy as $0 (and, when it loads
# libraries of the tree, LD_LIBRARY_PATH set to the copies' folder, $1).
__pgo_spec_arm = arm $(1) '$(call __pgo_escsq,$(call __pgo_bench_copy,$(1)))' '$(call __pgo_escsq,$(call __pgo_bench_libs,$(1)))';
quiet_cmd_pgo_compare = PGO     compare: $(PGO_BENCH)
cmd_pgo_compare = rest='$(call __pgo_escsq,$(__pgo_bench_rest))'; \
  arm() { printf '%s\n' "arm $$1" "size $$2"; has=; for f in "$$3"/*; do [ -f "$$f" ] && printf 'size %s\n' "$$f" && has=1; done; \
    if [ -n "$$has" ]; then printf '%s\n' 'arg sh' 'arg -c' "arg LD_LIBRARY_PATH=\"\$$1\$${LD_LIBRARY_PATH:+:\$$LD_LIBRARY_PATH}\" exec \"\$$0\" $$rest" "arg $$2" "arg $$3"; \
    else printf '%s\n' 'arg sh' 'arg -c' "arg exec \"\$$0\" $$rest" "arg $$2"; fi; }; \
  { printf '%s\n' 'benchmark bench' 'cwd $(call __pgo_escsq,$(CURDIR))' \
    $(foreach m,$(PGO_COMPARE_METRICS),'metric $(call __pgo_escsq,$(m) $(PGO_METRIC_$(m)))'); \
    $(call __pgo_spec_arm,baseline) $(call __pgo_spec_arm,optimized) } >'$(call __pgo_escsq,$(__pgo_bench_spec))' || exit 2; \
  '$(call __pgo_escsq,$(__pgo_engine))' compare --out '$(call __pgo_escsq,$(__pgo_dir)/compare)' \
    --rounds '$(call __pgo_escsq,$(strip $(PGO_COMPARE_ROUNDS)))' --warmup '$(call __pgo_escsq,$(strip $(PGO_COMPARE_WARMUP)))' \
    --gate '$(call __pgo_escsq,$(strip $(PGO_COMPARE_GATE)))' $(if $(strip $(PGO_COMPARE_FAIL_ABOVE)),--fail-above '$(call __pgo_escsq,$(strip $(PGO_COMPARE_FAIL_ABOVE)))') \
    --csv '$(call __pgo_escsq,$(__pgo_dir)/compare/compare.csv)' --json '$(call __pgo_escsq,$(__pgo_dir)/compare/compare.json)' \
    '$(call __pgo_escsq,$(__pgo_bench_spec))'

__pgo_need_train = $(if $(strip $(PGO_TRAIN)),,$(error pgo.mk: PGO_TRAIN is empty; set it to the training command, e.g. PGO_TRAIN = ./app --input data/typical.txt))

quiet_cmd_pgo_update = PGO     update $(call __pgo_rel,$(__pgo_update_dest))
cmd_pgo_update = if [ ! -f '$(call __pgo_escsq,$(__pgo_train_profile))' ]; then \
    printf '%s\n' 'pgo.mk: there is no trained profile $(call __pgo_escsq,$(__pgo_dir_msg))/train.profdata to install; train first: make pgo_train pgo_update' >&2; exit 2; fi; \
  $(__pgo_lock) '$(call __pgo_escsq,$(__pgo_engine))' install '$(call __pgo_escsq,$(__pgo_train_profile))' '$(call __pgo_escsq,$(__pgo_update_dest))'

# pgo_clean removes everything pgo.mk made (the folder PGO_DIR: raw profiles,
# the trained profile, checked copies, flag stamps, state includes, the pgo
# program, the lock, the ThinLTO cache; and the phase output folders), and
# the temporaries a kill -9 left next to the installed profile. Never a
# checked-in profile.
# With other pgo_* goals after it (make pgo_clean pgo_train) it keeps the
# pgo program they run: under make -j, make may have looked at it already.
__pgo_clean_bin := $(if $(filter-out pgo_clean pgo_help,$(__pgo_goals_pgo)),,"$$d/bin")
quiet_cmd_pgo_clean = PGO     clean $(__pgo_dir_msg)$(if $(PGO_OUTDIR_VAR), $(call __pgo_outdir,instrument) $(call __pgo_outdir,sample) $(call __pgo_outdir,optimize) $(call __pgo_outdir,baseline))
cmd_pgo_clean = d='$(call __pgo_escsq,$(__pgo_dir))'; rm -rf "$$d/raw" "$$d/scratch" "$$d/use" "$$d/status" "$$d/lto-cache" "$$d/compare" $(__pgo_clean_bin); \
  rm -f $(if $(call __pgo_streq,$(__pgo_update_dest),$(__pgo_train_profile)),,"$$d/train.profdata") "$$d/train.compiler" "$$d"/flags.* "$$d"/state.*.mk "$$d/phase.lock" "$$d/window.o"; \
  $(call __pgo_sweep,$(call __pgo_tmpglob,$(__pgo_dir)) $(call __pgo_tmpglob,$(call __pgo_dirname,$(__pgo_update_dest)))); \
  $(if $(PGO_OUTDIR_VAR),rm -rf '$(call __pgo_escsq,$(call __pgo_outdir,instrument))' '$(call __pgo_escsq,$(call __pgo_outdir,sample))' '$(call __pgo_escsq,$(call __pgo_outdir,optimize))' '$(call __pgo_escsq,$(call __pgo_outdir,baseline))';) \
  rmdir "$$d" 2>/dev/null || :

# The recursive make of a phase (PGO_PHASE set): its own private goals.
ifneq ($(__pgo_phase),)
__pgo_instrument: $(__PGO_GOALS)

__pgo_train: $(__PGO_GOALS) $(__pgo_engine_dep)
	$(call __pgo_cmd,clear)
	$(call __pgo_cmd,$(if $(filter sample,$(__pgo_phase)),collect,run))
	$(call __pgo_cmd,$(if $(filter sample,$(__pgo_phase)),merge_samples,merge))

__pgo_baseline: $(__PGO_GOALS)

__pgo_optimize: $(__PGO_GOALS)
	$(if $(filter silent_,$(__pgo_quiet)),@:,@printf '%s\n' 'pgo.mk: optimized build of $(call __pgo_escsq,$(__PGO_GOALS)) (profile $(call __pgo_escsq,$(__pgo_dir_msg))/train.profdata) is in $(call __pgo_escsq,$(if $(PGO_OUTDIR_VAR),$(patsubst %/,%,$($(PGO_OUTDIR_VAR))),$(CURDIR)))/')

.PHONY: __pgo_instrument __pgo_train __pgo_optimize __pgo_baseline
endif

# The phase make is given the llvm-profdata the pgo_* target checked.
__pgo_merge_profdata = $(or $(if $(__pgo_phase),$(strip $(PGO_LLVM_PROFDATA))),$(__pgo_need_profdata)$(__pgo_profdata))
quiet_cmd_pgo_clear =
cmd_pgo_clear = '$(call __pgo_escsq,$(__pgo_engine))' clear '$(call __pgo_escsq,$(__pgo_raw))'
quiet_cmd_pgo_run = PGO     train: $(PGO_TRAIN)
cmd_pgo_run = '$(call __pgo_escsq,$(__pgo_engine))' run --raw-dir '$(call __pgo_escsq,$(__pgo_raw))' --scratch-dir '$(call __pgo_escsq,$(__pgo_dir))/scratch' --name train -- sh -c '$(call __pgo_escsq,$(PGO_TRAIN))' || { \
    rc=$$?; $(__pgo_kept); printf '%s\n' "pgo.mk: the training command failed (exit status $$rc); $$kept: fix PGO_TRAIN or the program and run make pgo_train again" >&2; exit $$rc; }
# Sets the shell's $$kept to what happened to the trained profile (naming
# it only if it exists).
__pgo_kept = if [ -f '$(call __pgo_escsq,$(__pgo_train_profile))' ]; then kept='kept the previous profile '$(call __pgo_shq,$(__pgo_dir_msg)/train.profdata); else kept='there is no trained profile yet'; fi
quiet_cmd_pgo_merge =
cmd_pgo_merge = '$(call __pgo_escsq,$(__pgo_engine))' merge $(if $(__pgo_is_gcc),--kind gcc,--profdata '$(call __pgo_escsq,$(__pgo_merge_profdata))') -o '$(call __pgo_escsq,$(__pgo_train_profile))' --raw-dir '$(call __pgo_escsq,$(__pgo_raw))' train && \
  $(__pgo_write_train_cc)
# (Written after the trained profile: a training that failed keeps the name
# of the one that made the profile.)
__pgo_write_train_cc = printf '%s\n' '$(call __pgo_escsq,$(__pgo_cc_name))' >'$(call __pgo_escsq,$(__pgo_dir))/train.compiler'

# PGO_TRAIN_KIND=sample: the training command runs under pgo collect, which
# samples the binary (perf) and writes a sample profile; the merge keeps
# the previous trained profile unless that worked.
__pgo_sample_raw = $(__pgo_raw)/train.sample.prof
__pgo_train_binary = $(or $(strip $(PGO_TRAIN_BINARY)),$(firstword $(PGO_TRAIN)))
quiet_cmd_pgo_collect = PGO     train (sampled): $(PGO_TRAIN)
cmd_pgo_collect = b='$(call __pgo_escsq,$(__pgo_train_binary))'; [ -f "$$b" ] || { $(__pgo_kept); \
    printf '%s\n' "pgo.mk: PGO_TRAIN_KIND=sample samples $$b$(if $(strip $(PGO_TRAIN_BINARY)),, (the first word of PGO_TRAIN)), which is not a file; $$kept: set PGO_TRAIN_BINARY to the program the training runs" >&2; exit 2; }; \
  rm -f '$(call __pgo_escsq,$(__pgo_sample_raw))'; \
  '$(call __pgo_escsq,$(__pgo_engine))' run --scratch-dir '$(call __pgo_escsq,$(__pgo_dir))/scratch' --name train -- \
    '$(call __pgo_escsq,$(__pgo_engine))' collect --frequency 20000 --repeat-for $(__pgo_sample_seconds) -o '$(call __pgo_escsq,$(__pgo_sample_raw))' --binary "$$b" -- sh -c '$(call __pgo_escsq,$(PGO_TRAIN))' >/dev/null
quiet_cmd_pgo_merge_samples =
cmd_pgo_merge_samples = '$(call __pgo_escsq,$(__pgo_engine))' merge --profdata '$(call __pgo_escsq,$(__pgo_merge_profdata))' -o '$(call __pgo_escsq,$(__pgo_train_profile))' --inputs '$(call __pgo_escsq,$(__pgo_sample_raw))' && \
  $(__pgo_write_train_cc)

# ---------------------------------------------------------------------------
# Help
# ---------------------------------------------------------------------------

# Function:  __pgo_help_knob
# Arguments: 1: knob name
#            2: description
# Returns:   a shell command printing the knob, its value and the description
__pgo_help_knob = printf '  %-18s %s\n  %-18s   = %s\n' '$(1)' '$(call __pgo_escsq,$(2))' '' '$(call __pgo_escsq,$($(1)))';

pgo_help:
	@printf '%s\n' 'pgo.mk: profile-guided optimization with clang or GCC 10+ (docs/make.md)' '' 'Targets:' \
	  '  pgo_instrument     build $(call __pgo_escsq,$(__pgo_goals_text)) instrumented$(if $(PGO_OUTDIR_VAR), (in $(call __pgo_outdir,instrument)))' \
	  '  pgo_train          pgo_instrument (or with PGO_TRAIN_KIND=sample the ordinary build), run PGO_TRAIN, merge into $(call __pgo_escsq,$(PGO_DIR))/train.profdata' \
	  '  pgo_optimize       build $(call __pgo_escsq,$(__pgo_goals_text)) with the trained profile (trains first if there is none)' \
	  '  pgo_update         install $(call __pgo_escsq,$(PGO_DIR))/train.profdata as $(call __pgo_escsq,$(call __pgo_rel,$(__pgo_update_dest))) (trains first if there is none)' \
	  '  pgo_compare        pgo_optimize, then the plain build (PGO=off); time PGO_BENCH in both, alternating (results in $(call __pgo_escsq,$(PGO_DIR))/compare)' \
	  '  pgo_status         how well the profile fits today'\''s code (builds the instrumented binaries first)' \
	  '  pgo_clean          remove $(call __pgo_escsq,$(PGO_DIR)) (all pgo.mk made, also the pgo program) and the phase outputs' \
	  '  pgo_help           this text' '' 'Knobs (set before the include line or on the command line):'
	@$(call __pgo_help_knob,PGO,auto (default.profdata beside the Makefile if present) | off | a profile file) \
	 $(call __pgo_help_knob,PGO_TRAIN,the training command line (run with sh -c in the Makefile folder)) \
	 $(call __pgo_help_knob,PGO_TRAIN_KIND,instrument | sample: pgo_train samples the ordinary build (pgo collect$(__pgo_comma) perf)) \
	 $(call __pgo_help_knob,PGO_TRAIN_BINARY,the binary PGO_TRAIN_KIND=sample samples (empty: the first word of PGO_TRAIN)) \
	 $(call __pgo_help_knob,PGO_TRAIN_SAMPLE_SECONDS,PGO_TRAIN_KIND=sample runs PGO_TRAIN again until its runs add up to this (0: once)) \
	 $(call __pgo_help_knob,PGO_BENCH,the benchmark pgo_compare times (its program first; run with sh -c in the Makefile folder)) \
	 $(call __pgo_help_knob,PGO_COMPARE_ROUNDS,timed rounds of pgo_compare) \
	 $(call __pgo_help_knob,PGO_COMPARE_WARMUP,untimed rounds first) \
	 $(call __pgo_help_knob,PGO_COMPARE_METRICS,names of the program's own figures; PGO_METRIC_<name> is each one's regular expression) \
	 $(call __pgo_help_knob,PGO_COMPARE_GATE,cpu | wall | metric:<name>: the measure PGO_COMPARE_FAIL_ABOVE checks) \
	 $(call __pgo_help_knob,PGO_COMPARE_FAIL_ABOVE,pgo_compare fails when the optimized/plain ratio is above this (empty: never)) \
	 $(call __pgo_help_knob,PGO_SAMPLE_READY,on | off: ordinary builds get -g and unique static names (the same code)) \
	 $(call __pgo_help_knob,PGO_DIR,folder for profiles$(__pgo_comma) checked copies$(__pgo_comma) stamps$(__pgo_comma) state includes and the pgo program) \
	 $(call __pgo_help_knob,PGO_GOALS,targets the phases build (empty: the default goal)) \
	 $(call __pgo_help_knob,PGO_LTO,on|off: -flto=thin in the instrument and optimize phases) \
	 $(call __pgo_help_knob,PGO_WINDOW,on | off: instrumented links get the window helper (pgo collect --pid on a canary)) \
	 $(call __pgo_help_knob,PGO_CONTINUOUS,off | on: instrument in continuous mode (clang 15+; counters survive SIGKILL)) \
	 $(call __pgo_help_knob,PGO_LINKER,auto (ld.lld of the compiler's version for ThinLTO links) | default) \
	 $(call __pgo_help_knob,PGO_LTO_JOBS,ThinLTO backend jobs of a link (empty: the -j of make$(__pgo_comma) else 1)) \
	 $(call __pgo_help_knob,PGO_LTO_CACHE,on|off: a ThinLTO cache in PGO_DIR/lto-cache) \
	 $(call __pgo_help_knob,PGO_LLVM_PROFDATA,llvm-profdata to use (empty: the one matching the compiler)) \
	 $(call __pgo_help_knob,PGO_CC,the compiler checked for clang or GCC) \
	 $(call __pgo_help_knob,PGO_ENGINE,an installed pgo program (empty: built into $(PGO_DIR)/bin/pgo)) \
	 $(call __pgo_help_knob,PGO_HOST_CC,the C compiler for this machine that builds the pgo program) \
	 $(call __pgo_help_knob,PGO_CC_VARS,compiler variables that get the flags (compile and link lines run them)) \
	 $(call __pgo_help_knob,PGO_OUTDIR_VAR,name of the output-directory variable; phases build below it) \
	 $(call __pgo_help_knob,PGO_STALE_FLAGS,flags that keep a stale profile silent) \
	 $(call __pgo_help_knob,PGO_GCC_STALE_FLAGS,the same for GCC) \
	 $(call __pgo_help_knob,PGO_MIN_MATCH,pgo_status fails below this hot-weighted match (percent; empty: never)) \
	 $(call __pgo_help_knob,PGO_STATUS_BINARIES,the binaries pgo_status reads (empty: the goals that are files)) \
	 $(call __pgo_help_knob,PGO_CLEAN_GOALS,goals that need no PGO flags) \
	 $(call __pgo_help_knob,PGO_OBJECTS,files that depend on the flag stamp (empty: automatic)) \
	 printf '  %-18s %s\n' V '1 on the command line shows the commands'

endif # not the link probe

.DEFAULT_GOAL := $(__pgo_saved_default_goal)

endif # PGO_MK_INCLUDED
