#include "ui/charts/KappaForest.h"

#include "core/stats/BoundedInterval.h"
#include "ui/charts/ChartStyle.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace sg::ui {
namespace {

constexpr qreal kTitleHeight = 24;
constexpr qreal kBandNameHeight = 30; // two short lines: "almost" / "perfect"
constexpr qreal kAxisHeight = 74; // ticks, the axis name and the band key
constexpr qreal kMaxRowHeight = 30;

struct Band {
    double from, to;
    const char* name;
};
// Landis & Koch (1977); "poor" is every kappa below 0.
constexpr Band kBands[] = {{-1.0, 0.0, "poor"}, {0.0, 0.2, "slight"}, {0.2, 0.4, "fair"}, {0.4, 0.6, "moderate"},
    {0.6, 0.8, "substantial"}, {0.8, 1.0, "almost perfect"}};

const sg::core::KappaEstimate& estimate(const sg::core::PairStatistics& s, sg::core::KappaWeights w)
{
    switch (w) {
    case sg::core::KappaWeights::Linear: return s.kappaLinear;
    case sg::core::KappaWeights::Quadratic: return s.kappaQuadratic;
    case sg::core::KappaWeights::Unweighted: break;
    }
    return s.kappaUnweighted;
}

} // namespace

QString kappaWeightsName(sg::core::KappaWeights weights)
{
    switch (weights) {
    case sg::core::KappaWeights::Linear: return QStringLiteral("linear");
    case sg::core::KappaWeights::Quadratic: return QStringLiteral("quadratic");
    case sg::core::KappaWeights::Unweighted: break;
    }
    return QStringLiteral("unweighted");
}

KappaForestData kappaForestData(const sg::core::ScaleReport& report, sg::core::KappaWeights weights)
{
    KappaForestData d;
    const auto name = sg::core::scaleName(report.scale);
    d.title = QStringLiteral("Cohen's kappa (%1), %2, 95% CI")
                  .arg(kappaWeightsName(weights), QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())));
    for (const sg::core::PairReport& p : report.pairs) {
        if (p.reference > p.other)
            continue;
        const sg::core::KappaEstimate& e = estimate(p.stats, weights);
        d.rows.push_back(
            {QStringLiteral("%1 vs %2").arg(QString::fromStdString(p.reference), QString::fromStdString(p.other)),
                e.value, sg::core::boundedInterval(e.ci95, sg::core::kKappaRange), e.degenerate});
    }
    return d;
}

KappaForestLayout kappaForestLayout(const QRectF& rect, const KappaForestData& data)
{
    KappaForestLayout layout;
    // Extend the axis below -0.2 only when a value or CI needs it (kappa >= -1).
    for (const KappaRow& r : data.rows) {
        if (r.value)
            layout.xMin = std::min(layout.xMin, *r.value);
        if (r.ci95)
            layout.xMin = std::min(layout.xMin, (*r.ci95)[0]);
    }
    layout.xMin = std::max(-1.0, std::floor(layout.xMin * 5.0) / 5.0);
    // Row names and values take what their text needs (names at most a third of the width),
    // so the axis gets the rest and the band names fit inside their bands.
    const QFontMetricsF labels(chart::labelFont());
    const QFontMetricsF values(chart::smallFont());
    qreal labelWidth = 40;
    for (const KappaRow& r : data.rows)
        labelWidth = std::max(labelWidth, labels.horizontalAdvance(r.label) + 14);
    layout.labelWidth = std::min(labelWidth, rect.width() / 3);
    layout.valueWidth = values.horizontalAdvance(QStringLiteral("-0.000 [-0.000, -0.000]")) + 12;
    const qreal top = rect.top() + (data.title.isEmpty() ? 0 : kTitleHeight) + kBandNameHeight;
    const qreal available = std::max<qreal>(0, rect.bottom() - kAxisHeight - top);
    const int n = std::max<int>(1, static_cast<int>(data.rows.size()));
    const qreal rowHeight = std::min(kMaxRowHeight, available / n);
    layout.plot = QRectF(rect.left() + layout.labelWidth, top,
        std::max<qreal>(0, rect.width() - layout.labelWidth - layout.valueWidth), rowHeight * n);
    for (int i = 0; i < static_cast<int>(data.rows.size()); ++i)
        layout.rows.emplace_back(layout.plot.left(), top + i * rowHeight, layout.plot.width(), rowHeight);
    return layout;
}

