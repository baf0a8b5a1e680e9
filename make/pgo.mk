# SPDX-License-Identifier: MIT
#
# pgo.mk: profile-guided optimization (clang IR PGO) for hand-written GNU
# Makefiles, with the same loop and the same profile rules as FindPGO.cmake.
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
# The profile logic (finding llvm-profdata, checking and re-merging a profile,
# training, merging, installing) is in ../cmake/pgo-tool.sh, which the CMake
# package uses too.

ifndef PGO_MK_INCLUDED
PGO_MK_INCLUDED := 1

# Must be the first thing, before any other include changes MAKEFILE_LIST.
# realpath: a symlinked pgo.mk still finds ../cmake/pgo-tool.sh.
PGO_MK_DIR := $(patsubst %/,%,$(dir $(or $(realpath $(lastword $(MAKEFILE_LIST))),$(abspath $(lastword $(MAKEFILE_LIST))))))

ifeq ($(filter 4.% 5.% 6.%,$(MAKE_VERSION)),)
$(error pgo.mk: needs GNU Make 4.0 or newer, this is $(MAKE_VERSION): install GNU Make 4.x and run it as make (or gmake))
endif

# pgo.mk must not change the includer's default goal: remember it here and
# restore it at the end of this file. If it is still empty (pgo.mk included
# before the first rule), restoring the empty value lets the includer's first
# rule become the default goal as usual.
__pgo_saved_default_goal := $(.DEFAULT_GOAL)

# ---------------------------------------------------------------------------
# Knobs
# ---------------------------------------------------------------------------

# auto: use default.profdata beside the Makefile if it exists; off: never use
# a profile; anything else: a profile file (relative to the Makefile's folder).
PGO ?= auto
# The training command line (run with sh -c from the Makefile's folder).
PGO_TRAIN ?=
# Raw profiles, the trained profile, checked copies, flag stamps.
PGO_DIR ?= .pgo
# What the phases build; empty means the Makefile's default goal.
PGO_GOALS ?=
# ThinLTO in the instrument and optimize phases (on|off).
PGO_LTO ?= on
# The llvm-profdata to use; empty means the one that matches the compiler.
PGO_LLVM_PROFDATA ?=
# The shared profile logic.
PGO_TOOL ?= $(abspath $(PGO_MK_DIR)/../cmake/pgo-tool.sh)
# The compiler that decides whether PGO is possible (must be clang).
PGO_CC ?= $(CC)
# Variables that get the compile flags, and those that get the link flags.
PGO_CFLAGS_VARS ?= CFLAGS CXXFLAGS
PGO_LDFLAGS_VARS ?= LDFLAGS
# Name of the Makefile's output-directory variable (e.g. BUILD or O). When
# set, the phases build into <that dir>/pgo-instrument and pgo-optimize.
PGO_OUTDIR_VAR ?=
# Goals that build nothing: with only these on the command line pgo.mk adds
# no flags and runs no checks.
PGO_CLEAN_GOALS ?= clean distclean mostlyclean realclean maintainer-clean
# Flags that keep a stale profile silent, also under -Werror. clang <= 14
# rejects the -mllvm option when a compile line names it twice (a rule that
# uses both $(CFLAGS) and $(CXXFLAGS)); such Makefiles can use
# -Wno-backend-plugin (broader) in its place.
PGO_STALE_FLAGS ?= -Xclang -mllvm -Xclang -no-pgo-warn-mismatch -Wno-profile-instr-out-of-date -Wno-profile-instr-unprofiled
# Files that depend on the flag stamp. Empty: every target (GNU Make 4.3+),
# or the in-tree objects found on disk (older GNU Make).
PGO_OBJECTS ?=
# Internal: the phase a recursive make builds (instrument|optimize). Set by
# the pgo_* targets; a plain make leaves it empty.
PGO_PHASE ?=

# ---------------------------------------------------------------------------
# Output: V=1 on the command line shows the commands, make -s hides labels.
# ---------------------------------------------------------------------------

# (Read without referencing undefined variables, for --warn-undefined-variables.)
__pgo_V :=
ifeq ($(origin V),command line)
__pgo_V := $(V)
endif
__pgo_cmdgoals := $(if $(filter undefined,$(origin MAKECMDGOALS)),,$(MAKECMDGOALS))
__pgo_restarts := $(if $(filter undefined,$(origin MAKE_RESTARTS)),,$(MAKE_RESTARTS))
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

__pgo_empty :=
__pgo_comma := ,
__pgo_space := $(__pgo_empty) $(__pgo_empty)

