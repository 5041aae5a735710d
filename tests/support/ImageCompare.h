#pragma once
// Rendering tests compare a rendered image with a reviewed PNG baseline under a
// tolerance. The rendered image is always written to build/test-output/ so a person can
// look at it; a missing baseline fails the test and says where the candidate is.
#include <QImage>
#include <QString>

namespace sg::test {

struct ImageDifference {
    double meanAbsolute = 0; // mean |difference| per channel, 0..255
    double fractionDiffering = 0; // pixels with any channel off by more than 24
};

ImageDifference compareImages(const QImage& a, const QImage& b);

// Empty string when `actual` matches tests/ui/baselines/<name>.png within the tolerance.
QString matchBaseline(
    const QImage& actual, const QString& name, double maxMeanAbsolute = 2.0, double maxFractionDiffering = 0.01);

QString testOutputDir(); // build/test-output, created on demand

} // namespace sg::test
