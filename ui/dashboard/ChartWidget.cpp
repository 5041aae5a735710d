#include "ui/dashboard/ChartWidget.h"

#include <QPainter>

namespace sg::ui {

ChartWidget::ChartWidget(QSize preferred, QWidget* parent) : QWidget(parent), m_preferred(preferred)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ChartWidget::setPaint(Paint paint)
{
    m_paint = std::move(paint);
    update();
}

void ChartWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRectF area(rect());
    painter.fillRect(area, Qt::white);
    if (m_paint)
        m_paint(painter, area.adjusted(6, 6, -6, -6));
}

} // namespace sg::ui
