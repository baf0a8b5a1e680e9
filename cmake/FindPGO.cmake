# SPDX-License-Identifier: MIT

#[=======================================================================[.rst:
FindPGO
-------

.. versionadded:: 0.1

Profile-guided optimization for C and C++ targets, the way ``go build -pgo``
does it: a checked-in ``default.profdata`` is used by every ordinary build,
stale profiles never break a build, and three targets refresh the profile.
It uses clang's IR PGO (``-fprofile-generate``, ``llvm-profdata merge``,
``-fprofile-use``); with another compiler every build is plain.

.. code-block:: cmake

  find_package(PGO)
  add_executable(app main.c engine.c)
  pgo_target(app)
  pgo_add_training(NAME typical COMMAND app --input data/typical.txt)

Result Variables
^^^^^^^^^^^^^^^^

``PGO_FOUND``
  True when the C or C++ compiler is clang and a matching ``llvm-profdata``
  was found. When false, ``pgo_target()`` changes nothing and the ``pgo_*``
  targets fail with the reason.
``PGO_VERSION``
  Version of this package.
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
  ``auto`` (default): use ``default.profdata`` from the target's source
  directory, else from the top-level source directory, else build plain.
  ``off``: build plain. Any other value: the ``.profdata`` file to use
  (relative paths are relative to the top-level source directory).
``PGO_LTO``
  ``ON`` (default): targets built with or for a profile also get ThinLTO
  through CMake's IPO support, which is what lets PGO inline and
  devirtualize across source files.
``PGO_TRAIN_JOBS``
  How many training runs ``pgo_train`` runs at once (default: the number
  of logical cores).
``PGO_COMPARE_ROUNDS``, ``PGO_COMPARE_WARMUP``, ``PGO_COMPARE_FAIL_ABOVE``
  Rounds (default 7) and warm-up rounds (default 1) of ``pgo_compare``, and
  the time ratio above which it fails (default: empty, never fails).

Commands
^^^^^^^^

.. command:: pgo_target

  .. code-block:: cmake

    pgo_target(<target>...)

  Opts executables and libraries in: they are built with the profile in the
  ordinary tree, instrumented by ``pgo_instrument`` and optimized by
  ``pgo_optimize``. Other targets never change.

.. command:: pgo_add_training

  .. code-block:: cmake

    pgo_add_training(NAME <name> COMMAND <target-or-program> [<arg>...]
                     [WORKING_DIRECTORY <dir>] [WEIGHT <n>])

  Adds a training run: a CTest test ``pgo-train.<name>`` with the label
  ``pgo-train``. In the instrumented tree it writes raw profiles, which are
  merged into one profile; in the ordinary tree it is a plain test.
  ``WEIGHT`` scales this run's counts in the merge.

.. command:: pgo_add_benchmark

  .. code-block:: cmake

    pgo_add_benchmark(NAME <name> COMMAND <target> [<arg>...]
                      [WORKING_DIRECTORY <dir>])

  Adds a workload that ``pgo_compare`` times, alternating a plain build of
  ``<target>`` and the optimized one.

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
  Times each benchmark, plain against optimized, and reports the ratios.
``pgo_clean``
  Removes raw profiles and the phase trees, never a checked-in profile.
#]=======================================================================]

if(CMAKE_VERSION VERSION_LESS 3.21)
  message(FATAL_ERROR " PGO: needs CMake 3.21 or newer, this is ${CMAKE_VERSION}; update CMake")
endif()

set(PGO_VERSION 0.1.0)
set(_PGO_MODULE_DIR "${CMAKE_CURRENT_LIST_DIR}")

set(PGO "auto" CACHE STRING "Profile for PGO: auto, off, or a .profdata file")
option(PGO_LTO "Pair PGO with ThinLTO in instrumented and optimized builds" ON)
cmake_host_system_information(RESULT _pgo_nproc QUERY NUMBER_OF_LOGICAL_CORES)
set(PGO_TRAIN_JOBS "${_pgo_nproc}" CACHE STRING "Training runs run at once by pgo_train")
set(PGO_COMPARE_ROUNDS 7 CACHE STRING "A/B rounds of pgo_compare")
set(PGO_COMPARE_WARMUP 1 CACHE STRING "Warm-up rounds of pgo_compare")
set(PGO_COMPARE_FAIL_ABOVE "" CACHE STRING "pgo_compare fails when a time ratio exceeds this")
mark_as_advanced(PGO_TRAIN_JOBS PGO_COMPARE_ROUNDS PGO_COMPARE_WARMUP)
unset(_pgo_nproc)

include("${_PGO_MODULE_DIR}/PGOInternal.cmake")

_pgo_detect()

if(PGO_FOUND)
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

# Training runs are CTest tests, in this tree and in the instrumented one.
enable_testing()

_pgo_schedule_finalize()
