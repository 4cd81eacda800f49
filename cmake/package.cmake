# Installing ccdafhir: the command; the library as a package (a shared library, the public
# headers, a CMake package config exporting ccdafhir::ccdafhir, a pkg-config file); the data
# folders; and a .deb through CPack (`cpack -G DEB` in the build folder).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CCDAFHIR_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/ccdafhir)
set(CCDAFHIR_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/ccdafhir)

# default_data_dir() looks for the data relative to the installed library or executable, so an
# installation moved to another prefix (or a .deb installed under /usr) finds its own data.
file(RELATIVE_PATH ccdafhir_data_from_libdir ${CMAKE_INSTALL_FULL_LIBDIR}
     ${CMAKE_INSTALL_PREFIX}/${CCDAFHIR_INSTALL_DATADIR})
file(RELATIVE_PATH ccdafhir_data_from_bindir ${CMAKE_INSTALL_FULL_BINDIR}
     ${CMAKE_INSTALL_PREFIX}/${CCDAFHIR_INSTALL_DATADIR})
target_compile_definitions(ccdafhir_engine PRIVATE
  CCDAFHIR_DATA_FROM_LIBDIR="${ccdafhir_data_from_libdir}"
  CCDAFHIR_DATA_FROM_BINDIR="${ccdafhir_data_from_bindir}")

# The installable library: engine/lib/ (the entry points of ccdafhir/ccdafhir.h) over the engine,
# in one shared object that exports only the ccdafhir namespace. The linker takes from the engine
# archive what those entry points reach. Its dependencies (libxml2, Xerces-C, ...) are private:
# users link one library and include only engine/include/ccdafhir/.
file(GLOB CCDAFHIR_LIBRARY_SOURCES CONFIGURE_DEPENDS engine/lib/*.cc)
add_library(ccdafhir_shared SHARED ${CCDAFHIR_LIBRARY_SOURCES})
add_library(ccdafhir::ccdafhir ALIAS ccdafhir_shared)
target_compile_options(ccdafhir_shared PRIVATE ${CCDAFHIR_WARNINGS})
target_compile_definitions(ccdafhir_shared PRIVATE CCDAFHIR_VERSION="${PROJECT_VERSION}")
target_include_directories(ccdafhir_shared PUBLIC
  $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/engine/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
# The entry points reuse internal pieces (the OperationOutcome writer); users never see them.
target_include_directories(ccdafhir_shared PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/engine/src)
target_compile_features(ccdafhir_shared INTERFACE cxx_std_17)
target_link_libraries(ccdafhir_shared PRIVATE ccdafhir_engine)
target_link_options(ccdafhir_shared PRIVATE
  "-Wl,--version-script=${CMAKE_CURRENT_SOURCE_DIR}/engine/lib/exports.map" "-Wl,--no-undefined")
set_target_properties(ccdafhir_shared PROPERTIES
  OUTPUT_NAME ccdafhir EXPORT_NAME ccdafhir
  VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}
  LINK_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/engine/lib/exports.map)

install(TARGETS ccdafhir RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ccdafhir_shared EXPORT ccdafhirTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY engine/include/ccdafhir DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT ccdafhirTargets NAMESPACE ccdafhir:: DESTINATION ${CCDAFHIR_INSTALL_CMAKEDIR})
configure_package_config_file(cmake/ccdafhirConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/ccdafhirConfig.cmake
  INSTALL_DESTINATION ${CCDAFHIR_INSTALL_CMAKEDIR}
  PATH_VARS CCDAFHIR_INSTALL_DATADIR)
# 0.x: a new minor version may change the API.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/ccdafhirConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ccdafhirConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/ccdafhirConfigVersion.cmake
        DESTINATION ${CCDAFHIR_INSTALL_CMAKEDIR})

# pkg-config: the prefix is found from the .pc file's own folder, so it too survives a move.
file(RELATIVE_PATH CCDAFHIR_PC_PREFIX_FROM_PCDIR ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig
     ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" CCDAFHIR_PC_PREFIX_FROM_PCDIR "${CCDAFHIR_PC_PREFIX_FROM_PCDIR}")
configure_file(cmake/ccdafhir.pc.in ${CMAKE_CURRENT_BINARY_DIR}/ccdafhir.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ccdafhir.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(DIRECTORY mappings/ DESTINATION ${CCDAFHIR_INSTALL_DATADIR}/mappings)
install(DIRECTORY xslt/ DESTINATION ${CCDAFHIR_INSTALL_DATADIR}/xslt)
install(DIRECTORY schemas/ DESTINATION ${CCDAFHIR_INSTALL_DATADIR}/schemas OPTIONAL)

set(CPACK_PACKAGE_NAME ccdafhir)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "C-CDA <-> C-CDA on FHIR conversion, validation and HTTP service")
set(CPACK_PACKAGE_CONTACT "ccdafhir maintainers <maintainers@ccdafhir.invalid>")
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# As Debian ships binaries: without their debug information (the build folder keeps it).
set(CPACK_STRIP_FILES ON)
# Runtime dependencies (libxml2, Xerces-C, ICU, httplib, ...) from the binaries' own links.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
include(CPack)
