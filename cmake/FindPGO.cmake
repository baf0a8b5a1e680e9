# SPDX-License-Identifier: MIT

#[=======================================================================[.rst:
FindPGO
-------

.. versionadded:: 0.1

Profile-guided optimization for C and C++ targets, the way ``go build -pgo``
does it: a checked-in ``default.profdata`` is used by every ordinary build,
stale profiles never break a build, and three targets refresh the profile.
It uses clang's IR PGO (``-fprofile-generate``, ``llvm-profdata merge``,
``-fprofile-use``) or GCC's (10 and later; the profile is one archive of the
``.gcda`` files, written by ``pgo_update``); clang and GCC must not be mixed
between C and C++. With GCC the opted-in targets compile through ``pgo cc``
(a compiler launcher, before one the target has), which names their sources
relative to the build tree through the link ``<build>/pgo/source``, so that
static functions find their profile in any checkout. With another compiler
every build is plain.

.. code-block:: cmake

  find_package(PGO)
  add_executable(app main.c engine.c)
  pgo_target(app)
  pgo_add_training(NAME typical COMMAND app --input data/typical.txt)

Result Variables
^^^^^^^^^^^^^^^^

``PGO_FOUND``
  True when the C and C++ compilers are clang and a matching ``llvm-profdata``
  was found, or both are GCC 10 or newer of one major. When false, ``pgo_target()`` changes nothing and the ``pgo_*``
  targets fail with the reason.
``PGO_VERSION``
  Version of this package.
``PGO_COMPILER``
  .. versionadded:: 0.2

  ``clang-<major>`` or ``gcc-<major>``: the name of this compiler's own
  profile, ``pgo/<PGO_COMPILER>.profdata``.
``PGO_LLVM_PROFDATA_EXECUTABLE``
  The ``llvm-profdata`` of the compiler's LLVM major version (also a cache
  variable: set it to override the search; a version mismatch is reported).

Imported Targets
^^^^^^^^^^^^^^^^

``PGO::llvm-profdata``
  The ``llvm-profdata`` executable, when found.

Cache Variables
^^^^^^^^^^^^^^^

``PGO``
  ``auto`` (default; also an empty value): use ``default.profdata`` from the
  target's source directory, else from the top-level source directory, else
  build plain. In a directory that has a ``pgo/`` subfolder, each compiler
  reads only its own ``pgo/<PGO_COMPILER>.profdata`` there (for a CI matrix
  of compilers; ``pgo_update`` writes that file), never ``default.profdata``
  or another compiler's file. A profile of the other compiler family is
  refused with one warning (a plain build). ``off`` (``no``, ``false``, ``0``): build plain. Any other
  value: the profile to use, relative to the top-level source directory; it
  must exist, whatever the compiler. ``on``, ``yes``, ``true`` and ``1`` are
  errors. ``docs/contract.md`` holds the table, checked against Make too.
``PGO_LTO``
  ``ON`` (default): targets built with or for a profile also get ThinLTO
  through CMake's IPO support, which is what lets PGO inline and
  devirtualize across source files. ``OFF``: PGO alone.
``PGO_LINKER``
  ``auto`` (default): ThinLTO links of opted-in executables and shared
  libraries use the ``ld.lld`` of the compiler's LLVM version (beside the
  compiler, ``ld.lld-<major>``, or ``ld.lld``; passed as ``--ld-path``,
  clang 12 and later) when one is installed and links a test program,
  unless the project chose a linker (``-fuse-ld``/``--ld-path`` in its
  linker flags or the target's link options, ``CMAKE_LINKER_TYPE``,
  ``LINKER_TYPE``). ``lld``: the same, and one status line says why lld is
  not used when it cannot be. ``default``: the compiler's own linker (GNU
  ld with ``LLVMgold.so`` on Debian).
``PGO_LTO_JOBS``
  Default: empty, one ThinLTO backend job per logical CPU, as many as
  Ninja or ``cmake --build -j`` run compile jobs by default. A number:
  that many jobs per link (``--thinlto-jobs``/``--plugin-opt=jobs``); lower
  it when several ThinLTO links run at once.
``PGO_LTO_CACHE``
  ``ON`` (default): a ThinLTO cache in ``<build>/pgo/lto-cache``
  (``--thinlto-cache-dir``/``--plugin-opt=cache-dir``), so that a re-link
  after a small change re-optimizes only the modules that changed.
  ``OFF``: none. Nothing of the three applies when the project chose its
  linker.
