# Runs one command and checks its exit code and that its stdout or stderr contains each of the
# given strings. Used by the secondheart-sim command-line tests.
#   -DCOMMAND="prog;arg;..." -DEXPECT_RC=N -DEXPECT_OUT="key1;key2" -DEXPECT_ERR="text"
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL EXPECT_RC)
  message(FATAL_ERROR "exit code ${rc}, expected ${EXPECT_RC}\nstdout:\n${out}\nstderr:\n${err}")
endif()
foreach(key IN LISTS EXPECT_OUT)
  string(FIND "${out}" "\"${key}\"" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "stdout lacks the key \"${key}\":\n${out}")
  endif()
endforeach()
foreach(text IN LISTS EXPECT_ERR)
  string(FIND "${err}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "stderr does not name \"${text}\":\n${err}")
  endif()
endforeach()
