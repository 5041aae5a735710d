#include "ui/charts/DistributionBars.h"

#include "ui/charts/ChartStyle.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace sg::ui {
namespace {

constexpr qreal kTitleHeight = 24;
constexpr qreal kLegendHeight = 22;
constexpr qreal kAxisWidth = 54; // tick labels and the rotated axis name
constexpr qreal kBottom = 40; // class names and the axis name
constexpr qreal kCountRoom = 16; // counts above the tallest bar

std::int64_t total(const DistributionSeries& s)
{
    std::int64_t t = 0;
    for (std::int64_t v : s.counts)
        t += v;
    return t;
}

// A round axis maximum above the largest share, so small classes are not flattened, and a
// round grid step for it.
std::pair<double, double> niceAxis(double largest)
{
    constexpr std::pair<double, double> axes[] = {
        {10, 2}, {20, 5}, {25, 5}, {40, 10}, {50, 10}, {60, 10}, {80, 20}, {100, 20}};
    for (const auto& axis : axes)
        if (largest <= axis.first)
            return axis;
    return {100, 20};
}

QString legendText(const DistributionSeries& s)
{
    return QStringLiteral("%1 (n=%2)").arg(s.name).arg(total(s));
}

// Where each legend entry starts: (row, x offset from the plot's left), wrapping at `width`.
std::vector<std::pair<int, qreal>> legendPlaces(const DistributionData& data, qreal width)
{
    const QFontMetricsF metrics(chart::labelFont());
    std::vector<std::pair<int, qreal>> places;
    int row = 0;
    qreal x = 0;
    for (const DistributionSeries& s : data.series) {
        const qreal w = 16 + metrics.horizontalAdvance(legendText(s)) + 18;
        if (x > 0 && x + w > width) {
            ++row;
            x = 0;
        }
        places.emplace_back(row, x);
        x += w;
    }
    return places;
}

} // namespace

namespace {
// The rater's own colour when the caller gave one (the dashboard keeps them stable).
QColor seriesColorOf(const DistributionData& data, size_t s)
{
    if (s < data.colors.size() && data.colors[s].isValid())
        return data.colors[s];
    return chart::seriesColor(static_cast<int>(s));
}
} // namespace

DistributionData distributionData(const sg::core::ScaleReport& report)
{
    DistributionData d;
    const auto name = sg::core::scaleName(report.scale);
    d.title =
        QStringLiteral("Distribution: %1").arg(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())));
    for (const std::string& c : sg::core::scaleClasses(report.scale))
        d.classes << QString::fromStdString(c);
    for (const sg::core::RaterSummary& r : report.raters)
        d.series.push_back({QString::fromStdString(r.name), r.counts});
    return d;
}

DistributionLayout distributionLayout(const QRectF& rect, const DistributionData& data)
{
    DistributionLayout layout;
    const auto places = legendPlaces(data, rect.width() - kAxisWidth - 8);
    layout.legendRows = places.empty() ? 1 : places.back().first + 1;
    const qreal top =
        rect.top() + (data.title.isEmpty() ? 0 : kTitleHeight) + kLegendHeight * layout.legendRows + kCountRoom;
    layout.plot = QRectF(rect.left() + kAxisWidth, top, std::max<qreal>(0, rect.width() - kAxisWidth - 8),
        std::max<qreal>(0, rect.bottom() - kBottom - top));
    double largest = 0;
    for (const DistributionSeries& s : data.series) {
        const std::int64_t t = total(s);
        for (std::int64_t v : s.counts)
            if (t > 0)
                largest = std::max(largest, 100.0 * double(v) / double(t));
    }
    std::tie(layout.maxPercent, layout.tickStep) = niceAxis(largest);
    const int k = static_cast<int>(data.classes.size());
    const int n = static_cast<int>(data.series.size());
    if (k == 0 || n == 0)
        return layout;
    const qreal group = layout.plot.width() / k;
    const qreal gap = group * 0.18; // between groups
    const qreal bar = (group - gap) / n;
    for (int s = 0; s < n; ++s) {
        const DistributionSeries& series = data.series[static_cast<size_t>(s)];
        const std::int64_t t = total(series);
        std::vector<QRectF> bars;
        for (int c = 0; c < k; ++c) {
            const std::int64_t v =
                c < static_cast<int>(series.counts.size()) ? series.counts[static_cast<size_t>(c)] : 0;
            if (t == 0) {
                bars.emplace_back();
                continue;
            }
            const double percent = 100.0 * double(v) / double(t);
            const qreal h = layout.plot.height() * percent / layout.maxPercent;
            const qreal x = layout.plot.left() + c * group + gap / 2 + s * bar;
            bars.emplace_back(x, layout.plot.bottom() - h, bar, h);
        }
        layout.bars.push_back(std::move(bars));
    }
    return layout;
}

