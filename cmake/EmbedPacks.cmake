# Rule packs (rules/*.yaml) are compiled into the binary so that planck works
# on a repository without any configuration file.
function(planck_embed_packs output)
  file(GLOB pack_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/rules/*.yaml)
  string(REPLACE ";" "|" pack_arg "${pack_files}")
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DPACKS=${pack_arg}
            -P ${PROJECT_SOURCE_DIR}/cmake/GeneratePacks.cmake
    DEPENDS ${pack_files} ${PROJECT_SOURCE_DIR}/cmake/GeneratePacks.cmake
    COMMENT "Embedding rule packs"
    VERBATIM)
endfunction()
