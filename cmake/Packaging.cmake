# Installing SecondHeart like a Debian program, and the .deb (scripts/package.sh):
#   /usr/bin/secondheart, /usr/bin/secondheart-sim
#   /usr/share/applications/io.github.secondheart.SecondHeart.desktop
#   /usr/share/icons/hicolor/scalable/apps/io.github.secondheart.SecondHeart.svg
#   /usr/share/metainfo/io.github.secondheart.SecondHeart.metainfo.xml
#   /usr/share/man/man1/secondheart.1.gz, secondheart-sim.1.gz (help2man, SH_MAN_PAGES=ON)
#   /usr/share/doc/secondheart/{copyright,changelog.gz,README.md,examples/} (kiosk autostart)
# The programs need no files at run time (lessons and shaders are embedded, the leg is generated
# at start into the user's cache), so nothing else is installed.
include(GNUInstallDirs)

option(SH_MAN_PAGES "Generate the manual pages with help2man (scripts/package.sh turns it on)"
       OFF)
# `cmake --install` and cpack build only what the package holds (scripts/package.sh builds
# those targets), not the whole test suite.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(sh_pkg ${PROJECT_SOURCE_DIR}/packaging)
set(sh_app_id io.github.secondheart.SecondHeart)
set(sh_doc_dir ${CMAKE_INSTALL_DATADIR}/doc/secondheart)
set(sh_gen ${PROJECT_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${sh_gen})

install(TARGETS secondheart-sim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET secondheart)
  install(TARGETS secondheart RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(FILES ${sh_pkg}/${sh_app_id}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${sh_pkg}/secondheart.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${sh_app_id}.svg)
install(FILES ${sh_pkg}/${sh_app_id}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${sh_pkg}/copyright ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${sh_doc_dir})
install(FILES ${sh_pkg}/secondheart-kiosk-autostart.desktop ${sh_pkg}/secondheart-kiosk.service
        DESTINATION ${sh_doc_dir}/examples)

# Debian wants the changelog and manual pages compressed with gzip -9n (no name, no time stamp),
# so that the package is reproducible.
find_program(SH_GZIP gzip REQUIRED)
add_custom_command(OUTPUT ${sh_gen}/changelog.gz
                   COMMAND ${SH_GZIP} -9nc ${sh_pkg}/changelog > ${sh_gen}/changelog.gz
                   DEPENDS ${sh_pkg}/changelog VERBATIM)
set(sh_packaged_files ${sh_gen}/changelog.gz)
install(FILES ${sh_gen}/changelog.gz DESTINATION ${sh_doc_dir})

if(SH_MAN_PAGES)
  find_program(SH_HELP2MAN help2man REQUIRED)
  set(man_secondheart "a real-time 3D lower leg showing the calf muscle pump")
  set(man_secondheart-sim "the calf muscle pump simulator without graphics")
  foreach(program secondheart secondheart-sim)
    if(NOT TARGET ${program})
      continue()
    endif()
    # --help needs no device or display; --version-string: the programs have no --version.
    add_custom_command(
      OUTPUT ${sh_gen}/${program}.1.gz
      COMMAND ${SH_HELP2MAN} --no-info --no-discard-stderr --version-string=${PROJECT_VERSION}
              --name=${man_${program}} --section=1 --output=${sh_gen}/${program}.1
              $<TARGET_FILE:${program}>
      COMMAND ${SH_GZIP} -9nf ${sh_gen}/${program}.1
      DEPENDS ${program} VERBATIM)
    list(APPEND sh_packaged_files ${sh_gen}/${program}.1.gz)
    install(FILES ${sh_gen}/${program}.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endforeach()
endif()
add_custom_target(package_files ALL DEPENDS ${sh_packaged_files})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME secondheart)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # secondheart_<version>_<arch>.deb
set(CPACK_PACKAGE_CONTACT "SecondHeart developers <secondheart@example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "calf muscle pump (the second heart) in real-time 3D")
# CPack writes the summary as the synopsis line, then these lines (it adds the leading space
# and turns the empty line into " .").
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "SecondHeart shows a human lower leg in real-time 3D: the calf muscles squeeze
the deep veins as one walks, the venous valves close against backflow, and the
blood returns to the heart, with numbers from a simulation calibrated against
published measurements. Desktop, lecture, kiosk and patient modes.

secondheart-sim runs the simulation without graphics (JSON and CSV output).")
# Libraries from the programs' own links (dpkg-shlibdeps); a Vulkan driver is needed at run time
# but not linked: Mesa's (lavapipe included) or any other ICD. ffmpeg makes recordings videos.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The UI font is DejaVu Sans (engine/ui/ui_font.hpp); another font package also works.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "mesa-vulkan-drivers | vulkan-icd, fonts-dejavu-core | fonts-noto-core")
# A CJK font lets lessons written in Chinese, Japanese or Korean show their characters (app/i18n,
# engine/ui/ui_font); without one they show as "?" and the program says which package to add.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ffmpeg, fonts-noto-cjk | fonts-wqy-microhei")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
