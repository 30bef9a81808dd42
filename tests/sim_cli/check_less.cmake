# Runs two secondheart-sim commands and checks that a number in the first one's JSON is smaller
# than a number in the second one's (keys given as dotted paths, e.g. lying_same_time.x).
#   -DCOMMAND_A="prog;arg;..." -DKEY_A=key -DCOMMAND_B="prog;arg;..." -DKEY_B=key
function(read_value command key out)
  execute_process(COMMAND ${command} RESULT_VARIABLE rc OUTPUT_VARIABLE json ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${command} failed (${rc}):\n${err}")
  endif()
  string(REPLACE "." ";" path "${key}")
  string(JSON value GET "${json}" ${path})
  set(${out} "${value}" PARENT_SCOPE)
endfunction()
read_value("${COMMAND_A}" "${KEY_A}" a)
read_value("${COMMAND_B}" "${KEY_B}" b)
message(STATUS "${KEY_A} = ${a}, ${KEY_B} = ${b}")
if(NOT a LESS b)
  message(FATAL_ERROR "expected ${KEY_A} (${a}) < ${KEY_B} (${b})")
endif()