# Function:  __pgo_escsq
# Arguments: 1: text
# Returns:   the text with each ' written as '\'' for use inside '...'
__pgo_escsq = $(subst ','\'',$(1))

# Function:  __pgo_cmd
# Arguments: 1: name X of a command pair: quiet_cmd_pgo_X is its short label,
#               cmd_pgo_X the shell command (both may use $(2), $(3), ...)
# Returns:   a recipe line that runs the command and prints its label (by
#            default), the command itself (V=1: make echoes the line), or
#            nothing (make -s)
__pgo_cmd = $(__pgo_Q)set -e; $(if $(__pgo_quiet),$(if $($(__pgo_quiet)cmd_pgo_$(1)),printf '  %s\n' '$(call __pgo_escsq,$($(__pgo_quiet)cmd_pgo_$(1)))';)) $(cmd_pgo_$(1))

# Function:  __pgo_warn
# Arguments: 1: message (without the pgo.mk: prefix)
# Returns:   nothing; prints "pgo.mk: warning: <message>" on stderr once: not
#            again in a make restarted after remaking its makefiles, nor in
#            the includer's own recursive makes (__PGO_WARNED is exported)
__pgo_warn = $(if $(or $(__pgo_restarts),$(filter $(call __pgo_warn_key,$(1)),$(__PGO_WARNED))),,$(shell printf '%s\n' 'pgo.mk: warning: $(call __pgo_escsq,$(1))' >&2)$(eval export __PGO_WARNED := $(__PGO_WARNED) $(call __pgo_warn_key,$(1))))

# Function:  __pgo_warn_key
# Arguments: 1: message
# Returns:   a short word that identifies the message
__pgo_warn_key = $(word 1,$(shell printf '%s' '$(call __pgo_escsq,$(1))' | cksum))

# Function:  __pgo_note
# Arguments: 1: message
# Returns:   nothing; prints "pgo.mk: <message>" on stdout with V=1 only
__pgo_note = $(if $(filter 1,$(__pgo_V)),$(info pgo.mk: $(1)))

# Function:  __pgo_memo
# Arguments: 1: name N; the value is computed by expanding __pgo_compute_N
# Returns:   the value, computed on the first use only (expensive $(shell)
#            calls run once per make, and only when something needs them)
__pgo_memo = $(if $(filter undefined,$(origin __pgo_memo_$(1))),$(eval __pgo_memo_$(1) := $$(__pgo_compute_$(1))))$(__pgo_memo_$(1))

# Function:  __pgo_kv
# Arguments: 1: key
#            2: words of key=value output (from pgo-tool.sh)
# Returns:   the value of key
__pgo_kv = $(patsubst $(1)=%,%,$(filter $(1)=%,$(2)))

# Function:  __pgo_status
# Arguments: 1: words printed by a __pgo_sh call
# Returns:   the exit status of the command
__pgo_status = $(call __pgo_kv,__pgo_rc,$(1))

# Function:  __pgo_text
# Arguments: 1: words printed by a __pgo_sh call
# Returns:   the command's output without the status word and "pgo:" prefix
__pgo_text = $(filter-out __pgo_rc=% pgo:,$(1))

# Function:  __pgo_sh
# Arguments: 1: a shell command
# Returns:   its output (stdout and stderr) followed by __pgo_rc=<exit status>
__pgo_sh = $(shell $(1) 2>&1; echo " __pgo_rc=$$?")

# ---------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------

# The folder of the Makefile make was started with: default.profdata and a
# relative PGO=<file> are looked up there.
__pgo_makefile := $(firstword $(MAKEFILE_LIST))
__pgo_top := $(patsubst %/,%,$(dir $(abspath $(__pgo_makefile))))

# Function:  __pgo_abs
# Arguments: 1: a path, absolute or relative to the Makefile's folder
# Returns:   the absolute path
__pgo_abs = $(if $(filter /%,$(1)),$(abspath $(1)),$(abspath $(__pgo_top)/$(1)))

__pgo_dir = $(abspath $(PGO_DIR))
# The same, for messages: relative to the current folder when below it.
__pgo_dir_msg = $(patsubst $(CURDIR)/%,%,$(__pgo_dir))
__pgo_train_profile = $(__pgo_dir)/train.profdata
__pgo_pgo = $(strip $(PGO))
__pgo_is_off = $(filter off OFF Off,$(__pgo_pgo))
__pgo_is_auto = $(if $(filter auto AUTO Auto,$(__pgo_pgo)),1,$(if $(__pgo_pgo),,1))
__pgo_default_profile = $(__pgo_top)/default.profdata
# The file pgo_update writes: the explicit PGO=<file>, else default.profdata.
__pgo_update_dest = $(if $(or $(__pgo_is_auto),$(__pgo_is_off)),$(__pgo_default_profile),$(call __pgo_abs,$(__pgo_pgo)))

