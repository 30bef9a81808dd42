# sh_embed_text(TARGET <target> FILE <path> SYMBOL <name>)
# Embeds a text file (JSON data, for instance) into <target> as
#   extern const char <name>[];   // NUL-terminated
# so that programs never read assets relative to the working directory. The generated source is
# rebuilt whenever the file changes.
function(sh_embed_text)
  cmake_parse_arguments(ARG "" "TARGET;FILE;SYMBOL" "" ${ARGN})
  get_filename_component(abs_file ${ARG_FILE} ABSOLUTE)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded/${ARG_SYMBOL}.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${abs_file} -DOUT=${out} -DSYMBOL=${ARG_SYMBOL} -P
            ${PROJECT_SOURCE_DIR}/cmake/EmbedFileScript.cmake
    MAIN_DEPENDENCY ${abs_file}
    DEPENDS ${PROJECT_SOURCE_DIR}/cmake/EmbedFileScript.cmake
    COMMENT "Embedding ${ARG_FILE} as ${ARG_SYMBOL}"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE ${out})
endfunction()
