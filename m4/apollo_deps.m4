# apollo_deps.m4 - dependency checks that name the Debian package to install.

# APOLLO_REQUIRE_PKG(VAR, PKG-CONFIG-MODULE, DEBIAN-PACKAGE)
AC_DEFUN([APOLLO_REQUIRE_PKG], [
  PKG_CHECK_MODULES([$1], [$2], [],
    [AC_MSG_ERROR([$2 not found: install the Debian package '$3' (apt-get install $3)])])
])

# APOLLO_OPTIONAL_PKG(VAR, PKG-CONFIG-MODULE, DEBIAN-PACKAGE): sets have_VAR.
AC_DEFUN([APOLLO_OPTIONAL_PKG], [
  PKG_CHECK_MODULES([$1], [$2], [have_$1=yes],
    [have_$1=no
     AC_MSG_WARN([$2 not found: parts of the build are skipped; install the Debian package '$3'])])
])

# APOLLO_REQUIRE_LIBCSV: libcsv ships no pkg-config file, so look for the
# header and for csv_parse itself.
AC_DEFUN([APOLLO_REQUIRE_LIBCSV], [
  AC_CHECK_HEADER([csv.h], [],
    [AC_MSG_ERROR([csv.h not found: install the Debian package 'libcsv-dev' (apt-get install libcsv-dev)])])
  AC_CHECK_LIB([csv], [csv_parse], [CSV_LIBS=-lcsv],
    [AC_MSG_ERROR([libcsv's csv_parse not found: install the Debian package 'libcsv-dev'])])
  AC_SUBST([CSV_LIBS])
])