# Function:  __pgo_outdir
# Arguments: 1: phase (instrument or optimize)
# Returns:   the output folder of that phase, below the includer's own one
__pgo_outdir = $(patsubst ./%,%,$(or $(strip $($(PGO_OUTDIR_VAR))),.)/pgo-$(1))

# One stamp per set of objects: in-tree builds share one set of objects
# between all phases; with an output directory each phase has its own.
__pgo_stamp := $(abspath $(PGO_DIR))/flags.$(if $(strip $(PGO_OUTDIR_VAR)),$(or $(PGO_PHASE),plain),tree)

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

# clang-<major> and/or gnu-<major>, from the compiler's predefined macros.
__pgo_compute_ccinfo = $(shell $(PGO_CC) -dM -E -x c /dev/null 2>/dev/null | sed -n -e 's/^.define __clang_major__ \([0-9][0-9]*\).*/clang-\1/p' -e 's/^.define __GNUC__ \([0-9][0-9]*\).*/gnu-\1/p')
__pgo_ccinfo = $(call __pgo_memo,ccinfo)
__pgo_is_clang = $(filter clang-%,$(__pgo_ccinfo))
__pgo_cc_desc = $(if $(__pgo_is_clang),clang $(patsubst clang-%,%,$(__pgo_is_clang)),$(if $(filter gnu-%,$(__pgo_ccinfo)),GCC $(patsubst gnu-%,%,$(filter gnu-%,$(__pgo_ccinfo))),not a C compiler that runs))

__pgo_need_tool = $(if $(wildcard $(PGO_TOOL)),,$(error pgo.mk: cannot find pgo-tool.sh at $(PGO_TOOL); keep pgo.mk in the make/ folder next to cmake/pgo-tool.sh, or set PGO_TOOL to it))

# Function:  __pgo_need_clang
# Arguments: 1: the pgo_* target that needs clang
# Returns:   nothing; stops make if PGO_CC is not clang
__pgo_need_clang = $(if $(__pgo_is_clang),,$(error pgo.mk: PGO needs clang; CC=$(PGO_CC) is $(__pgo_cc_desc): $(if $(__pgo_installed_clang),build with clang$(__pgo_comma) e.g. make CC=$(__pgo_installed_clang),install clang (e.g. apt-get install clang-14 libclang-rt-14-dev llvm-14) and build with it$(__pgo_comma) e.g. make CC=clang-14) $(if $(PGO_PHASE),$(1),$(or $(__pgo_cmdgoals),$(1)))))

# A clang that is installed, for the advice above: clang, else the newest
# clang-<major> on PATH (Debian and Ubuntu install only clang-<major>).
__pgo_path_dirs = $(subst :, ,$(subst $(__pgo_space),?,$(PATH)))
__pgo_installed_clang = $(or $(notdir $(firstword $(wildcard $(addsuffix /clang,$(__pgo_path_dirs))))),$(lastword $(sort $(filter clang-1% clang-2%,$(notdir $(wildcard $(addsuffix /clang-[0-9][0-9],$(__pgo_path_dirs))))))))

__pgo_compute_profdata = $(__pgo_need_tool)$(call __pgo_sh,sh '$(PGO_TOOL)' find-profdata '$(__pgo_cc_exe)' $(if $(strip $(PGO_LLVM_PROFDATA)),'$(strip $(PGO_LLVM_PROFDATA))'))
__pgo_profdata_ok = $(filter 0,$(call __pgo_status,$(call __pgo_memo,profdata)))
__pgo_profdata = $(if $(__pgo_profdata_ok),$(firstword $(call __pgo_text,$(call __pgo_memo,profdata))))
# pgo-tool.sh names the CMake knob; say the Make one.
__pgo_profdata_reason = $(subst PGO_LLVM_PROFDATA_EXECUTABLE,PGO_LLVM_PROFDATA,$(call __pgo_text,$(call __pgo_memo,profdata)))
__pgo_need_profdata = $(if $(__pgo_profdata_ok),,$(error pgo.mk: $(__pgo_profdata_reason)))

# ---------------------------------------------------------------------------
# Checking a profile and choosing the flags
# ---------------------------------------------------------------------------

