# Packaging: a Debian package and a tarball (filled out by the "Ship it" work).
set(CPACK_PACKAGE_NAME "strata")
set(CPACK_PACKAGE_VENDOR "Strata")
set(CPACK_PACKAGE_CONTACT "strata@localhost")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_GENERATOR "DEB;TGZ" CACHE STRING "CPack generators")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
