# SPDX-License-Identifier: MIT
# Package configuration file: find_package(PGO CONFIG) loads the module.
include("${CMAKE_CURRENT_LIST_DIR}/FindPGO.cmake")
