#include "ui/charts/ConfusionHeatmap.h"

#include "ui/charts/ChartStyle.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace sg::ui {
namespace {

// Room for the title, the axis names and the class names around the grid.
constexpr qreal kTitleHeight = 24;
constexpr qreal kAxisNameHeight = 20;
constexpr qreal kClassLabelWidth = 56; // "rootlet"
constexpr qreal kClassLabelHeight = 20;

} // namespace

HeatmapData heatmapData(const sg::core::PairReport& pair, sg::core::Scale scale)
{
    HeatmapData d;
    d.reference = QString::fromStdString(pair.reference);
    d.other = QString::fromStdString(pair.other);
    d.title = QStringLiteral("%1: %2 vs %3")
                  .arg(QString::fromUtf8(sg::core::scaleName(scale).data(),
                           static_cast<qsizetype>(sg::core::scaleName(scale).size())),
                      d.reference, d.other);
    const auto& classes = sg::core::scaleClasses(scale);
    for (const std::string& c : classes)
        d.classes << QString::fromStdString(c);
    const int k = static_cast<int>(classes.size());
    d.counts.assign(static_cast<size_t>(k), std::vector<std::int64_t>(static_cast<size_t>(k), 0));
    const auto side = static_cast<size_t>(k);
    if (pair.stats.confusion.classes == k && pair.stats.confusion.cells.size() == side * side)
        for (int i = 0; i < k; ++i)
            for (int j = 0; j < k; ++j)
                d.counts[static_cast<size_t>(i)][static_cast<size_t>(j)] = pair.stats.confusion.at(i, j);
    return d;
}

HeatmapLayout heatmapLayout(const QRectF& rect, const HeatmapData& data)
{
    HeatmapLayout layout;
    const int k = static_cast<int>(data.classes.size());
    const qreal top = rect.top() + (data.title.isEmpty() ? 0 : kTitleHeight) + kAxisNameHeight + kClassLabelHeight;
    const qreal left = rect.left() + kAxisNameHeight + kClassLabelWidth;
    const qreal side = std::max<qreal>(0, std::min(rect.right() - left - 4, rect.bottom() - top - 4));
    layout.grid = QRectF(left, top, side, side);
    if (k == 0)
        return layout;
    const qreal cell = side / k;
    layout.cells.resize(static_cast<size_t>(k));
    for (int r = 0; r < k; ++r)
        for (int c = 0; c < k; ++c)
            layout.cells[static_cast<size_t>(r)].push_back(QRectF(left + c * cell, top + r * cell, cell, cell));
    return layout;
}

void paintConfusionHeatmap(QPainter& painter, const QRectF& rect, const HeatmapData& data)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    chart::fillBackground(painter, rect);
    const QRectF body = chart::drawTitle(painter, rect, data.title);
    const HeatmapLayout layout = heatmapLayout(rect, data);
    const int k = static_cast<int>(data.classes.size());
    const QRectF& grid = layout.grid;

    painter.setPen(chart::kInk);
    painter.setFont(chart::labelFont());
    // Axis names: the other rater across the top, the reference down the left side.
    painter.drawText(QRectF(grid.left(), body.top(), grid.width(), kAxisNameHeight), Qt::AlignCenter,
        data.other.isEmpty() ? QStringLiteral("other") : data.other);
    painter.save();
    painter.translate(rect.left() + kAxisNameHeight / 2, grid.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-grid.height() / 2, -kAxisNameHeight / 2, grid.height(), kAxisNameHeight), Qt::AlignCenter,
        (data.reference.isEmpty() ? QStringLiteral("reference") : data.reference));
    painter.restore();

    if (k == 0 || data.counts.size() != static_cast<size_t>(k)) {
        chart::drawUndefined(painter, grid);
        painter.restore();
        return;
    }
    std::int64_t maxCount = 0;
    for (const auto& row : data.counts)
        for (std::int64_t v : row)
            maxCount = std::max(maxCount, v);

    for (int i = 0; i < k; ++i) {
        const QRectF& first = layout.cells[static_cast<size_t>(i)][0];
        painter.setPen(chart::kInk);
        painter.setFont(chart::labelFont());
        painter.drawText(QRectF(grid.left(), grid.top() - kClassLabelHeight, 0, kClassLabelHeight)
                             .adjusted(first.width() * i, 0, first.width() * (i + 1), 0),
            Qt::AlignCenter, data.classes[i]);
        painter.drawText(QRectF(grid.left() - kClassLabelWidth, first.top(), kClassLabelWidth - 6, first.height()),
            Qt::AlignRight | Qt::AlignVCenter, data.classes[i]);

        const auto& row = data.counts[static_cast<size_t>(i)];
        std::int64_t rowTotal = 0;
        for (std::int64_t v : row)
            rowTotal += v;
        for (int j = 0; j < k && j < static_cast<int>(row.size()); ++j) {
            const QRectF& cell = layout.cells[static_cast<size_t>(i)][static_cast<size_t>(j)];
            const std::int64_t v = row[static_cast<size_t>(j)];
            // Colour by count over the whole matrix, so the commonest cell is the darkest.
            const QColor fill = chart::sequentialColor(maxCount > 0 ? double(v) / double(maxCount) : 0.0);
            painter.fillRect(cell, fill);
            painter.setPen(chart::textColorOn(fill));
            const qreal half = cell.height() / 2;
            QFont big = chart::labelFont();
            big.setBold(true);
            big.setPixelSize(std::clamp(static_cast<int>(cell.height() / 4), 11, 18));
            painter.setFont(big);
            painter.drawText(QRectF(cell.left(), cell.top(), cell.width(), half + 4),
                Qt::AlignHCenter | Qt::AlignBottom, QString::number(v));
            painter.setFont(chart::smallFont());
            const QString share =
                rowTotal > 0 ? chart::formatPercent(double(v) / double(rowTotal)) : QStringLiteral("–");
            if (cell.height() >= 34)
                painter.drawText(QRectF(cell.left(), cell.top() + half + 4, cell.width(), half - 4),
                    Qt::AlignHCenter | Qt::AlignTop, share);
        }
    }
    painter.setPen(QPen(chart::kGrid, 1));
    for (int i = 0; i <= k; ++i) {
        const qreal x = grid.left() + grid.width() * i / k;
        const qreal y = grid.top() + grid.height() * i / k;
        painter.drawLine(QPointF(x, grid.top()), QPointF(x, grid.bottom()));
        painter.drawLine(QPointF(grid.left(), y), QPointF(grid.right(), y));
    }
    painter.restore();
}

} // namespace sg::ui
