#pragma once
// A thin widget around any chart painter: it holds the function that paints the chart
// (with its data captured) and calls it on every paint. No chart state lives here.
#include <QWidget>

#include <functional>

namespace sg::ui {

class ChartWidget : public QWidget {
    Q_OBJECT
public:
    using Paint = std::function<void(QPainter&, const QRectF&)>;

    explicit ChartWidget(QSize preferred = {420, 320}, QWidget* parent = nullptr);
    // Replaces what the widget paints and repaints it.
    void setPaint(Paint paint);
    QSize sizeHint() const override { return m_preferred; }
    QSize minimumSizeHint() const override { return {240, 180}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Paint m_paint;
    QSize m_preferred;
};

} // namespace sg::ui
