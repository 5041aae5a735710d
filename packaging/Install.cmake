# Install rules and the Debian package: `cmake --build build --target package` (CPack DEB)
# writes build/spinegrade_<version>_amd64.deb. docs/packaging.md says what is in it and why.
include(GNUInstallDirs)
# Plugins and helper sit where core/util/InstalledFile looks relative to the running program
# (<prefix>/lib/spinegrade, <prefix>/libexec/spinegrade): literal "lib", not CMAKE_INSTALL_LIBDIR,
# which is lib/x86_64-linux-gnu when the prefix is /usr and would miss that lookup.
set(SG_INSTALL_PLUGINDIR lib/spinegrade)
# Directories 0755 whatever the umask of whoever builds (lintian: non-standard-dir-perm).
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
if(TARGET spinegrade)
  install(TARGETS spinegrade RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(TARGETS spinegrade-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The DICOM reading helper: started by the programs, not by users (core/dicom/DicomReader.h).
install(TARGETS spinegrade-dicom-reader RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/spinegrade)
# The ML plugin (LibTorch inside), loaded by core/ml/MlPlugin.cpp when a model runs, and the
# DICOM writer plugin (ITK/GDCM), loaded by core/dicom/DicomWriter.cpp on the first write
# (the demo study, `phantom`). Modules: no SONAME, nothing links them.
install(TARGETS spinegrade-ml spinegrade-dicomwriter LIBRARY DESTINATION ${SG_INSTALL_PLUGINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/spinegrade.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/spinegrade.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
# The .sgdb project type (shared-mime-info picks it up from mime/packages on install).
install(FILES ${PROJECT_SOURCE_DIR}/packaging/spinegrade-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME spinegrade.xml)
# The shipped model: core/ml/ProposalModel.cpp finds <prefix>/share/spinegrade/models beside bin/.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/models/ DESTINATION ${CMAKE_INSTALL_DATADIR}/spinegrade/models
        FILES_MATCHING PATTERN "*.pt" PATTERN "*.json" PATTERN "*.md")

# Package metadata. The maintainer address is a placeholder: whoever distributes the package
# sets theirs (-DSG_PACKAGE_MAINTAINER="Name <address>"); lintian wants a well-formed one.
set(SG_PACKAGE_MAINTAINER "SpineGrade developers <spinegrade@example.org>"
    CACHE STRING "The Debian package's Maintainer field and changelog signature")
# Dates from the last commit (SOURCE_DATE_EPOCH makes string(TIMESTAMP) use it): the same
# source gives the same changelog, metainfo and so the same package contents.
if(SG_SOURCE_EPOCH)
  set(ENV{SOURCE_DATE_EPOCH} "${SG_SOURCE_EPOCH}")
endif()
string(TIMESTAMP SG_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
string(TIMESTAMP SG_RELEASE_DATE "%Y-%m-%d" UTC)
unset(ENV{SOURCE_DATE_EPOCH})

set(SG_PACKAGING_OUT ${PROJECT_BINARY_DIR}/packaging)
configure_file(${PROJECT_SOURCE_DIR}/packaging/org.spinegrade.SpineGrade.metainfo.xml.in
               ${SG_PACKAGING_OUT}/org.spinegrade.SpineGrade.metainfo.xml @ONLY)
install(FILES ${SG_PACKAGING_OUT}/org.spinegrade.SpineGrade.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
# Debian's documentation files: copyright (machine-readable), and changelog.gz, which lintian
# wants in every package (a native one: no separate changelog.Debian.gz). gzip -n: no time stamp.
configure_file(${PROJECT_SOURCE_DIR}/packaging/debian/changelog.in ${SG_PACKAGING_OUT}/changelog @ONLY)
set(SG_DOCDIR ${CMAKE_INSTALL_DATADIR}/doc/spinegrade)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/debian/copyright DESTINATION ${SG_DOCDIR})
find_program(SG_GZIP gzip REQUIRED)
add_custom_command(OUTPUT ${SG_PACKAGING_OUT}/changelog.gz
  COMMAND ${SG_GZIP} -9n -c ${SG_PACKAGING_OUT}/changelog > ${SG_PACKAGING_OUT}/changelog.gz
  DEPENDS ${SG_PACKAGING_OUT}/changelog VERBATIM)
add_custom_target(sg_debian_changelog ALL DEPENDS ${SG_PACKAGING_OUT}/changelog.gz)
install(FILES ${SG_PACKAGING_OUT}/changelog.gz DESTINATION ${SG_DOCDIR})
include(${PROJECT_SOURCE_DIR}/packaging/ManPages.cmake)

set(CPACK_PACKAGE_NAME spinegrade)
set(CPACK_PACKAGE_VERSION ${SG_DEB_VERSION})
set(CPACK_PACKAGE_VENDOR "SpineGrade developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "lumbar spinal stenosis grading on axial MRI")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"SpineGrade opens lumbar axial MRI studies (DICOM), shows the axial slices of
every disc level and lets two expert analyzers grade stenosis (Schizas A-D)
and rootlet vs cord independently, blinded from each other, while it computes
their agreement (kappas with confidence intervals, F1, Gwet's AC1) live.
A CNN proposes the canal patch and a grade for every slice; the shipped model
was trained on synthetic studies only and is for research use.
.
This package holds the desktop program (spinegrade) and the command-line tool
(spinegrade-cli).")
set(CPACK_PACKAGE_CONTACT "${SG_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SG_PACKAGE_MAINTAINER}")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The file name the README and the package test use: spinegrade_<version>_<arch>.deb.
execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE SG_DEB_ARCH OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT SG_DEB_ARCH)
  set(SG_DEB_ARCH amd64)
endif()
set(CPACK_DEBIAN_FILE_NAME "spinegrade_${SG_DEB_VERSION}_${SG_DEB_ARCH}.deb")
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${SG_DEB_ARCH})
# Depends from the ELF files' needed libraries (dpkg-shlibdeps), plus what is loaded by name
# and so invisible to it: Qt's platform plugins (the window) and Mesa's GL drivers (VTK's view).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_GENERATOR DEB)
include(CPack)