``PGO_WINDOW``
  ``ON`` (default): instrumented executables and shared libraries (the
  ``pgo_instrument`` tree, never an ordinary build) contain the window
  helper, so that ``pgo collect --pid`` pulls window profiles from a running
  canary and ``SIGTERM`` does not lose the profile (``docs/production.md``).
  ``OFF``: plain instrumentation.
``PGO_CONTINUOUS``
  ``OFF`` (default). ``ON``: instrument in continuous mode, counters mapped
  to the profile file, so that they survive ``SIGKILL`` (with ``%c`` in
  ``LLVM_PROFILE_FILE``): ``-fprofile-continuous`` from clang 21,
  ``-mllvm -runtime-counter-relocation`` from clang 15; clang 14 gets a
  status line and plain instrumentation (its relocation crashes the
  optimizer).
``PGO_SAMPLE_READY``
  ``ON`` (default): opted-in targets are built ready to be sampled in
  production (``pgo collect``): debug info (``-g``, which llvm-profgen
  needs; line tables alone lose every function but ``main``) and unique
  names for static functions (``-funique-internal-linkage-names``, with
  ``-fmacro-prefix-map`` of the source and build folders so that the names do
  not depend on where the checkout is; ``__FILE__`` reads relative to them).
  The generated code stays the same; object files grow about 3 times.
  ``OFF``: none of these.
``PGO_LLVM_PROFDATA_EXECUTABLE``
  Found (default): the ``llvm-profdata`` of the compiler's LLVM major
  version. Set it to choose one; a version mismatch is reported.
``PGO_TRAIN_KIND``
  ``instrument`` (default): ``pgo_train`` runs the training runs in an
  instrumented build and merges exact counts. ``sample``: it runs them in a
  build made like the ordinary one (``<build>/pgo/sample``) under
  ``pgo collect`` (which needs ``perf``) and merges the sample profiles, so
  that CI can make the kind of profile production gives. Training runs are
  sampled at 20,000 Hz (or the kernel's ``perf_event_max_sample_rate``, if
  lower), not production's 499 Hz: they are short, and a starved sample
  profile can make a program slower than plain.
``PGO_TRAIN_SAMPLE_SECONDS``
  Default ``0`` (once). With ``PGO_TRAIN_KIND=sample``: each training run is
  run again (in the same perf session and scratch folder) until its runs add
  up to this many seconds, for more samples. Measured on
  ``examples/interp``'s 0.3 s training: at ``-O2``, 10 s of runs gave 0.79x
  plain CPU time against 0.87x from one run (instrumentation: 0.77x); at
  ``-O3`` (CMake's Release) two runs gave 0.88x and 0.81x against 0.84x and
  0.82x, no steady gain, so it is not the default.
``PGO_TRAIN_JOBS``
  Default: the number of logical cores. How many training runs
  ``pgo_train`` runs at once.
``PGO_COMPARE_ROUNDS``
  Default ``7``. Timed rounds of ``pgo_compare``; each runs every build
  once, in alternating order (A B C, then C B A).
``PGO_COMPARE_WARMUP``
  Default ``1``. Untimed rounds before them.
``PGO_COMPARE_FAIL_ABOVE``
  Default: empty (never fails). ``pgo_compare`` fails when, for a
  benchmark and a build other than the plain one, the median of the
  per-round ratios (that build / plain) of the ``PGO_COMPARE_GATE`` measure
  is above this, e.g. ``1.02``.
``PGO_COMPARE_GATE``
  .. versionadded:: 0.2

  Default ``cpu``. The measure ``PGO_COMPARE_FAIL_ABOVE`` checks: ``cpu``
  (user + system time of the benchmark), ``wall`` (elapsed time), or
  ``metric:<name>``, a ``METRIC`` of ``pgo_add_benchmark()`` (benchmarks
  without it are not checked). On a shared machine CPU time is the steadier
  one: in three runs of ``examples/server`` on a busy 2-vCPU machine the
  wall-time ratio ranged from 0.65x to 0.81x, the CPU-time ratio from 0.67x
  to 0.68x (and a user saw one benchmark go from 0.93x to 1.01x wall time
  between two runs while its CPU time held). A metric suits a
  gate when lower is better (a latency); a higher-is-better figure (a
  throughput) would need the limit read the other way.
``PGO_COMPARE_PROFILES``
  .. versionadded:: 0.2

  Default: empty. More profiles to measure side by side: each file (a
  relative path is taken from the top-level source directory) adds a build,
  configured like the optimized one but with that profile (an
  instrumentation or a sample profile, checked like any ``PGO=<file>``),
  labelled with the file's name without its extension (made unique with
  ``-2``, ``-3``, ...). ``-DPGO_COMPARE_PROFILES=/x/sample.profdata`` gives
  the builds baseline, optimized and sample.