# Function:  __pgo_check
# Arguments: 1: absolute path of a profile
# Returns:   the key=value words of "pgo-tool.sh check" (path, functions,
#            version, tool_version) or its one-line reason, then __pgo_rc=N
__pgo_check = $(call __pgo_sh,sh '$(PGO_TOOL)' check '$(__pgo_profdata)' '$(1)' '$(__pgo_dir)/use')

# Function:  __pgo_use
# Arguments: 1: absolute path of the profile
#            2: how messages name it (default.profdata, PGO=x.profdata)
#            3: what to do if it is bad: "auto" warns and builds without PGO,
#               anything else is the fix appended to the error
# Returns:   use:<checked copy> or off
__pgo_use = $(if $(__pgo_profdata_ok),$(call __pgo_use_checked,$(1),$(2),$(3),$(call __pgo_check,$(1))),$(call __pgo_bad,$(2),$(3),$(__pgo_profdata_reason),tool))

# Function:  __pgo_use_checked
# Arguments: 1-3: as for __pgo_use
#            4: the words printed by __pgo_check
# Returns:   use:<checked copy> or off
__pgo_use_checked = $(if $(filter 0,$(call __pgo_status,$(4))),$(call __pgo_old_llvm,$(2),$(4))$(call __pgo_note,$(2): using $(call __pgo_kv,functions,$(4)) functions from the checked copy $(call __pgo_kv,path,$(4)))use:$(call __pgo_kv,path,$(4)),$(call __pgo_bad,$(2),$(3),$(call __pgo_text,$(4))))

# Function:  __pgo_bad
# Arguments: 1: how messages name the profile
#            2: "auto" or the fix for an error
#            3: the reason
#            4: "tool" if the reason is a missing/mismatched llvm-profdata
# Returns:   off after a warning (auto), else stops make with an error
__pgo_bad = $(if $(filter auto,$(2)),$(call __pgo_warn,ignoring $(1): $(3); building without PGO$(if $(4),, (re-train: make pgo_train pgo_update)))off,$(error pgo.mk: $(1) $(if $(4),needs llvm-profdata: $(3),$(3); $(2))))

# Function:  __pgo_old_llvm
# Arguments: 1: how messages name the profile
#            2: the words printed by __pgo_check
# Returns:   nothing; warns if an older LLVM wrote the profile
__pgo_old_llvm = $(if $(call __pgo_older,$(call __pgo_kv,version,$(2)),$(call __pgo_kv,tool_version,$(2))),$(call __pgo_warn,$(1) was written by an older LLVM (profile format version $(call __pgo_kv,version,$(2)), llvm-profdata writes $(call __pgo_kv,tool_version,$(2))); it is used but parts of it may no longer apply: re-train it with this compiler: make pgo_train pgo_update))

# Function:  __pgo_older
# Arguments: 1: a number below 100
#            2: a number below 100
# Returns:   non-empty if 1 < 2
__pgo_older = $(if $(and $(1),$(2),$(filter-out $(2),$(1))),$(filter $(call __pgo_pad,$(2)),$(lastword $(sort $(call __pgo_pad,$(1)) $(call __pgo_pad,$(2))))))

# Function:  __pgo_pad
# Arguments: 1: a number below 100
# Returns:   the number as two digits, so that $(sort) orders numbers
__pgo_pad = $(if $(filter 0 1 2 3 4 5 6 7 8 9,$(1)),0$(1),$(1))

__pgo_explicit_fix = fix or re-train it (make pgo_train pgo_update), or build without it: make PGO=off
__pgo_train_fix = re-train it: make pgo_train

# The mode of this make: off, gen (instrumented) or use:<checked profile>.
__pgo_compute_mode = $(strip \
  $(if $(filter instrument,$(PGO_PHASE)),$(call __pgo_need_clang,pgo_instrument)gen,\
  $(if $(filter optimize,$(PGO_PHASE)),$(call __pgo_need_clang,pgo_optimize)$(call __pgo_use,$(__pgo_train_profile),$(__pgo_dir_msg)/train.profdata,$(__pgo_train_fix)),\
  $(if $(PGO_PHASE),$(error pgo.mk: PGO_PHASE=$(PGO_PHASE) is not a phase; leave PGO_PHASE unset, the pgo_* targets set it),\
  $(if $(__pgo_is_off),$(call __pgo_note,PGO=$(__pgo_pgo): building without PGO)off,\
  $(if $(__pgo_is_auto),$(__pgo_mode_auto),$(__pgo_mode_explicit)))))))

