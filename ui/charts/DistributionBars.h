#pragma once
// Every rater's distribution over the classes as grouped bars side by side: one group per
// class, one bar per rater, height = the rater's share (%), the count printed above the bar.
#include "core/stats/AgreementReport.h"

#include <QColor>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

class QPainter;

namespace sg::ui {

struct DistributionSeries {
    QString name;
    std::vector<std::int64_t> counts; // per class
};

struct DistributionData {
    QString title;
    QStringList classes;
    std::vector<DistributionSeries> series; // one per rater, in legend order
    // Each series' own colour (the dashboard keeps a rater's colour stable); where missing or
    // invalid, the palette colour of the series' place.
    std::vector<QColor> colors;
};

// Every rater of the scale report (raters without a label on the scale are not in it).
DistributionData distributionData(const sg::core::ScaleReport& report);

struct DistributionLayout {
    QRectF plot; // the axes' area (0% at the bottom, the top is `maxPercent`)
    double maxPercent = 100; // the value at the top of the axis
    double tickStep = 20; // between grid lines, in %
    int legendRows = 1; // the legend wraps when the raters' names do not fit on one line
    std::vector<std::vector<QRectF>> bars; // [series][class]; empty rect for a rater with no label
};
DistributionLayout distributionLayout(const QRectF& rect, const DistributionData& data);

void paintDistributionBars(QPainter& painter, const QRectF& rect, const DistributionData& data);

} // namespace sg::ui