``PGO_MIN_MATCH``
  Default: empty (no gate). A percentage, e.g. ``80``: ``pgo_status`` fails
  when a profile's hot-weighted match (the share of its counts that lands on
  functions whose name and CFG hash still match today's code) is below it,
  naming the hottest stale functions; and the configure step prints one
  line for each profile below it, as of the last instrumented build.
``PGO_STATUS_REPORT``
  ``OFF`` (default). ``ON``: the configure step prints every profile's
  match, as of the last instrumented build (``pgo_status``,
  ``pgo_instrument`` or ``pgo_train``; kept until the profile or those
  binaries change, so it costs nothing when neither did).
``PGO_ENGINE``
  Default: empty (build ``pgo`` from ``engine/`` into
  ``<build>/pgo/bin/pgo`` at configure time). An installed ``pgo`` to use
  instead.
``PGO_HOST_C_COMPILER``
  Found when needed (``cc``, ``gcc``, ``clang``): the C compiler of the
  build host that builds the engine when the project cross-compiles or has
  no C. Otherwise the project's C compiler builds it.

Commands
^^^^^^^^

.. command:: pgo_target

  .. code-block:: cmake

    pgo_target(<target>...)

  Opts executables and libraries in: they are built with the profile in the
  ordinary tree, instrumented by ``pgo_instrument`` and optimized by
  ``pgo_optimize``. Other targets never change. Takes no keywords: every
  argument must be an executable, static, shared, module or object library
  target of this project; anything else is an error naming it. Calling it
  twice for a target is harmless.

  A target built with a profile links a small object that records it: an
  allocated, retained ELF note (``.note.pgo``, kept by ``strip`` and
  ``--gc-sections``) with the profile's file, content hash, kind and the
  compiler, which ``pgo info <binary>`` prints. A static or object library
  passes it on to what links it.

.. command:: pgo_add_training

  .. code-block:: cmake

    pgo_add_training(NAME <name> COMMAND <target-or-program> [<arg>...]
                     [WORKING_DIRECTORY <dir>] [WEIGHT <n>])

  Adds a training run: a CTest test ``pgo-train.<name>`` with the label
  ``pgo-train``. In the instrumented tree it writes raw profiles, which are
  merged into one profile; in the ordinary tree it is a plain test.

  ``NAME <name>``
    Required. Letters, digits, ``-`` and ``_``; unique; not ``clear`` or
    ``merge``, the names of the fixture steps.
  ``COMMAND <target-or-program> [<arg>...]``
    Required. The command line, each argument passed as given (as
    ``add_test()`` does: ``"a;b"`` stays one argument, ``""`` an empty one,
    and nothing is run through a shell). When it starts with an executable
    target, that target's file of the current tree runs, through its
    ``CROSSCOMPILING_EMULATOR`` if it has one. Each run gets an empty
    scratch folder of its own, ``<tree>/pgo/scratch/<name>.<pid>``, removed
    when it ends: its path is in the environment variable
    ``PGO_TRAINING_DIR``, and ``@PGO_TRAINING_DIR@`` in an argument is
    replaced by it (``--db=@PGO_TRAINING_DIR@/db``), so that runs which
    keep data in a fixed place do not collide under ``PGO_TRAIN_JOBS``.
  ``WORKING_DIRECTORY <dir>``
    Default: the build directory of the calling ``CMakeLists.txt`` in the
    tree that runs it (``<build>/pgo/instrument/...`` for training), as
    for ``add_test()``; not the scratch folder.
  ``WEIGHT <n>``
    Default ``1``. A whole number that multiplies this run's counts in the
    merge (``llvm-profdata merge --weighted-input``). With GCC, whose
    libgcov adds every run into one profile, the run is repeated ``<n>``
    times instead (``pgo repeat --times``), and the configure says so.

