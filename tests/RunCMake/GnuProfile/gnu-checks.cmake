# Shared by the -check.cmake files: GNU_CHECK names what to look at.
set(dir "${RunCMake_TEST_BINARY_DIR}")
set(use_flags "-fprofile-use" "-fprofile-correction" "-fprofile-dir=[^ ]*/pgo/use/[0-9a-f]+-gcc12 "
  "-fprofile-prefix-path=${dir} " "-Wno-coverage-mismatch" "-Wno-error=coverage-mismatch"
  "-Wno-missing-profile" "-Wno-error=missing-profile")
set(silencers " -Wno-coverage-mismatch" " -Wno-error=coverage-mismatch" " -Wno-missing-profile"
  " -Wno-error=missing-profile" " -Werror")
# gnu_recompile(<prefix> <source-regex> [<flag>...]): the compile command
# of the source again without the silencing flags, plus <flag>... The
# object keeps its name (the .gcda name is made from it), so the build's
# own object is written again, with the same code.
function(gnu_recompile prefix source)
  pgo_compile_command(command "${dir}" "${source}")
  foreach(flag IN LISTS silencers)
    string(REPLACE "${flag}" "" command "${command}")
  endforeach()
  list(JOIN ARGN " " add)
  # Through pgo cc, as the build compiles (compile_commands.json has no
  # launcher): it names the source relative to the tree.
  set(cc "'${dir}/pgo/bin/pgo' cc --tree '${dir}' --source-root '${RunCMake_TEST_SOURCE_DIR}' --")
  execute_process(COMMAND sh -c "${cc} ${command} ${add}" WORKING_DIRECTORY "${command_DIR}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE output ERROR_VARIABLE output)
  set(${prefix}_RC "${rc}" PARENT_SCOPE)
  set(${prefix}_OUTPUT "${output}" PARENT_SCOPE)
endfunction()

# A recompile of <source> with GCC's warnings back on: the profile's data
# for <function> was found; its output in recompile_output.
function(gnu_expect_profiled source function)
  gnu_recompile(re "${source}" -Wmissing-profile -Wno-error)
  if(NOT re_RC EQUAL 0)
    string(APPEND RunCMake_TEST_FAILED "the recompile of ${source} failed: ${re_OUTPUT}\n")
  elseif(re_OUTPUT MATCHES "function .${function}. not found|data file not found")
    string(APPEND RunCMake_TEST_FAILED "${function} has no profile data: ${re_OUTPUT}\n")
  endif()
  set(RunCMake_TEST_FAILED "${RunCMake_TEST_FAILED}" PARENT_SCOPE)
  set(recompile_output "${re_OUTPUT}" PARENT_SCOPE)
endfunction()
