#pragma once
// The confusion matrix of one pair of raters as a heat map: rows = the reference rater,
// columns = the other, each cell its count and its share of the row (row %). Darker = more.
#include "core/stats/AgreementReport.h"

#include <QRectF>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

class QPainter;

namespace sg::ui {

struct HeatmapData {
    QString title;
    QString reference; // rows
    QString other; // columns
    QStringList classes; // scale order (A..D, or rootlet/cord)
    std::vector<std::vector<std::int64_t>> counts; // [reference class][other class]
};

// The confusion matrix of `pair` on `scale`, titled "<scale>: <reference> vs <other>".
HeatmapData heatmapData(const sg::core::PairReport& pair, sg::core::Scale scale);

// Where the heat map puts things in `rect` (tests and hit-testing use it).
struct HeatmapLayout {
    QRectF grid; // all cells
    std::vector<std::vector<QRectF>> cells; // [row][column]
};
HeatmapLayout heatmapLayout(const QRectF& rect, const HeatmapData& data);

void paintConfusionHeatmap(QPainter& painter, const QRectF& rect, const HeatmapData& data);

} // namespace sg::ui