.. command:: pgo_add_benchmark

  .. code-block:: cmake

    pgo_add_benchmark(NAME <name> COMMAND <target> [<arg>...]
                      [WORKING_DIRECTORY <dir>]
                      [METRIC <metric> <regex> [<metric> <regex>...]]...)

  Adds a workload that ``pgo_compare`` times, alternating a plain build of
  ``<target>``, the optimized one and those of ``PGO_COMPARE_PROFILES``.

  ``NAME <name>``
    Required. Letters, digits, ``-`` and ``_``; unique.
  ``COMMAND <target> [<arg>...]``
    Required. Must start with an executable target: each build runs its
    own copy of it. Its size change counts the target's file and every
    opted-in shared library it links, directly or through other libraries
    (and opted-in modules it depends on through ``add_dependencies()``).
  ``WORKING_DIRECTORY <dir>``
    Default: the build directory of the calling ``CMakeLists.txt``.
  ``METRIC <metric> <regex>``
    .. versionadded:: 0.2

    Repeatable; pairs. A figure the program prints itself: ``<regex>`` is a
    POSIX extended regular expression (``^`` and ``$`` match at each line)
    whose first group ``( )`` is the number, searched in each run's
    standard output, then its standard error. ``pgo_compare`` reports the
    median of its per-round ratios beside wall and CPU time, and fails when
    a run does not print it. ``<metric>`` is a letter or ``_`` followed by
    letters, digits and ``_``, and not ``cpu``, ``wall`` or ``size``. For
    example ``METRIC ops_per_s "^ops/s: ([0-9.]+)$"``.

Targets
^^^^^^^

``pgo_instrument``
  Builds instrumented copies of the opted-in targets in
  ``<build>/pgo/instrument``, a tree configured like this one.
``pgo_train``
  Runs every training run through CTest and merges the raw profiles into
  ``<build>/pgo/train.profdata`` (``<build>/pgo/<config>/train.profdata``
  with multi-config generators). A failed run keeps the previous profile.
``pgo_optimize``
  Builds optimized copies in ``<build>/pgo/optimize`` with the trained
  profile, training first when the instrumented binaries are newer than it.
``pgo_update``
  Copies the trained profile, atomically, to where ``PGO`` reads it from,
  training first when the instrumented binaries are newer than it.
