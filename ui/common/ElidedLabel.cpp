#include "ui/common/ElidedLabel.h"

#include <QPainter>

namespace sg::ui {

ElidedLabel::ElidedLabel(QWidget* parent) : QLabel(parent)
{
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setTextFormat(Qt::PlainText);
}

void ElidedLabel::setText(const QString& text)
{
    // One line: a message with a newline (an error with its details) reads as one sentence.
    QLabel::setText(QString(text).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    updateToolTip();
}

QString ElidedLabel::displayedText() const
{
    return fontMetrics().elidedText(text(), Qt::ElideRight, contentsRect().width());
}

QSize ElidedLabel::minimumSizeHint() const
{
    return {1, QLabel::minimumSizeHint().height()};
}

void ElidedLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setPen(palette().color(foregroundRole()));
    painter.drawText(contentsRect(), Qt::AlignLeft | Qt::AlignVCenter, displayedText());
}

void ElidedLabel::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    updateToolTip();
}

void ElidedLabel::updateToolTip()
{
    // The whole message when it is cut; none when it shows whole (a tooltip repeating it is noise).
    setToolTip(isElided() ? text() : QString());
}

} // namespace sg::ui
