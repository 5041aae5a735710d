#pragma once
// Kappa with its 95% CI as a forest (interval) plot: one row per estimate, a dot at the
// value and a line across the CI, over the Landis & Koch bands shaded and named. An
// undefined kappa draws no dot: its row says "undefined"; a degenerate one (0 because a rater
// used one class) a hollow dot marked "degenerate".
#include "core/stats/AgreementReport.h"
#include "core/stats/CohenKappa.h"

#include <QRectF>
#include <QString>

#include <array>
#include <optional>
#include <vector>

class QPainter;

namespace sg::ui {

struct KappaRow {
    QString label; // "ana vs bob"
    std::optional<double> value;
    std::optional<std::array<double, 2>> ci95;
    bool degenerate = false; // a rater used one class: 0 by construction, drawn hollow and marked
};

struct KappaForestData {
    QString title;
    std::vector<KappaRow> rows;
};

// One row per unordered pair of the scale report (kappa does not depend on which rater is
// the reference), with the chosen weights.
KappaForestData kappaForestData(const sg::core::ScaleReport& report, sg::core::KappaWeights weights);
QString kappaWeightsName(sg::core::KappaWeights weights); // "unweighted", "linear", "quadratic"

struct KappaForestLayout {
    QRectF plot; // the axis area
    qreal labelWidth = 0; // row names, left of the plot
    qreal valueWidth = 0; // "0.734 [0.650, 0.818]", right of the plot
    double xMin = -0.2, xMax = 1.0; // the axis range (always includes the bands 0..1)
    std::vector<QRectF> rows; // each row's band across the plot
    qreal xOf(double kappa) const { return plot.left() + (kappa - xMin) / (xMax - xMin) * plot.width(); }
};
KappaForestLayout kappaForestLayout(const QRectF& rect, const KappaForestData& data);

void paintKappaForest(QPainter& painter, const QRectF& rect, const KappaForestData& data);

} // namespace sg::ui
