# Packaging: a Debian package and a tarball. `cpack -G DEB` in a build folder makes the .deb;
# its Depends: are computed by dpkg-shlibdeps from the binaries' shared libraries (Qt 6,
# QuaZip, spdlog, fmt, GEOS, OpenSSL, ...), not typed by hand.
set(CPACK_PACKAGE_NAME "strata")
set(CPACK_PACKAGE_VENDOR "Strata")
set(CPACK_PACKAGE_CONTACT "The Strata developers <strata@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Get data out of a database and back in")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "Strata exports tables, query results and whole databases to CSV, Excel, JSON, SQL, "
    "SQLite and GeoJSON from one consistent snapshot, and imports them back in one "
    "transaction. It has a Qt desktop application and a command-line tool for scripts.")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "DEB;TGZ" CACHE STRING "CPack generators")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "database")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The Qt platform plugins and the SQLite driver are loaded at run time, so shlibdeps cannot
# see them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6sql6-sqlite")
# Qt's own strings (standard buttons) in the user's language.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/strata/strata")
set(CPACK_STRIP_FILES ON)
include(CPack)
