#include "ui/charts/ChartStyle.h"

#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

namespace sg::ui::chart {

QColor seriesColor(int index)
{
    static const std::array<QColor, 7> colors {QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00),
        QColor(0x00, 0x9e, 0x73), QColor(0xd5, 0x5e, 0x00), QColor(0xcc, 0x79, 0xa7), QColor(0x56, 0xb4, 0xe9),
        QColor(0xf0, 0xe4, 0x42)};
    return colors[static_cast<size_t>(std::abs(index)) % colors.size()];
}

QColor sequentialColor(double t)
{
    // ColorBrewer Blues, 9 classes, interpolated linearly between neighbours.
    static const std::array<QColor, 9> ramp {QColor(0xf7, 0xfb, 0xff), QColor(0xde, 0xeb, 0xf7),
        QColor(0xc6, 0xdb, 0xef), QColor(0x9e, 0xca, 0xe1), QColor(0x6b, 0xae, 0xd6), QColor(0x42, 0x92, 0xc6),
        QColor(0x21, 0x71, 0xb5), QColor(0x08, 0x51, 0x9c), QColor(0x08, 0x30, 0x6b)};
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
    const double pos = t * (ramp.size() - 1);
    const auto i = std::min(static_cast<size_t>(pos), ramp.size() - 2);
    const double f = pos - static_cast<double>(i);
    const QColor& a = ramp[i];
    const QColor& b = ramp[i + 1];
    auto mix = [f](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * f)); };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

QColor textColorOn(const QColor& background)
{
    // Relative luminance (sRGB weights, without the gamma curve: good enough for black vs white).
    const double l = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return l < 0.5 ? QColor(Qt::white) : kInk;
}

namespace {
QFont font(int pixels, bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}
} // namespace

QFont titleFont()
{
    return font(14, true);
}
QFont labelFont()
{
    return font(12, false);
}
QFont smallFont()
{
    return font(11, false);
}

QString formatNumber(const std::optional<double>& v, int decimals)
{
    return v ? QString::number(*v, 'f', decimals) : undefinedText();
}

QString formatPercent(const std::optional<double>& fraction, int decimals)
{
    return fraction ? QString::number(*fraction * 100.0, 'f', decimals) + QLatin1Char('%') : undefinedText();
}

QRectF drawTitle(QPainter& painter, const QRectF& rect, const QString& title)
{
    if (title.isEmpty())
        return rect;
    painter.setFont(titleFont());
    painter.setPen(kInk);
    const qreal h = painter.fontMetrics().height() + 6;
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), h), Qt::AlignLeft | Qt::AlignVCenter, title);
    return rect.adjusted(0, h, 0, 0);
}

void drawUndefined(QPainter& painter, const QRectF& rect, Qt::Alignment align)
{
    QFont f = labelFont();
    f.setItalic(true);
    painter.setFont(f);
    painter.setPen(kMuted);
    painter.drawText(rect, static_cast<int>(align), undefinedText());
}

void fillBackground(QPainter& painter, const QRectF& rect)
{
    painter.fillRect(rect, Qt::white);
}

} // namespace sg::ui::chart
