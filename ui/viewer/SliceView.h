#pragma once
// The axial slice view: VTK in a QOpenGLWidget. It draws what it is given and turns
// mouse input into view changes (zoom, pan) or requests (window/level drag).
#include "ui/vtk/VtkViewport.h"

#include "core/labels/Label.h"
#include "core/study/SliceImage.h"

#include <QPoint>
#include <QRectF>
#include <memory>
#include <optional>

namespace sg::ui {

class SliceRenderer;

class SliceView : public VtkViewport {
    Q_OBJECT
public:
    explicit SliceView(QWidget* parent = nullptr);
    ~SliceView() override;

    void showSlice(const sg::core::SliceImage* image); // nullptr clears
    void setWindow(const sg::core::WindowLevel& window);
    // Four corners: top-left, top-right, bottom-left, bottom-right.
    void setCornerTexts(const QString& tl, const QString& tr, const QString& bl, const QString& br);
    void resetView();
    double zoomFactor() const;
    SliceRenderer& renderer();

    // Patch overlay, in stored pixel coordinates (see SliceRenderer).
    void setPatch(const std::optional<sg::core::Patch>& patch);
    void setProposal(const std::optional<sg::core::Patch>& patch);
    void setProposalLabel(const QString& text); // drawn above the proposal's box
    const QString& proposalLabel() const { return m_proposalLabel; }
    // Labeling mode: a left click or left drag on the image places a patch (signals below).
    void setPatchEditing(bool on);
    bool patchEditing() const { return m_patchEditing; }
    // Widget position (logical pixels) <-> stored pixel coordinates; nullopt without an image.
    std::optional<QPointF> pixelAt(QPointF widgetPos) const;
    std::optional<QPointF> widgetPosOf(QPointF pixel) const;

signals:
    // Right-drag: horizontal changes the width, vertical the centre (screen pixels).
    void windowDragged(int dx, int dy);
    // Labeling mode: a click at a stored pixel position, or a rectangle drawn by a drag.
    void pixelClicked(QPointF pixel);
    void pixelRectDrawn(QRectF pixelRect);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void resizeGL(int width, int height) override;

private:
    std::unique_ptr<SliceRenderer> m_renderer;
    QRectF dragRect(QPointF to) const;

    enum class Drag { None, Window, Pan, Patch } m_drag = Drag::None;
    QPoint m_last;
    QPoint m_pressPos;
    QPointF m_pressPixel;
    bool m_patchEditing = false;
    bool m_dragMoved = false;
    std::optional<sg::core::Patch> m_patch; // restored if a drag is abandoned
    QString m_proposalLabel;
};

} // namespace sg::ui
