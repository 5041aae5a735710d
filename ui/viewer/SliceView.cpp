#include "ui/viewer/SliceView.h"

#include "ui/viewer/SliceRenderer.h"

#include <QMouseEvent>
#include <QWheelEvent>

#include <cmath>

namespace sg::ui {

SliceView::SliceView(QWidget* parent)
    : VtkViewport(parent), m_renderer(std::make_unique<SliceRenderer>(renderWindow()))
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setToolTip(tr("Wheel: zoom · Right-drag: window/level · Middle- or Shift-drag: pan · Double-click: fit"));
}

SliceView::~SliceView()
{
    // The renderer's VTK objects release GL resources: keep the context alive meanwhile.
    if (context())
        makeCurrent();
    m_renderer.reset();
    if (context())
        doneCurrent();
}

void SliceView::showSlice(const sg::core::SliceImage* image)
{
    if (image && !image->empty())
        m_renderer->setImage(*image);
    else
        m_renderer->clearImage();
    update();
}

void SliceView::setWindow(const sg::core::WindowLevel& window)
{
    m_renderer->setWindow(window);
    update();
}

void SliceView::setCornerTexts(const QString& tl, const QString& tr, const QString& bl, const QString& br)
{
    m_renderer->setCornerText(Corner::TopLeft, tl);
    m_renderer->setCornerText(Corner::TopRight, tr);
    m_renderer->setCornerText(Corner::BottomLeft, bl);
    m_renderer->setCornerText(Corner::BottomRight, br);
    update();
}

void SliceView::resetView()
{
    m_renderer->resetCamera();
    update();
}

double SliceView::zoomFactor() const { return m_renderer->zoomFactor(); }

SliceRenderer& SliceView::renderer() { return *m_renderer; }

void SliceView::mousePressEvent(QMouseEvent* event)
{
    m_last = event->position().toPoint();
    if (event->button() == Qt::RightButton)
        m_drag = Drag::Window;
    else if (event->button() == Qt::MiddleButton ||
             (event->button() == Qt::LeftButton && (event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier))))
        m_drag = Drag::Pan;
    else
        VtkViewport::mousePressEvent(event);
}

void SliceView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    const QPoint delta = pos - m_last;
    m_last = pos;
    const qreal ratio = devicePixelRatioF();
    if (m_drag == Drag::Window) {
        emit windowDragged(delta.x(), delta.y());
    } else if (m_drag == Drag::Pan) {
        m_renderer->pan(delta.x() * ratio, delta.y() * ratio);
        update();
    }
}

void SliceView::mouseReleaseEvent(QMouseEvent* event)
{
    m_drag = Drag::None;
    VtkViewport::mouseReleaseEvent(event);
}

void SliceView::mouseDoubleClickEvent(QMouseEvent*) { resetView(); }

void SliceView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    m_renderer->zoom(std::pow(1.15, steps));
    update();
    event->accept();
}

void SliceView::resizeGL(int width, int height)
{
    VtkViewport::resizeGL(width, height);
    m_renderer->resetCamera();
}

} // namespace sg::ui