__pgo_mode_auto = $(if $(wildcard $(__pgo_default_profile)),\
  $(if $(__pgo_is_clang),$(__pgo_need_tool)$(call __pgo_use,$(__pgo_default_profile),$(patsubst $(CURDIR)/%,%,$(__pgo_default_profile)),auto),\
    $(call __pgo_note,PGO=auto: CC=$(PGO_CC) is $(__pgo_cc_desc) and not clang; building without PGO)off),\
  $(call __pgo_note,PGO=auto: no $(patsubst $(CURDIR)/%,%,$(__pgo_default_profile)); building without PGO)off)

__pgo_mode_explicit = $(if $(__pgo_is_clang),$(__pgo_need_tool)$(call __pgo_use,$(call __pgo_abs,$(__pgo_pgo)),PGO=$(__pgo_pgo)$(if $(filter /%,$(__pgo_pgo)),, ($(call __pgo_abs,$(__pgo_pgo)))),$(__pgo_explicit_fix)),\
  $(call __pgo_warn,PGO=$(__pgo_pgo) needs clang; CC=$(PGO_CC) is $(__pgo_cc_desc): building without PGO)off)

__pgo_mode = $(call __pgo_memo,mode)
__pgo_profile_copy = $(patsubst use:%,%,$(filter use:%,$(__pgo_mode)))

__pgo_lto_wanted = $(filter on ON On 1 yes YES true TRUE,$(strip $(PGO_LTO)))
__pgo_compute_lto = $(if $(shell d=$$(mktemp -d 2>/dev/null) || exit 0; printf 'int main(void) { return 0; }\n' >"$$d/t.c"; $(PGO_CC) -flto=thin "$$d/t.c" -o "$$d/t" >/dev/null 2>&1 && echo ok; rm -rf "$$d"),-flto=thin,$(call __pgo_warn,CC=$(PGO_CC) cannot link with -flto=thin (needs LLVMgold.so or lld); building without ThinLTO (PGO_LTO=off silences this)))
__pgo_lto = $(if $(__pgo_lto_wanted),$(call __pgo_memo,lto))

__pgo_use_cflags = -fprofile-use=$(__pgo_profile_copy) $(PGO_STALE_FLAGS)
__pgo_gen_flags = -fprofile-generate=$(__pgo_dir)/raw

__pgo_compute_cflags = $(strip $(if $(filter gen,$(__pgo_mode)),$(__pgo_gen_flags) $(__pgo_lto),$(if $(__pgo_profile_copy),$(__pgo_use_cflags) $(__pgo_lto))))
__pgo_compute_ldflags = $(strip $(if $(filter gen,$(__pgo_mode)),$(__pgo_gen_flags) $(__pgo_lto),$(if $(__pgo_profile_copy),$(__pgo_lto))))
__pgo_cflags = $(call __pgo_memo,cflags)
__pgo_ldflags = $(call __pgo_memo,ldflags)
__pgo_stamp_text = $(firstword $(subst :, ,$(__pgo_mode))) cflags: $(__pgo_cflags) ldflags: $(__pgo_ldflags)

# ---------------------------------------------------------------------------
# Flags and the flag stamp, for every make that builds something
# ---------------------------------------------------------------------------

__pgo_targets := pgo_instrument pgo_train pgo_optimize pgo_update pgo_clean pgo_help
__pgo_goals_pgo := $(filter $(__pgo_targets),$(__pgo_cmdgoals))
__pgo_goals_other := $(filter-out $(__pgo_targets),$(__pgo_cmdgoals))

ifneq ($(and $(__pgo_goals_pgo),$(__pgo_goals_other)),)
$(error pgo.mk: $(__pgo_goals_pgo) cannot be combined with other goals ($(__pgo_goals_other)) in one make command: run them one after the other, e.g. make $(__pgo_goals_other) && make $(__pgo_goals_pgo))
endif

# Active: this make builds the includer's goals, so the PGO flags apply.
# Not for the pgo_* targets themselves (their recursive make is active) and
# not for clean-only goals.
__pgo_active := $(if $(__pgo_goals_pgo),,$(if $(and $(__pgo_cmdgoals),$(filter-out $(PGO_CLEAN_GOALS),$(__pgo_cmdgoals))),1,$(if $(__pgo_cmdgoals),,1)))

ifeq ($(__pgo_active),1)

