#pragma once
// The axial slice view: VTK in a QOpenGLWidget. It draws what its model (SliceViewModel) says:
// the image, window/level, corner texts and overlays, and sends the user's input back to that
// model only (window drag, clicks and drawn rectangles while the model edits a patch). Zoom and
// pan are the view's own. Switching modes is switching the model the view shows.
#include "ui/vtk/VtkViewport.h"

#include "core/labels/Label.h"
#include "ui/viewer/SliceViewModel.h"

#include <QPoint>
#include <QPointer>
#include <QRectF>
#include <memory>
#include <optional>

namespace sg::ui {

class SliceRenderer;
class SliceOverlay;

class SliceView : public VtkViewport {
    Q_OBJECT
public:
    explicit SliceView(QWidget* parent = nullptr);
    ~SliceView() override;

    // The model shown (not owned); nullptr: the view's own empty model.
    void setModel(SliceViewModel* model);
    SliceViewModel* model() const { return m_model; }

    void resetView();
    double zoomFactor() const;
    SliceRenderer& renderer();

    // Widget position (logical pixels) <-> stored pixel coordinates; nullopt without an image.
    std::optional<QPointF> pixelAt(QPointF widgetPos) const;
    std::optional<QPointF> widgetPosOf(QPointF pixel) const;

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void resizeGL(int width, int height) override;

private:
    void showImage();
    void showWindow();
    void showCorners();
    void showOverlays();
    void showOverlay(SliceOverlay* overlay);
    void showEditing();
    bool editing() const;
    QRectF dragRect(QPointF to) const;

    std::unique_ptr<SliceRenderer> m_renderer;
    SliceViewModel* m_ownModel; // shown when no model is set
    QPointer<SliceViewModel> m_model;
    QList<QMetaObject::Connection> m_connections;

    enum class Drag { None, Window, Pan, Patch } m_drag = Drag::None;
    QPoint m_last;
    QPoint m_pressPos;
    QPointF m_pressPixel;
    bool m_dragMoved = false;
};

} // namespace sg::ui
