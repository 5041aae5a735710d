#pragma once
// One pair's agreement and kappa per level (L1/L2 .. L5/S1): two bars per level, percent
// agreement (0..1) and unweighted kappa (which can be negative), with n under each level.
// An undefined figure is written "undefined" where its bar would stand.
#include "core/stats/AgreementReport.h"

#include <QRectF>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

class QPainter;

namespace sg::ui {

struct LevelFigures {
    QString level;
    std::int64_t n = 0;
    std::optional<double> agreement; // fraction
    std::optional<double> kappa;
};

struct LevelBreakdownData {
    QString title;
    std::vector<LevelFigures> levels;
};

// The pair (reference, other) on the task's own scale at every level the task has.
LevelBreakdownData levelBreakdownData(
    const sg::core::TaskEntry& task, const std::string& reference, const std::string& other);

struct LevelBreakdownLayout {
    QRectF plot;
    double yMin = 0, yMax = 1; // axis range (yMin < 0 when a kappa is negative)
    std::vector<QRectF> agreementSlots; // [level] where the agreement bar stands (full axis height)
    std::vector<QRectF> kappaSlots;
    qreal yOf(double v) const { return plot.bottom() - (v - yMin) / (yMax - yMin) * plot.height(); }
};
LevelBreakdownLayout levelBreakdownLayout(const QRectF& rect, const LevelBreakdownData& data);

void paintLevelBreakdown(QPainter& painter, const QRectF& rect, const LevelBreakdownData& data);

} // namespace sg::ui