# The flags reach the compile and link lines even with CFLAGS=... on the
# command line (override), wherever the includer assigns these variables
# (pattern-specific values are applied when a recipe runs), and only once
# per line (private: not inherited again by prerequisites). They are
# computed when a recipe first uses them.
# Skipped when there can be no flags (no phase, and PGO=off or no
# default.profdata), so that the commands do not change at all; and for a
# variable that already has PGO flags (CFLAGS="$(CFLAGS)" passed down to a
# recursive make that includes pgo.mk too).
ifneq ($(or $(strip $(PGO_PHASE)),$(if $(__pgo_is_off),,$(if $(__pgo_is_auto),$(wildcard $(__pgo_default_profile)),1))),)
$(foreach __pgo_v,$(PGO_CFLAGS_VARS),$(if $(filter -fprofile-use=% -fprofile-generate=%,$(value $(__pgo_v))),,$(eval %: private override $(__pgo_v) += $$(__pgo_cflags))))
$(foreach __pgo_v,$(PGO_LDFLAGS_VARS),$(if $(filter -fprofile-use=% -fprofile-generate=%,$(value $(__pgo_v))),,$(eval %: private override $(__pgo_v) += $$(__pgo_ldflags))))
endif

# The flag stamp holds the PGO flags the objects were last built with. It is
# rewritten only when they change, so its time is the time of the last
# change: an object older than the stamp was built with other flags and is
# rebuilt. This also holds after a build that failed half-way.
__pgo_has_extra_prereqs := $(filter extra-prereqs,$(.FEATURES))
ifneq ($(strip $(PGO_OBJECTS)),)
ifneq ($(__pgo_has_extra_prereqs),)
$(PGO_OBJECTS): .EXTRA_PREREQS += $(__pgo_stamp)
else
$(PGO_OBJECTS): $(__pgo_stamp)
endif
else ifneq ($(__pgo_has_extra_prereqs),)
# Every target depends on the stamp, without appearing in $^ or $?.
.EXTRA_PREREQS += $(__pgo_stamp)
else
# GNU Make < 4.3: the objects beside the sources, and those already on disk
# (in-tree, and below the output directory if it is known by now).
__pgo_od := $(if $(strip $(PGO_OUTDIR_VAR)),$(strip $($(PGO_OUTDIR_VAR))))
__pgo_srcdirs := . $(patsubst %/,%,$(wildcard */ */*/ */*/*/ $(if $(__pgo_od),$(__pgo_od)/*/ $(__pgo_od)/*/*/ $(__pgo_od)/*/*/*/)))
__pgo_found_objects := $(patsubst ./%,%,$(sort \
  $(foreach __pgo_e,c cc cpp cxx C S s,$(patsubst %.$(__pgo_e),%.o,$(wildcard $(addsuffix /*.$(__pgo_e),$(__pgo_srcdirs))))) \
  $(wildcard $(addsuffix /*.o,$(__pgo_srcdirs)))))
$(filter-out $(PGO_DIR)/%,$(__pgo_found_objects)): $(__pgo_stamp)
endif

$(__pgo_stamp) __pgo_FORCE: private .EXTRA_PREREQS :=
$(__pgo_stamp): __pgo_FORCE
	+$(__pgo_update_stamp)

# The stamp is written while make expands the (then empty) recipe line, so
# that make -n neither prints it nor skips it; "+" makes make look at the
# stamp's time again afterwards, also under make -n.
__pgo_update_stamp = $(if $(filter 1,$(__pgo_V)),$(info $(cmd_pgo_stamp)))$(if $(and $(filter changed,$(shell $(cmd_pgo_stamp))),$(filter-out silent_,$(__pgo_quiet))),$(info $(__pgo_space) PGO     flags changed ($(firstword $(subst :, ,$(__pgo_mode)))): rebuilding))
# Prints "changed" when it replaces a stamp with other flags.
cmd_pgo_stamp = mkdir -p '$(dir $(__pgo_stamp))'; new='$(call __pgo_escsq,$(__pgo_stamp_text))'; \
  old=$$(cat '$(__pgo_stamp)' 2>/dev/null || :); \
  if [ "$$new" != "$$old" ]; then \
    printf '%s\n' "$$new" >'$(__pgo_stamp)'.$$$$ && mv -f '$(__pgo_stamp)'.$$$$ '$(__pgo_stamp)'; \
    [ -z "$$old" ] || echo changed; \
  fi

.PHONY: __pgo_FORCE
__pgo_FORCE:

endif # __pgo_active

# ---------------------------------------------------------------------------
# Phases: run the includer's goals in one recursive make
# ---------------------------------------------------------------------------

__pgo_goals = $(or $(strip $(PGO_GOALS)),$(.DEFAULT_GOAL),$(error pgo.mk: the Makefile has no default goal; set PGO_GOALS to the targets the phases build))
__pgo_goals_text = $(or $(strip $(PGO_GOALS)),$(.DEFAULT_GOAL),(no default goal: set PGO_GOALS))

# Function:  __pgo_before
# Arguments: 1: pgo_* targets that must finish first if they are goals too
# Returns:   those of them on the command line (keeps make -j in order)
__pgo_before = $(filter $(1),$(__pgo_cmdgoals))

quiet_cmd_pgo_phase = PGO     $(2): $(__pgo_goals)$(if $(PGO_OUTDIR_VAR), in $(call __pgo_outdir,$(2)))
cmd_pgo_phase = $(MAKE) --no-print-directory -f '$(__pgo_makefile)' PGO_PHASE=$(2) \
  PGO_DIR='$(__pgo_dir)' PGO_LLVM_PROFDATA='$(__pgo_profdata)' __PGO_GOALS='$(__pgo_goals)' \
  $(if $(PGO_OUTDIR_VAR),$(PGO_OUTDIR_VAR)='$(call __pgo_outdir,$(2))') $(3)

.PHONY: $(__pgo_targets)

pgo_instrument: $(call __pgo_before,pgo_clean)
	$(call __pgo_need_clang,$@)$(__pgo_need_tool)$(__pgo_need_profdata)
	+$(call __pgo_cmd,phase,instrument,__pgo_instrument)

pgo_train: $(call __pgo_before,pgo_clean pgo_instrument)
	$(call __pgo_need_clang,$@)$(__pgo_need_train)$(__pgo_need_tool)$(__pgo_need_profdata)
	+$(call __pgo_cmd,phase,instrument,__pgo_train)

# pgo_optimize and pgo_update train first when there is no trained profile
# yet (as in CMake; make runs pgo_train once even when both ask for it).
__pgo_train_needed := $(if $(or $(call __pgo_before,pgo_clean),$(if $(wildcard $(abspath $(PGO_DIR))/train.profdata),,1)),pgo_train)
pgo_optimize: $(call __pgo_before,pgo_clean pgo_instrument pgo_train pgo_update) $(if $(filter pgo_optimize,$(__pgo_cmdgoals)),$(__pgo_train_needed))
	$(call __pgo_need_clang,$@)$(__pgo_need_tool)$(__pgo_need_profdata)
	+$(call __pgo_cmd,phase,optimize,__pgo_optimize)

pgo_update: $(call __pgo_before,pgo_clean pgo_instrument pgo_train) $(if $(filter pgo_update,$(__pgo_cmdgoals)),$(__pgo_train_needed))
	$(__pgo_need_tool)$(call __pgo_cmd,update)

pgo_clean:
	$(call __pgo_cmd,clean)

__pgo_need_train = $(if $(strip $(PGO_TRAIN)),,$(error pgo.mk: PGO_TRAIN is empty; set it to the training command, e.g. PGO_TRAIN = ./app --input data/typical.txt))

quiet_cmd_pgo_update = PGO     update $(patsubst $(CURDIR)/%,%,$(__pgo_update_dest))
cmd_pgo_update = if [ ! -f '$(__pgo_train_profile)' ]; then \
    printf '%s\n' 'pgo.mk: there is no trained profile $(__pgo_dir_msg)/train.profdata to install; train first: make pgo_train pgo_update' >&2; exit 2; fi; \
  sh '$(PGO_TOOL)' install '$(__pgo_train_profile)' '$(__pgo_update_dest)'

# Never removes a checked-in profile, only what pgo.mk made.
__pgo_clean_files = $(filter-out $(__pgo_update_dest),$(__pgo_train_profile))
quiet_cmd_pgo_clean = PGO     clean $(__pgo_dir_msg)$(if $(PGO_OUTDIR_VAR), $(call __pgo_outdir,instrument) $(call __pgo_outdir,optimize))
cmd_pgo_clean = rm -rf '$(__pgo_dir)/raw' '$(__pgo_dir)/use' $(foreach f,$(__pgo_clean_files),'$(f)') '$(__pgo_dir)'/flags.*; \
  $(if $(PGO_OUTDIR_VAR),rm -rf '$(call __pgo_outdir,instrument)' '$(call __pgo_outdir,optimize)';) \
  rmdir '$(__pgo_dir)' 2>/dev/null || :

# The recursive make of a phase (PGO_PHASE set): its own private goals.
ifneq ($(strip $(PGO_PHASE)),)
__pgo_instrument: $(__PGO_GOALS)

__pgo_train: $(__PGO_GOALS)
	$(call __pgo_cmd,clear)
	$(call __pgo_cmd,run)
	$(call __pgo_cmd,merge)

__pgo_optimize: $(__PGO_GOALS)
	$(if $(filter silent_,$(__pgo_quiet)),@:,@printf '%s\n' 'pgo.mk: optimized build of $(call __pgo_escsq,$(__PGO_GOALS)) (profile $(__pgo_dir_msg)/train.profdata) is in $(call __pgo_escsq,$(if $(PGO_OUTDIR_VAR),$(patsubst %/,%,$($(PGO_OUTDIR_VAR))),$(CURDIR)))/')

.PHONY: __pgo_instrument __pgo_train __pgo_optimize
endif

__pgo_raw = $(__pgo_dir)/raw
quiet_cmd_pgo_clear =
cmd_pgo_clear = sh '$(PGO_TOOL)' clear '$(__pgo_raw)'
quiet_cmd_pgo_run = PGO     train: $(PGO_TRAIN)
cmd_pgo_run = sh '$(PGO_TOOL)' run '$(__pgo_raw)' train sh -c '$(call __pgo_escsq,$(PGO_TRAIN))' || { \
    rc=$$?; printf '%s\n' 'pgo.mk: the training command failed (exit status '"$$rc"'); kept the previous profile $(__pgo_dir_msg)/train.profdata: fix PGO_TRAIN or the program and run make pgo_train again' >&2; exit $$rc; }
quiet_cmd_pgo_merge =
cmd_pgo_merge = sh '$(PGO_TOOL)' merge '$(__pgo_profdata)' '$(__pgo_raw)' '$(__pgo_train_profile)' train

# ---------------------------------------------------------------------------
# Help
# ---------------------------------------------------------------------------

# Function:  __pgo_help_knob
# Arguments: 1: knob name
#            2: description
# Returns:   a shell command printing the knob, its value and the description
__pgo_help_knob = printf '  %-18s %s\n  %-18s   = %s\n' '$(1)' '$(call __pgo_escsq,$(2))' '' '$(call __pgo_escsq,$($(1)))';

pgo_help:
	@printf '%s\n' 'pgo.mk: profile-guided optimization with clang (docs/make.md)' '' 'Targets:' \
	  '  pgo_instrument     build $(call __pgo_escsq,$(__pgo_goals_text)) instrumented$(if $(PGO_OUTDIR_VAR), (in $(call __pgo_outdir,instrument)))' \
	  '  pgo_train          pgo_instrument, run PGO_TRAIN, merge into $(PGO_DIR)/train.profdata' \
	  '  pgo_optimize       build $(call __pgo_escsq,$(__pgo_goals_text)) with the trained profile (trains first if there is none)' \
	  '  pgo_update         install $(PGO_DIR)/train.profdata as $(patsubst $(CURDIR)/%,%,$(__pgo_update_dest)) (trains first if there is none)' \
	  '  pgo_clean          remove raw profiles, the trained profile, stamps and phase outputs' \
	  '  pgo_help           this text' '' 'Knobs (set before the include line or on the command line):'
	@$(call __pgo_help_knob,PGO,auto (default.profdata beside the Makefile if present) | off | a profile file) \
	 $(call __pgo_help_knob,PGO_TRAIN,the training command line (run with sh -c in the Makefile folder)) \
	 $(call __pgo_help_knob,PGO_DIR,folder for raw and trained profiles$(__pgo_comma) checked copies and flag stamps) \
	 $(call __pgo_help_knob,PGO_GOALS,targets the phases build (empty: the default goal)) \
	 $(call __pgo_help_knob,PGO_LTO,on|off: -flto=thin in the instrument and optimize phases) \
	 $(call __pgo_help_knob,PGO_LLVM_PROFDATA,llvm-profdata to use (empty: the one matching the compiler)) \
	 $(call __pgo_help_knob,PGO_CC,the compiler checked for clang) \
	 $(call __pgo_help_knob,PGO_CFLAGS_VARS,variables that get the compile flags) \
	 $(call __pgo_help_knob,PGO_LDFLAGS_VARS,variables that get the link flags) \
	 $(call __pgo_help_knob,PGO_OUTDIR_VAR,name of the output-directory variable; phases build below it) \
	 $(call __pgo_help_knob,PGO_STALE_FLAGS,flags that keep a stale profile silent) \
	 $(call __pgo_help_knob,PGO_CLEAN_GOALS,goals that need no PGO flags) \
	 $(call __pgo_help_knob,PGO_OBJECTS,files that depend on the flag stamp (empty: automatic)) \
	 $(call __pgo_help_knob,PGO_TOOL,the shared pgo-tool.sh) \
	 printf '  %-18s %s\n' V '1 on the command line shows the commands'

.DEFAULT_GOAL := $(__pgo_saved_default_goal)

endif # PGO_MK_INCLUDED
