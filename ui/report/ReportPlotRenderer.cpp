#include "ui/report/ReportPlotRenderer.h"

#include "core/stats/BoundedInterval.h"

#include "ui/charts/ConfusionHeatmap.h"
#include "ui/charts/DistributionBars.h"
#include "ui/charts/KappaForest.h"
#include "ui/charts/LevelBreakdown.h"
#include "ui/charts/RaterColors.h"

#include <QPainter>

#include <functional>

namespace sg::ui {
using namespace sg::core;

namespace {

int unorderedPairs(const ScaleReport& s)
{
    int n = 0;
    for (const PairReport& p : s.pairs)
        n += p.reference < p.other ? 1 : 0;
    return n;
}

// The painter call of a spec, with its data captured; empty when the report lacks it.
std::function<void(QPainter&, const QRectF&)> painterFor(const ProjectReport& report, const PlotSpec& spec)
{
    const TaskEntry* task = findTask(report, spec.task);
    if (!task)
        return {};
    const ScaleReport& scale = task->all.scale;
    switch (spec.kind) {
    case PlotKind::KappaIntervals: {
        KappaForestData data = kappaForestData(scale, KappaWeights::Unweighted);
        // The report's interval, as its tables print it: the patient-clustered bootstrap's
        // where it exists, else the asymptotic one; bounded to [-1, 1] either way.
        size_t row = 0;
        for (const PairReport& p : scale.pairs) {
            if (p.reference > p.other || row >= data.rows.size())
                continue;
            KappaRow& r = data.rows[row++];
            if (p.bootstrap && p.bootstrap->clusters >= 2 && p.bootstrap->kappaUnweighted && !r.degenerate)
                r.ci95 = p.bootstrap->kappaUnweighted;
            r.ci95 = boundedInterval(r.ci95, kKappaRange);
        }
        return [data](QPainter& p, const QRectF& r) { paintKappaForest(p, r, data); };
    }
    case PlotKind::Distribution: {
        DistributionData data = distributionData(scale);
        // Each rater in its colour, as the dashboard and review show it.
        QStringList joined;
        for (const std::string& name : report.analyzersJoined)
            joined << QString::fromStdString(name);
        const RaterColors colours(joined);
        for (const DistributionSeries& series : data.series)
            data.colors.push_back(colours.color(series.name));
        return [data](QPainter& p, const QRectF& r) { paintDistributionBars(p, r, data); };
    }
    case PlotKind::Confusion: {
        const PairReport* pair = findPair(scale, spec.reference, spec.other);
        if (!pair)
            return {};
        HeatmapData data = heatmapData(*pair, scale.scale);
        return [data](QPainter& p, const QRectF& r) { paintConfusionHeatmap(p, r, data); };
    }
    case PlotKind::PerLevel: {
        if (!findPair(scale, spec.reference, spec.other))
            return {};
        LevelBreakdownData data = levelBreakdownData(*task, spec.reference, spec.other);
        return [data](QPainter& p, const QRectF& r) { paintLevelBreakdown(p, r, data); };
    }
    }
    return {};
}

} // namespace

QSize reportPlotSize(const ProjectReport& report, const PlotSpec& spec)
{
    switch (spec.kind) {
    case PlotKind::KappaIntervals: {
        const TaskEntry* task = findTask(report, spec.task);
        const int rows = task ? unorderedPairs(task->all.scale) : 1;
        return {640, 110 + 30 * std::max(rows, 1)}; // title, axis and band names, then a row per pair
    }
    case PlotKind::Distribution: return {640, 300};
    case PlotKind::Confusion: return spec.task == Task::Grade ? QSize(420, 340) : QSize(360, 260);
    case PlotKind::PerLevel: return {640, 280};
    }
    return {640, 300};
}

QImage renderReportPlot(const ProjectReport& report, const PlotSpec& spec, double scale)
{
    const auto paint = painterFor(report, spec);
    if (!paint)
        return {};
    const QSize size = reportPlotSize(report, spec);
    QImage image((QSizeF(size) * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.scale(scale, scale); // the painters draw in logical units
    paint(painter, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

} // namespace sg::ui