``pgo_compare``
  Builds ``<build>/pgo/baseline`` (plain) and a tree per
  ``PGO_COMPARE_PROFILES`` file, then runs each benchmark in every build,
  round after round in alternating order, and prints per build the median
  of the per-round ratios to the plain build (CPU time, wall time, each
  metric) with their min-max, the size change, and the medians of the
  absolute figures. Each run's standard output and error are kept in
  ``<build>/pgo/compare/<benchmark>/<label>.<round>.stdout`` and
  ``.stderr`` (``<label>``: ``baseline``, ``optimized`` or a profile's);
  all figures in ``<build>/pgo/compare/compare.csv`` and ``.json``.
``pgo_status``
  Without running anything: for each profile in use, what it is (kind,
  format, content hash, size, age, and commits since it last changed when
  the source is a git checkout), and how well it fits today's code: the
  functions in the profile, those of each target that match it by name and
  CFG hash, the hot-weighted match and the hottest functions that no
  longer match. The hashes come from the instrumented tree, which it
  builds first (incrementally, as ``pgo_instrument`` does); a sample
  profile has no hashes and matches by name against the built targets.
  Fails below ``PGO_MIN_MATCH``.
``pgo_clean``
  Removes what the package made in ``<build>/pgo``: raw and trained
  profiles, checked copies, the phase trees and leftover temporary files;
  never a profile in the source tree, nor the last comparison
  (``<build>/pgo/compare``).
#]=======================================================================]

if(CMAKE_VERSION VERSION_LESS 3.21)
  message(FATAL_ERROR " PGO: needs CMake 3.21 or newer, this is ${CMAKE_VERSION}; update CMake")
endif()

set(PGO_VERSION 0.1.0)
set(_PGO_MODULE_DIR "${CMAKE_CURRENT_LIST_DIR}")

set(PGO "auto" CACHE STRING "Profile for PGO: auto, off, or a .profdata file")
set(PGO_ENGINE "" CACHE FILEPATH "An installed pgo engine to use (empty: build one per build tree)")
mark_as_advanced(PGO_ENGINE)
option(PGO_LTO "Pair PGO with ThinLTO in instrumented and optimized builds" ON)
set(PGO_LINKER "auto" CACHE STRING "Linker of ThinLTO links: auto (lld of the compiler's version when installed), lld, default")
set_property(CACHE PGO_LINKER PROPERTY STRINGS auto lld default)
set(PGO_LTO_JOBS "" CACHE STRING "ThinLTO backend jobs of one link (empty: the number of logical CPUs)")
option(PGO_LTO_CACHE "Keep a ThinLTO cache in <build>/pgo/lto-cache" ON)
mark_as_advanced(PGO_LTO_JOBS PGO_LTO_CACHE)
option(PGO_WINDOW "Link the window helper into instrumented executables and shared libraries" ON)
option(PGO_CONTINUOUS "Instrument in continuous mode (counters survive SIGKILL; clang 15+)" OFF)
option(PGO_SAMPLE_READY "Build opted-in targets with line tables and unique static names, ready to be sampled" ON)
set(PGO_TRAIN_KIND "instrument" CACHE STRING "How pgo_train makes a profile: instrument or sample")
set_property(CACHE PGO_TRAIN_KIND PROPERTY STRINGS instrument sample)
cmake_host_system_information(RESULT _pgo_nproc QUERY NUMBER_OF_LOGICAL_CORES)
set(PGO_TRAIN_JOBS "${_pgo_nproc}" CACHE STRING "Training runs run at once by pgo_train")
set(PGO_TRAIN_SAMPLE_SECONDS 0 CACHE STRING "With PGO_TRAIN_KIND=sample: seconds each training run is repeated for (0: once)")
set(PGO_COMPARE_ROUNDS 7 CACHE STRING "Timed rounds of pgo_compare")
set(PGO_COMPARE_WARMUP 1 CACHE STRING "Untimed rounds of pgo_compare before them")
set(PGO_COMPARE_FAIL_ABOVE "" CACHE STRING "pgo_compare fails when the ratio PGO_COMPARE_GATE measures exceeds this")
set(PGO_COMPARE_GATE "cpu" CACHE STRING "What PGO_COMPARE_FAIL_ABOVE checks: cpu, wall or metric:<name>")
set(PGO_COMPARE_PROFILES "" CACHE STRING "More profiles for pgo_compare to build and time, each an arm of its own")
set(PGO_MIN_MATCH "" CACHE STRING "pgo_status fails when a profile's hot-weighted match (percent) is below this")
option(PGO_STATUS_REPORT "Print each profile's match at configure time" OFF)
mark_as_advanced(PGO_TRAIN_JOBS PGO_TRAIN_SAMPLE_SECONDS PGO_COMPARE_ROUNDS PGO_COMPARE_WARMUP PGO_COMPARE_GATE)
unset(_pgo_nproc)

include("${_PGO_MODULE_DIR}/PGOInternal.cmake")

_pgo_detect()

get_property(_pgo_family GLOBAL PROPERTY _PGO_FAMILY)
if(PGO_FOUND AND _pgo_family STREQUAL "gcc")
  # GCC needs no tool of its own: libgcov writes the profile, the engine
  # packs it.
  include(FindPackageHandleStandardArgs)
  find_package_handle_standard_args(PGO
    REQUIRED_VARS PGO_COMPILER
    VERSION_VAR PGO_VERSION)
  if(NOT PGO_FOUND)
    set_property(GLOBAL PROPERTY _PGO_SUPPORTED FALSE)
    set_property(GLOBAL PROPERTY _PGO_REASON "this is PGO ${PGO_VERSION}, not the version the project asked for")
  endif()
elseif(PGO_FOUND)
  if(NOT TARGET PGO::llvm-profdata)
    add_executable(PGO::llvm-profdata IMPORTED GLOBAL)
    set_property(TARGET PGO::llvm-profdata PROPERTY IMPORTED_LOCATION "${PGO_LLVM_PROFDATA_EXECUTABLE}")
  endif()
  include(FindPackageHandleStandardArgs)
  find_package_handle_standard_args(PGO
    REQUIRED_VARS PGO_LLVM_PROFDATA_EXECUTABLE
    VERSION_VAR PGO_VERSION)
  if(NOT PGO_FOUND)
    set_property(GLOBAL PROPERTY _PGO_SUPPORTED FALSE)
    set_property(GLOBAL PROPERTY _PGO_REASON "this is PGO ${PGO_VERSION}, not the version the project asked for")
  endif()
else()
  _pgo_explicit_must_exist()
  _pgo_not_found()
endif()
unset(_pgo_family)

# Training runs are CTest tests, in this tree and in the instrumented one.
enable_testing()

_pgo_schedule_finalize()
