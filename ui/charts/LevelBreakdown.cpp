#include "ui/charts/LevelBreakdown.h"

#include "ui/charts/ChartStyle.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace sg::ui {
namespace {

constexpr qreal kTitleHeight = 24;
constexpr qreal kLegendHeight = 22;
constexpr qreal kAxisWidth = 44;
constexpr qreal kBottom = 40; // level names and n

// A bar from 0 to v (up or down), or "undefined" written up the slot.
void drawBar(QPainter& painter, const LevelBreakdownLayout& layout, const QRectF& slot, const std::optional<double>& v,
    const QColor& color)
{
    if (!v) {
        painter.save();
        painter.translate(slot.center().x(), layout.yOf(0) - 4);
        painter.rotate(-90);
        chart::drawUndefined(painter, QRectF(0, -slot.width() / 2, 80, slot.width()), Qt::AlignLeft | Qt::AlignVCenter);
        painter.restore();
        return;
    }
    const qreal y0 = layout.yOf(0), y1 = layout.yOf(*v);
    const QRectF bar(QPointF(slot.left() + 1, std::min(y0, y1)), QPointF(slot.right() - 1, std::max(y0, y1)));
    painter.fillRect(bar, color);
    painter.setPen(chart::kInk);
    painter.setFont(chart::smallFont());
    const QRectF label = *v >= 0 ? QRectF(slot.left() - 12, bar.top() - 15, slot.width() + 24, 14)
                                 : QRectF(slot.left() - 12, bar.bottom() + 1, slot.width() + 24, 14);
    painter.drawText(label, Qt::AlignCenter, QString::number(*v, 'f', 2));
}

} // namespace

LevelBreakdownData levelBreakdownData(
    const sg::core::TaskEntry& task, const std::string& reference, const std::string& other)
{
    LevelBreakdownData d;
    const auto name = sg::core::taskName(task.task);
    d.title = QStringLiteral("Per level, %1: %2 vs %3")
                  .arg(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())),
                      QString::fromStdString(reference), QString::fromStdString(other));
    for (const sg::core::LevelReport& l : task.levels) {
        LevelFigures f;
        f.level = QString::fromStdString(l.level);
        for (const sg::core::PairReport& p : l.report.scale.pairs)
            if (p.reference == reference && p.other == other) {
                f.n = p.stats.n;
                f.agreement = p.stats.percentAgreement;
                f.kappa = p.stats.kappaUnweighted.value;
            }
        d.levels.push_back(f);
    }
    return d;
}

LevelBreakdownLayout levelBreakdownLayout(const QRectF& rect, const LevelBreakdownData& data)
{
    LevelBreakdownLayout layout;
    for (const LevelFigures& f : data.levels)
        if (f.kappa)
            layout.yMin = std::min(layout.yMin, std::floor(*f.kappa * 5.0) / 5.0);
    layout.yMin = std::max(-1.0, layout.yMin);
    const qreal top = rect.top() + (data.title.isEmpty() ? 0 : kTitleHeight) + kLegendHeight + 16;
    layout.plot = QRectF(rect.left() + kAxisWidth, top, std::max<qreal>(0, rect.width() - kAxisWidth - 8),
        std::max<qreal>(0, rect.bottom() - kBottom - top));
    const int n = static_cast<int>(data.levels.size());
    if (n == 0)
        return layout;
    const qreal group = layout.plot.width() / n;
    const qreal bar = std::min<qreal>(48, group * 0.36);
    for (int i = 0; i < n; ++i) {
        const qreal centre = layout.plot.left() + group * (i + 0.5);
        layout.agreementSlots.emplace_back(centre - bar, layout.plot.top(), bar, layout.plot.height());
        layout.kappaSlots.emplace_back(centre, layout.plot.top(), bar, layout.plot.height());
    }
    return layout;
}

void paintLevelBreakdown(QPainter& painter, const QRectF& rect, const LevelBreakdownData& data)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    chart::fillBackground(painter, rect);
    const QRectF body = chart::drawTitle(painter, rect, data.title);
    const LevelBreakdownLayout layout = levelBreakdownLayout(rect, data);
    const QRectF& plot = layout.plot;
    const QColor agreementColor = chart::seriesColor(0);
    const QColor kappaColor = chart::seriesColor(1);

    painter.setFont(chart::labelFont());
    qreal x = plot.left();
    for (const auto& [name, color] : {std::pair {QStringLiteral("percent agreement"), agreementColor},
             std::pair {QStringLiteral("kappa (unweighted)"), kappaColor}}) {
        painter.fillRect(QRectF(x, body.top() + 5, 12, 12), color);
        painter.setPen(chart::kInk);
        const qreal w = painter.fontMetrics().horizontalAdvance(name);
        painter.drawText(QRectF(x + 16, body.top(), w + 4, kLegendHeight), Qt::AlignLeft | Qt::AlignVCenter, name);
        x += 16 + w + 18;
    }

    painter.setFont(chart::smallFont());
    for (int fifth = static_cast<int>(std::lround(layout.yMin * 5.0)); fifth <= std::lround(layout.yMax * 5.0);
         ++fifth) {
        const double t = fifth / 5.0;
        const qreal y = layout.yOf(t);
        painter.setPen(QPen(chart::kGrid, 1));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(chart::kInk);
        painter.drawText(QRectF(rect.left(), y - 8, kAxisWidth - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
            QString::number(t + 0.0, 'f', 1));
    }
    if (data.levels.empty()) {
        chart::drawUndefined(painter, plot);
        painter.restore();
        return;
    }
    const qreal group = plot.width() / static_cast<qreal>(data.levels.size());
    for (size_t i = 0; i < data.levels.size(); ++i) {
        const LevelFigures& f = data.levels[i];
        drawBar(painter, layout, layout.agreementSlots[i], f.n > 0 ? f.agreement : std::nullopt, agreementColor);
        drawBar(painter, layout, layout.kappaSlots[i], f.n > 0 ? f.kappa : std::nullopt, kappaColor);
        painter.setPen(chart::kInk);
        painter.setFont(chart::labelFont());
        const QRectF names(plot.left() + group * static_cast<qreal>(i), plot.bottom() + 2, group, 18);
        painter.drawText(names, Qt::AlignCenter, f.level);
        painter.setFont(chart::smallFont());
        painter.setPen(chart::kMuted);
        painter.drawText(names.translated(0, 17), Qt::AlignCenter, QStringLiteral("n=%1").arg(f.n));
    }
    painter.setPen(QPen(chart::kInk, 1));
    painter.drawLine(QPointF(plot.left(), layout.yOf(0)), QPointF(plot.right(), layout.yOf(0)));
    painter.drawLine(plot.bottomLeft(), plot.topLeft());
    painter.restore();
}

} // namespace sg::ui
