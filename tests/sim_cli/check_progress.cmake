# A long run shows a progress line on stderr only when stderr is a terminal: piped, stderr stays
# empty; under a pseudo-terminal (util-linux `script`) the line appears.   -DSIM=... -DSCENARIO=...
set(run "${SIM}" run --scenario "${SCENARIO}" --seconds 86400)
execute_process(COMMAND ${run} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
  message(FATAL_ERROR "piped run: exit ${rc}, stderr should be empty: '${err}'")
endif()
find_program(SCRIPT script)
if(NOT SCRIPT)
  message(STATUS "util-linux script not found: the terminal case is not checked")
  return()
endif()
string(JOIN " " line ${run})
execute_process(COMMAND ${SCRIPT} -qec "${line} >/dev/null" /dev/null RESULT_VARIABLE rc
                OUTPUT_VARIABLE tty ERROR_VARIABLE tty_err)
if(NOT rc EQUAL 0 OR NOT tty MATCHES "simulated hours")
  message(FATAL_ERROR "terminal run: exit ${rc}, no progress line in '${tty}${tty_err}'")
endif()
