# Install rules and a Debian package through CPack (`cpack -G DEB` in build/).
include(GNUInstallDirs)
if(TARGET spinegrade)
  install(TARGETS spinegrade RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(TARGETS spinegrade-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The DICOM reading helper: started by the programs, not by users (core/dicom/DicomReader.h).
install(TARGETS spinegrade-dicom-reader RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/spinegrade)
# The ML plugin (LibTorch inside), loaded by core/ml/MlPlugin.cpp when a model runs.
install(TARGETS spinegrade-ml LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/spinegrade)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/spinegrade.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
# The .sgdb project type (shared-mime-info picks it up from mime/packages on install).
install(FILES ${PROJECT_SOURCE_DIR}/packaging/spinegrade-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME spinegrade.xml)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/org.spinegrade.SpineGrade.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/models/ DESTINATION ${CMAKE_INSTALL_DATADIR}/spinegrade/models
        FILES_MATCHING PATTERN "*.pt" PATTERN "*.json" PATTERN "*.md")

set(CPACK_PACKAGE_NAME spinegrade)
set(CPACK_PACKAGE_VENDOR "SpineGrade developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Grading lumbar spinal stenosis on axial MRI with two blinded analyzers and a CNN")
set(CPACK_PACKAGE_CONTACT "SpineGrade developers")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_GENERATOR DEB)
include(CPack)
