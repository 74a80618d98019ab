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

# APOLLO_FUZZER: `make fuzz` needs a clang whose -fsanitize=fuzzer links
# (libFuzzer) together with ASan and UBSan. FUZZ_CC names the compiler
# (default: the first clang found); have_fuzzer is yes when it works.
AC_DEFUN([APOLLO_FUZZER], [
  AC_ARG_VAR([FUZZ_CC], [clang with libFuzzer, for make fuzz (default: clang)])
  AS_IF([test -z "$FUZZ_CC"], [AC_CHECK_PROGS([FUZZ_CC], [clang clang-16 clang-15 clang-14])])
  have_fuzzer=no
  AS_IF([test -n "$FUZZ_CC"], [
    AC_MSG_CHECKING([whether $FUZZ_CC links -fsanitize=fuzzer,address,undefined])
    cat > conftest-fuzz.c <<_APOLLO_EOF
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return n && d[[0]] == 1; }
_APOLLO_EOF
    AS_IF([$FUZZ_CC -fsanitize=fuzzer,address,undefined -o conftest-fuzz conftest-fuzz.c >&AS_MESSAGE_LOG_FD 2>&1],
      [have_fuzzer=yes])
    rm -f conftest-fuzz conftest-fuzz.c
    AC_MSG_RESULT([$have_fuzzer])
  ])
  AS_IF([test "x$have_fuzzer" = xno],
    [AC_MSG_WARN([no clang with libFuzzer: make fuzz is skipped; install the Debian package 'clang'])])
])
