#pragma once
// What every chart painter shares: the colour-blind-safe palette (Okabe & Ito 2008 for
// categories, a single-hue sequential ramp for magnitudes), fonts and the way an undefined
// value is drawn. Sizes are logical units of the painter (1 unit = 1 screen pixel at 96 dpi):
// a caller painting to a printer or a PDF scales the painter first (painter.scale(dpi / 96.0)).
#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>

#include <optional>

class QPainter;

namespace sg::ui {

namespace chart {

// Okabe-Ito categorical colours, in the order series take them (blue, orange, bluish green,
// vermillion, reddish purple, sky blue, yellow): distinguishable with any colour vision deficiency.
QColor seriesColor(int index);
// Light-to-dark blue ramp (ColorBrewer "Blues") for t in [0, 1]; darker means more.
QColor sequentialColor(double t);
// Black or white, whichever reads better on `background`.
QColor textColorOn(const QColor& background);

inline const QColor kInk {0x22, 0x22, 0x22}; // text and axes
inline const QColor kGrid {0xd0, 0xd0, 0xd0};
inline const QColor kMuted {0x70, 0x70, 0x70}; // secondary text, "undefined"

QFont titleFont(); // 14 px bold
QFont labelFont(); // 12 px
QFont smallFont(); // 11 px

// The word a chart prints where a figure is undefined (never 0).
inline QString undefinedText()
{
    return QStringLiteral("undefined");
}

// "0.734" or "undefined"; "78.8%" or "undefined".
QString formatNumber(const std::optional<double>& v, int decimals = 3);
QString formatPercent(const std::optional<double>& fraction, int decimals = 1);

// Draws `title` on the top line of `rect` and returns the rest of the rect.
QRectF drawTitle(QPainter& painter, const QRectF& rect, const QString& title);
// Draws "undefined" (muted, italic) centred in `rect`.
void drawUndefined(QPainter& painter, const QRectF& rect, Qt::Alignment align = Qt::AlignCenter);
// Fills the whole rect white: every chart has an opaque background, so it reads the same on
// a dark window, in a PNG and on paper.
void fillBackground(QPainter& painter, const QRectF& rect);

} // namespace chart

} // namespace sg::ui
