# Feature folders (core/dicom, ui/main, ui/labeling, ...) must not include each other in a
# circle: tools/check-include-cycles.py reads every #include and fails the build with the
# cycle printed, one include line per edge. It runs at every build (a few hundred files,
# well under a second) and before sg_core and sg_ui compile anything.
find_package(Python3 COMPONENTS Interpreter REQUIRED)
add_custom_target(sg_check_include_cycles ALL
  COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tools/check-include-cycles.py ${PROJECT_SOURCE_DIR}
  COMMENT "Checking that feature folders do not include each other in a circle"
  VERBATIM)
foreach(target sg_core sg_ui sg_ml)
  if(TARGET ${target})
    add_dependencies(${target} sg_check_include_cycles)
  endif()
endforeach()
