#pragma once
// A QOpenGLWidget that hosts a VTK render window (VTK's own Qt widget is built for Qt5 on
// Debian 12). Subclasses add renderers through renderWindow() in the .cpp files only.
#include <QOpenGLWidget>

#include <memory>

class vtkGenericOpenGLRenderWindow;

namespace sg::ui {

class VtkViewport : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkViewport(QWidget* parent = nullptr);
    ~VtkViewport() override;

    // Call once, before QApplication is created: the GL format VTK needs.
    static void setDefaultSurfaceFormat();

    vtkGenericOpenGLRenderWindow* renderWindow() const;

    // Renders a frame now and returns the milliseconds VTK and the blit took (tests and
    // benchmarks: QWidget::repaint() is not synchronous for a QOpenGLWidget).
    double renderNow();

protected:
    void initializeGL() override;
    void resizeGL(int width, int height) override;
    void paintGL() override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sg::ui
