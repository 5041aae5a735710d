#include "tests/support/ImageCompare.h"

#include "tests/support/TestData.h"

#include <QDir>
#include <QFileInfo>

#include <cstdlib>

namespace sg::test {

ImageDifference compareImages(const QImage& a, const QImage& b)
{
    ImageDifference d;
    if (a.size() != b.size() || a.isNull()) {
        d.meanAbsolute = 255;
        d.fractionDiffering = 1;
        return d;
    }
    const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    long differing = 0;
    for (int r = 0; r < x.height(); ++r) {
        const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(r));
        const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(r));
        for (int c = 0; c < x.width(); ++c) {
            const int dr = std::abs(qRed(p[c]) - qRed(q[c])), dg = std::abs(qGreen(p[c]) - qGreen(q[c])),
                      db = std::abs(qBlue(p[c]) - qBlue(q[c]));
            sum += dr + dg + db;
            if (dr > 24 || dg > 24 || db > 24)
                ++differing;
        }
    }
    const double pixels = double(x.width()) * x.height();
    d.meanAbsolute = sum / (3 * pixels);
    d.fractionDiffering = differing / pixels;
    return d;
}

QString testOutputDir()
{
    const QString dir = binaryDir() + "/test-output";
    QDir().mkpath(dir);
    return dir;
}

QString matchBaseline(const QImage& actual, const QString& name, double maxMean, double maxFraction)
{
    const QString candidate = testOutputDir() + "/" + name + ".png";
    actual.save(candidate);
    const QString baseline = sourceDir() + "/tests/ui/baselines/" + name + ".png";
    if (!QFileInfo::exists(baseline))
        return QStringLiteral("no baseline %1: the rendering was written to %2; look at it, then copy it there")
            .arg(baseline, candidate);
    const ImageDifference d = compareImages(actual, QImage(baseline));
    if (d.meanAbsolute > maxMean || d.fractionDiffering > maxFraction)
        return QStringLiteral("%1 differs from its baseline: mean |diff| %2, %3% of pixels differ (limits %4, %5%); "
                              "rendering in %6")
            .arg(name)
            .arg(d.meanAbsolute, 0, 'f', 2)
            .arg(d.fractionDiffering * 100, 0, 'f', 2)
            .arg(maxMean)
            .arg(maxFraction * 100)
            .arg(candidate);
    return {};
}

} // namespace sg::test