void paintKappaForest(QPainter& painter, const QRectF& rect, const KappaForestData& data)
{
    painter.save();
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    chart::fillBackground(painter, rect);
    chart::drawTitle(painter, rect, data.title);
    const KappaForestLayout layout = kappaForestLayout(rect, data);
    const QRectF& plot = layout.plot;

    // Bands: alternating light greys (readable in any colour vision and in print), named on top.
    painter.setRenderHint(QPainter::Antialiasing, false);
    QFont bandFont = chart::smallFont();
    bandFont.setPixelSize(10); // band names are a background key: smaller than the figures
    painter.setFont(bandFont);
    int shade = 0;
    bool allNamed = true;
    for (const Band& b : kBands) {
        const double from = std::max(b.from, layout.xMin);
        if (b.to <= layout.xMin)
            continue;
        const QRectF band(
            QPointF(layout.xOf(from), plot.top() - kBandNameHeight), QPointF(layout.xOf(b.to), plot.bottom()));
        painter.fillRect(band, (shade++ % 2 == 0) ? QColor(0xf2, 0xf2, 0xf2) : QColor(0xe0, 0xe0, 0xe0));
        painter.setPen(chart::kMuted);
        const QString name = QString::fromLatin1(b.name);
        // Names wrap onto two lines; a band too narrow for its longest word gets none (the key
        // under the axis names every band) rather than overlapping text.
        qreal longestWord = 0;
        for (const QString& word : name.split(QLatin1Char(' ')))
            longestWord = std::max<qreal>(longestWord, painter.fontMetrics().horizontalAdvance(word));
        if (longestWord + 4 <= band.width())
            painter.drawText(QRectF(band.left(), band.top(), band.width(), kBandNameHeight),
                Qt::AlignCenter | Qt::TextWordWrap, name);
        else
            allNamed = false;
    }
    if (!allNamed) {
        painter.setPen(chart::kMuted);
        painter.drawText(QRectF(rect.left(), plot.bottom() + 38, rect.width(), 34), Qt::AlignCenter | Qt::TextWordWrap,
            QStringLiteral("Landis & Koch: <0 poor, 0-0.2 slight, 0.2-0.4 fair, 0.4-0.6 moderate, "
                           "0.6-0.8 substantial, 0.8-1 almost perfect"));
    }

    // Ticks every 0.2, and the zero line.
    painter.setPen(chart::kInk);
    // Counted in fifths, so the ticks land on 0.2 steps exactly (no accumulated error).
    for (int fifth = static_cast<int>(std::ceil(layout.xMin * 5.0 - 1e-9)); fifth <= std::lround(layout.xMax * 5.0);
         ++fifth) {
        const double t = fifth / 5.0;
        const qreal x = layout.xOf(t);
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4));
        painter.drawText(QRectF(x - 20, plot.bottom() + 4, 40, 16), Qt::AlignCenter, QString::number(t + 0.0, 'f', 1));
    }
    painter.setFont(chart::labelFont());
    painter.drawText(
        QRectF(plot.left(), plot.bottom() + 20, plot.width(), 18), Qt::AlignCenter, QStringLiteral("kappa"));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.setPen(QPen(chart::kInk, 1, Qt::DashLine));
    painter.drawLine(QPointF(layout.xOf(0), plot.top()), QPointF(layout.xOf(0), plot.bottom()));

    if (data.rows.empty()) {
        chart::drawUndefined(painter, plot);
        painter.restore();
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QColor mark = chart::seriesColor(0);
    for (size_t i = 0; i < data.rows.size(); ++i) {
        const KappaRow& r = data.rows[i];
        const QRectF& row = layout.rows[i];
        const qreal y = row.center().y();
        // A long model name loses its end, never its middle (where versions differ); the
        // dashboard's tooltip has every label whole.
        painter.setFont(chart::labelFont());
        painter.setPen(chart::kInk);
        painter.drawText(QRectF(rect.left(), row.top(), layout.labelWidth - 8, row.height()),
            Qt::AlignRight | Qt::AlignVCenter,
            painter.fontMetrics().elidedText(r.label, Qt::ElideRight, static_cast<int>(layout.labelWidth - 10)));
        const QRectF valueRect(plot.right() + 8, row.top(), layout.valueWidth - 8, row.height());
        if (!r.value) {
            chart::drawUndefined(painter, row); // no dot: an undefined kappa is not 0
            continue;
        }
        if (r.ci95) {
            const qreal lo = layout.xOf(std::max((*r.ci95)[0], layout.xMin));
            const qreal hi = layout.xOf(std::min((*r.ci95)[1], layout.xMax));
            painter.setPen(QPen(mark, 2));
            painter.drawLine(QPointF(lo, y), QPointF(hi, y));
            painter.drawLine(QPointF(lo, y - 5), QPointF(lo, y + 5));
            painter.drawLine(QPointF(hi, y - 5), QPointF(hi, y + 5));
        }
        painter.setPen(r.degenerate ? QPen(mark, 2) : QPen(Qt::NoPen));
        painter.setBrush(r.degenerate ? QBrush(Qt::NoBrush) : QBrush(mark));
        const qreal radius = std::min<qreal>(6, row.height() / 3);
        painter.drawEllipse(QPointF(layout.xOf(std::clamp(*r.value, layout.xMin, layout.xMax)), y), radius, radius);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(chart::kInk);
        QString text = chart::formatNumber(r.value);
        if (r.degenerate)
            text += QStringLiteral(" degenerate");
        if (r.ci95)
            text += QStringLiteral(" [%1, %2]").arg((*r.ci95)[0], 0, 'f', 3).arg((*r.ci95)[1], 0, 'f', 3);
        painter.setFont(chart::smallFont());
        painter.drawText(valueRect, Qt::AlignLeft | Qt::AlignVCenter, text);
    }
    painter.restore();
}

} // namespace sg::ui
