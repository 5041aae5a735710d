#pragma once
// The axial slice view: VTK in a QOpenGLWidget. It draws what it is given and turns
// mouse input into view changes (zoom, pan) or requests (window/level drag).
#include "ui/vtk/VtkViewport.h"

#include "core/study/SliceImage.h"

#include <QPoint>
#include <memory>

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

signals:
    // Right-drag: horizontal changes the width, vertical the centre (screen pixels).
    void windowDragged(int dx, int dy);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void resizeGL(int width, int height) override;

private:
    std::unique_ptr<SliceRenderer> m_renderer;
    enum class Drag { None, Window, Pan } m_drag = Drag::None;
    QPoint m_last;
};

} // namespace sg::ui
