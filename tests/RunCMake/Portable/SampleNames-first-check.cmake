include("${RunCMake_SOURCE_DIR}/sample-names.cmake")
file(WRITE "${SAMPLE_NAMES_FILE}" "${names}")