void paintDistributionBars(QPainter& painter, const QRectF& rect, const DistributionData& data)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    chart::fillBackground(painter, rect);
    QRectF body = chart::drawTitle(painter, rect, data.title);
    const DistributionLayout layout = distributionLayout(rect, data);
    const QRectF& plot = layout.plot;

    // Legend: a swatch and the rater's name with their item count, wrapped onto more rows if needed.
    painter.setFont(chart::labelFont());
    const auto places = legendPlaces(data, plot.width());
    for (size_t s = 0; s < data.series.size(); ++s) {
        const qreal x = plot.left() + places[s].second;
        const qreal y = body.top() + kLegendHeight * places[s].first;
        painter.fillRect(QRectF(x, y + 5, 12, 12), seriesColorOf(data, s));
        painter.setPen(chart::kInk);
        const QString text = legendText(data.series[s]);
        painter.drawText(QRectF(x + 16, y, painter.fontMetrics().horizontalAdvance(text) + 4, kLegendHeight),
            Qt::AlignLeft | Qt::AlignVCenter, text);
    }

    // Horizontal grid and ticks in %.
    painter.setFont(chart::smallFont());
    const int ticks = static_cast<int>(std::lround(layout.maxPercent / layout.tickStep));
    for (int i = 0; i <= ticks; ++i) {
        const double value = layout.tickStep * i;
        const qreal y = plot.bottom() - plot.height() * value / layout.maxPercent;
        painter.setPen(QPen(chart::kGrid, 1));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(chart::kInk);
        painter.drawText(QRectF(plot.left() - 40, y - 8, 36, 16), Qt::AlignRight | Qt::AlignVCenter,
            QString::number(value, 'f', 0) + QLatin1Char('%'));
    }
    painter.save();
    painter.translate(rect.left() + 8, plot.center().y());
    painter.rotate(-90);
    painter.setFont(chart::labelFont());
    painter.drawText(
        QRectF(-plot.height() / 2, -8, plot.height(), 16), Qt::AlignCenter, QStringLiteral("share of rater's labels"));
    painter.restore();

    const int k = static_cast<int>(data.classes.size());
    if (data.series.empty() || k == 0) {
        chart::drawUndefined(painter, plot);
        painter.restore();
        return;
    }
    for (size_t s = 0; s < layout.bars.size(); ++s) {
        const QColor color = seriesColorOf(data, s);
        for (int c = 0; c < k; ++c) {
            const QRectF& bar = layout.bars[s][static_cast<size_t>(c)];
            if (bar.isNull())
                continue;
            painter.fillRect(bar.adjusted(1, 0, -1, 0), color);
            const auto& counts = data.series[s].counts;
            const std::int64_t v = c < static_cast<int>(counts.size()) ? counts[static_cast<size_t>(c)] : 0;
            painter.setPen(chart::kInk);
            painter.setFont(chart::smallFont());
            painter.drawText(QRectF(bar.left() - 10, bar.top() - 15, bar.width() + 20, 14),
                Qt::AlignHCenter | Qt::AlignBottom, QString::number(v));
        }
    }
    // Axes and class names.
    painter.setPen(QPen(chart::kInk, 1));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.bottomLeft(), plot.topLeft());
    painter.setFont(chart::labelFont());
    const qreal group = plot.width() / k;
    for (int c = 0; c < k; ++c)
        painter.drawText(
            QRectF(plot.left() + c * group, plot.bottom() + 2, group, 18), Qt::AlignCenter, data.classes[c]);
    painter.drawText(
        QRectF(plot.left(), plot.bottom() + 20, plot.width(), 18), Qt::AlignCenter, QStringLiteral("class"));
    painter.restore();
}

} // namespace sg::ui
