#pragma once
// Owns the VTK pipeline that draws one axial slice with window/level, orientation
// markers and corner text. Internal to ui/: widgets host it, nothing else sees VTK.
#include "core/labels/Label.h"
#include "core/study/SliceImage.h"
#include "ui/viewer/DisplayOrientation.h"

#include <QPointF>
#include <QString>

#include <array>
#include <memory>

class vtkGenericOpenGLRenderWindow;

namespace sg::ui {

enum class Corner { TopLeft, TopRight, BottomLeft, BottomRight };

class SliceRenderer {
public:
    explicit SliceRenderer(vtkGenericOpenGLRenderWindow* window);
    ~SliceRenderer();

    // Copies the pixels (flipped radiologically): stored 16-bit slices stay 16-bit in VTK and
    // the window is mapped through their rescale. A new size or spacing resets the camera.
    void setImage(const sg::core::SliceImage& image);
    void clearImage();
    bool hasImage() const;
    void setWindow(const sg::core::WindowLevel& window); // output units (rescaled)
    void setCornerText(Corner corner, const QString& text);

    void resetCamera();
    void zoom(double factor); // > 1 magnifies
    void pan(double dxPixels, double dyPixels); // screen pixels, y down
    double zoomFactor() const;

    DisplayFlip flip() const;

    // Patches in STORED pixel coordinates (x = column, y = row of the file, edges at whole
    // numbers), drawn through the display flip: the analyzer's solid, the proposal dashed.
    void setPatch(const std::optional<sg::core::Patch>& patch);
    void setProposal(const std::optional<sg::core::Patch>& patch);
    // The CNN's probabilities, drawn just above its box (empty: none). A legend names the
    // outlines whenever they are shown.
    void setProposalLabel(const QString& text);
    // Display position (device pixels, origin top-left) <-> stored pixel coordinates
    // (continuous: the centre of pixel (c, r) is (c + 0.5, r + 0.5)). Nullopt without an image.
    std::optional<QPointF> displayToPixel(QPointF display) const;
    std::optional<QPointF> pixelToDisplay(QPointF pixel) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sg::ui
