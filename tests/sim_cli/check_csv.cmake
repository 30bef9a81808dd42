# sit --csv writes under a temporary name and renames only when the file is complete: a failed
# write leaves nothing behind (and never a half file under the user's name); a good one leaves
# only the finished file, with no NaN in it.   -DSIM=path -DWORK=scratch folder
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/taken")
file(WRITE "${WORK}/taken/keep.txt" "the user's file")
# The target name is an existing folder: the rename must fail, exit 1, and clean up.
execute_process(COMMAND "${SIM}" sit --hours 0.1 --csv "${WORK}/taken" RESULT_VARIABLE rc
                OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "taken")
  message(FATAL_ERROR "expected exit 1 naming the path, got ${rc}: ${err}")
endif()
if(EXISTS "${WORK}/taken.partial" OR NOT EXISTS "${WORK}/taken/keep.txt")
  message(FATAL_ERROR "a failed write left a partial file or touched the folder")
endif()
execute_process(COMMAND "${SIM}" sit --hours 0.1 --csv "${WORK}/series.csv" RESULT_VARIABLE rc
                OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "exit ${rc}: ${err}")
endif()
if(EXISTS "${WORK}/series.csv.partial" OR NOT EXISTS "${WORK}/series.csv")
  message(FATAL_ERROR "the finished file is missing or the temporary one is left")
endif()
file(READ "${WORK}/series.csv" csv)
string(FIND "${csv}" "\n" header_end)
string(SUBSTRING "${csv}" ${header_end} -1 rows)
if(NOT csv MATCHES "^phase,time_s," OR rows MATCHES ",(-?nan|-?inf|null)")
  message(FATAL_ERROR "unexpected CSV content")
endif()
