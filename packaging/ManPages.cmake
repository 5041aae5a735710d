# Man pages for both programs, generated from their --help and --version by help2man at build
# time (so they never disagree with the programs), gzipped -9n for the package.
find_program(SG_HELP2MAN help2man)
if(NOT SG_HELP2MAN)
  message(STATUS "help2man not found: no man pages (packaging/setup.sh installs it)")
  return()
endif()
set(SG_MAN_OUT ${PROJECT_BINARY_DIR}/packaging/man)
file(MAKE_DIRECTORY ${SG_MAN_OUT})
set(SG_MAN_PAGES)
# The page's date is the source's (help2man reads SOURCE_DATE_EPOCH), not the build's.
set(SG_MAN_EPOCH "${SG_SOURCE_EPOCH}")
if(NOT SG_MAN_EPOCH)
  string(TIMESTAMP SG_MAN_EPOCH "%s" UTC)
endif()
# sg_man_page(<target> <one-line name> [help2man options]): <target>.1.gz from the built program.
function(sg_man_page target name)
  set(page ${SG_MAN_OUT}/${target}.1)
  set(include ${PROJECT_SOURCE_DIR}/packaging/man/${target}.h2m)
  # The program is run by name through PATH, so its usage line says "spinegrade-cli", not the
  # build tree's path. QT_QPA_PLATFORM=offscreen: the GUI parses --help after QApplication
  # exists, which needs no display then; its stderr (Qt's notes) is left out of the page.
  # -N: no "see the Texinfo manual" paragraph.
  add_custom_command(OUTPUT ${page}.gz
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen "PATH=$<TARGET_FILE_DIR:${target}>:/usr/bin:/bin"
            "SOURCE_DATE_EPOCH=${SG_MAN_EPOCH}"
            ${SG_HELP2MAN} -N --section=1 "--name=${name}" "--include=${include}"
            ${ARGN} --output=${page} ${target}
    COMMAND ${SG_GZIP} -9nf ${page}
    DEPENDS ${target} ${include} VERBATIM)
  set(SG_MAN_PAGES ${SG_MAN_PAGES} ${page}.gz PARENT_SCOPE)
  install(FILES ${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endfunction()
sg_man_page(spinegrade-cli "command-line tool of SpineGrade: projects, labels, agreement, CNN screening")
if(TARGET spinegrade)
  # The GUI's --version says "SpineGrade <version>" (Qt prints the application name, which
  # also names its settings): the page is named after the command, from the same version.
  sg_man_page(spinegrade "grade lumbar spinal stenosis on axial MRI (desktop program)"
    "--version-string=spinegrade ${SG_VERSION_STRING}")
endif()
add_custom_target(sg_man_pages ALL DEPENDS ${SG_MAN_PAGES})
