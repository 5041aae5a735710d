#include "ui/viewer/SliceView.h"

#include "ui/viewer/SliceRenderer.h"

#include <QMouseEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace sg::ui {

SliceView::SliceView(QWidget* parent) : VtkViewport(parent), m_renderer(std::make_unique<SliceRenderer>(renderWindow()))
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

double SliceView::zoomFactor() const
{
    return m_renderer->zoomFactor();
}

SliceRenderer& SliceView::renderer()
{
    return *m_renderer;
}

void SliceView::setPatch(const std::optional<sg::core::Patch>& patch)
{
    m_patch = patch;
    m_renderer->setPatch(patch);
    update();
}

void SliceView::setProposal(const std::optional<sg::core::Patch>& patch)
{
    m_renderer->setProposal(patch);
    update();
}

void SliceView::setProposalLabel(const QString& text)
{
    m_proposalLabel = text;
    m_renderer->setProposalLabel(text);
    update();
}

void SliceView::setPatchEditing(bool on)
{
    m_patchEditing = on;
    setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
}

std::optional<QPointF> SliceView::pixelAt(QPointF widgetPos) const
{
    return m_renderer->displayToPixel(widgetPos * devicePixelRatioF());
}

std::optional<QPointF> SliceView::widgetPosOf(QPointF pixel) const
{
    const auto display = m_renderer->pixelToDisplay(pixel);
    if (!display)
        return std::nullopt;
    return *display / devicePixelRatioF();
}

QRectF SliceView::dragRect(QPointF to) const
{
    const auto end = pixelAt(to);
    if (!end)
        return {};
    // Whole pixels: a patch is a crop of the stored image.
    const QPointF a(std::floor(std::min(m_pressPixel.x(), end->x())), std::floor(std::min(m_pressPixel.y(), end->y())));
    const QPointF b(std::ceil(std::max(m_pressPixel.x(), end->x())), std::ceil(std::max(m_pressPixel.y(), end->y())));
    return QRectF(a, b);
}

void SliceView::mousePressEvent(QMouseEvent* event)
{
    m_last = event->position().toPoint();
    const bool panModifier = event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier);
    if (event->button() == Qt::RightButton) {
        m_drag = Drag::Window;
    } else if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && panModifier)) {
        m_drag = Drag::Pan;
    } else if (event->button() == Qt::LeftButton && m_patchEditing) {
        if (const auto pixel = pixelAt(event->position())) {
            m_drag = Drag::Patch;
            m_pressPos = m_last;
            m_pressPixel = *pixel;
            m_dragMoved = false;
        }
    } else {
        VtkViewport::mousePressEvent(event);
    }
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
    } else if (m_drag == Drag::Patch) {
        // A few pixels of jitter are still a click.
        m_dragMoved = m_dragMoved || (pos - m_pressPos).manhattanLength() > 4;
        const QRectF r = dragRect(event->position());
        if (m_dragMoved && r.width() > 0 && r.height() > 0) {
            m_renderer->setPatch(sg::core::Patch {r.x(), r.y(), r.width(), r.height()}); // live preview
            update();
        }
    }
}

void SliceView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == Drag::Patch && event->button() == Qt::LeftButton) {
        m_drag = Drag::None;
        const QRectF r = dragRect(event->position());
        m_renderer->setPatch(m_patch); // the owner decides; it calls setPatch with the result
        update();
        if (!m_dragMoved)
            emit pixelClicked(m_pressPixel);
        else if (r.width() >= 2 && r.height() >= 2)
            emit pixelRectDrawn(r);
        return;
    }
    m_drag = Drag::None;
    VtkViewport::mouseReleaseEvent(event);
}

void SliceView::mouseDoubleClickEvent(QMouseEvent* event)
{
    // In labeling mode a double left click is two clicks that place a patch, not a fit.
    if (m_patchEditing && event->button() == Qt::LeftButton)
        return mousePressEvent(event);
    resetView();
}

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
