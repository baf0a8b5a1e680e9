# The project chose its linker (-fuse-ld=bfd): nothing of the package's.
include("${RunCMake_SOURCE_DIR}/link-line.cmake")
expect("app link" "${app_link}" "(ld-path|thinlto|plugin-opt)" FALSE)
expect("app link" "${app_link}" "-fuse-ld=bfd" TRUE)
expect("app linker" "${app_linker}" "LLD" FALSE)
