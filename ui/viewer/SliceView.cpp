#include "ui/viewer/SliceView.h"

#include "ui/viewer/SliceRenderer.h"
#include "ui/viewer/SliceViewModel.h"

#include <QMouseEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace sg::ui {

SliceView::SliceView(QWidget* parent)
    : VtkViewport(parent),
      m_renderer(std::make_unique<SliceRenderer>(renderWindow())),
      m_ownModel(new SliceViewModel(this))
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setToolTip(tr("Wheel: zoom · Right-drag: window/level · Middle- or Shift-drag: pan · Double-click: fit"));
    setModel(nullptr);
}

SliceView::~SliceView()
{
    for (const auto& c : m_connections)
        disconnect(c);
    // The renderer's VTK objects release GL resources: keep the context alive meanwhile.
    if (context())
        makeCurrent();
    m_renderer.reset();
    if (context())
        doneCurrent();
}

void SliceView::setModel(SliceViewModel* model)
{
    if (!model)
        model = m_ownModel;
    for (const auto& c : m_connections)
        disconnect(c);
    m_connections.clear();
    m_drag = Drag::None; // a drag begun on another model's image ends here
    m_model = model;
    m_connections << connect(model, &SliceViewModel::imageChanged, this, &SliceView::showImage)
                  << connect(model, &SliceViewModel::windowChanged, this, &SliceView::showWindow)
                  << connect(model, &SliceViewModel::cornersChanged, this, &SliceView::showCorners)
                  << connect(model, &SliceViewModel::overlaysChanged, this, &SliceView::showOverlays)
                  << connect(model, &SliceViewModel::overlayChanged, this, &SliceView::showOverlay)
                  << connect(model, &SliceViewModel::editingChanged, this, &SliceView::showEditing)
                  << connect(model, &QObject::destroyed, this, [this] { setModel(nullptr); });
    showImage();
    showWindow();
    showCorners();
    showOverlays();
    showEditing();
}

void SliceView::showImage()
{
    if (const sg::core::SliceImage* image = m_model->image())
        m_renderer->setImage(*image);
    else
        m_renderer->clearImage();
    update();
}

void SliceView::showWindow()
{
    if (m_model->window().valid())
        m_renderer->setWindow(m_model->window());
    update();
}

void SliceView::showCorners()
{
    const auto c = m_model->cornerTexts();
    m_renderer->setCornerText(Corner::TopLeft, c[0]);
    m_renderer->setCornerText(Corner::TopRight, c[1]);
    m_renderer->setCornerText(Corner::BottomLeft, c[2]);
    m_renderer->setCornerText(Corner::BottomRight, c[3]);
    update();
}

void SliceView::showOverlays()
{
    std::vector<const SliceOverlay*> overlays(m_model->overlays().begin(), m_model->overlays().end());
    m_renderer->setOverlays(overlays);
    update();
}

void SliceView::showOverlay(SliceOverlay* overlay)
{
    m_renderer->overlayChanged(overlay);
    update();
}

void SliceView::showEditing()
{
    if (!editing() && m_drag == Drag::Patch) {
        m_drag = Drag::None;
        m_renderer->setPreview(nullptr, std::nullopt);
    }
    setCursor(editing() ? Qt::CrossCursor : Qt::ArrowCursor);
}

bool SliceView::editing() const
{
    return m_model && m_model->editedPatch();
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
    } else if (event->button() == Qt::LeftButton && editing()) {
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
        m_model->dragWindow(delta.x(), delta.y()); // only the model shown: another mode's stays
    } else if (m_drag == Drag::Pan) {
        m_renderer->pan(delta.x() * ratio, delta.y() * ratio);
        update();
    } else if (m_drag == Drag::Patch) {
        // A few pixels of jitter are still a click.
        m_dragMoved = m_dragMoved || (pos - m_pressPos).manhattanLength() > 4;
        const QRectF r = dragRect(event->position());
        if (m_dragMoved && r.width() > 0 && r.height() > 0) {
            m_renderer->setPreview(m_model->editedPatch(), sg::core::Patch {r.x(), r.y(), r.width(), r.height()});
            update();
        }
    }
}

void SliceView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == Drag::Patch && event->button() == Qt::LeftButton) {
        m_drag = Drag::None;
        const QRectF r = dragRect(event->position());
        m_renderer->setPreview(nullptr, std::nullopt); // the mode decides; it sets the patch
        update();
        if (!m_dragMoved)
            m_model->reportClick(m_pressPixel);
        else if (r.width() >= 2 && r.height() >= 2)
            m_model->reportRect(r);
        return;
    }
    m_drag = Drag::None;
    VtkViewport::mouseReleaseEvent(event);
}

void SliceView::mouseDoubleClickEvent(QMouseEvent* event)
{
    // In labeling mode a double left click is two clicks that place a patch, not a fit.
    if (editing() && event->button() == Qt::LeftButton)
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
