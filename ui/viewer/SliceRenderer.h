#pragma once
// Owns the VTK pipeline that draws one axial slice with window/level, orientation
// markers and corner text. Internal to ui/: widgets host it, nothing else sees VTK.
#include "core/labels/Label.h"
#include "core/study/SliceImage.h"
#include "ui/viewer/DisplayOrientation.h"
#include "ui/viewer/SliceOverlay.h"

#include <QColor>
#include <QPointF>
#include <QString>

#include <array>
#include <memory>
#include <vector>

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

    // The overlays to draw (a model's, in its order: the first on top and first in the legend).
    // Patches are in STORED pixel coordinates, drawn through the display flip. The renderer
    // keeps actors per overlay; call overlayChanged when one's content or style changed.
    void setOverlays(const std::vector<const SliceOverlay*>& overlays);
    void overlayChanged(const SliceOverlay* overlay);
    // While a patch is being drawn: `box` stands in for `replacing`'s patch (nullopt: none).
    void setPreview(const PatchOverlay* replacing, const std::optional<sg::core::Patch>& box);
    // What is drawn now, per overlay in the model's order (tests, and the review legend).
    struct DrawnOverlay {
        bool box = false; // the outline is shown
        bool dashed = false;
        QColor colour;
        QString legend; // the legend line shown (empty: none)
        QString caption; // the caption shown (empty: none)
    };
    std::vector<DrawnOverlay> drawnOverlays() const;
    // Display position (device pixels, origin top-left) <-> stored pixel coordinates
    // (continuous: the centre of pixel (c, r) is (c + 0.5, r + 0.5)). Nullopt without an image.
    std::optional<QPointF> displayToPixel(QPointF display) const;
    std::optional<QPointF> pixelToDisplay(QPointF pixel) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sg::ui
