#pragma once
// A patch rectangle drawn over the slice, in the slice renderer's world coordinates. Internal
// to ui/viewer (the renderer owns one per patch); VTK stays in the .cpp.
#include "core/labels/Label.h"
#include "ui/viewer/SliceRenderer.h"

#include <memory>
#include <optional>

class vtkRenderer;

namespace sg::ui {

// Stored pixel coordinates (continuous, edges at whole numbers: pixel (c, r) covers
// [c, c+1) x [r, r+1)) <-> world coordinates of the displayed, flipped image, where the
// centre of displayed pixel i is at i * spacing.
struct PixelFrame {
    int columns = 0, rows = 0;
    double columnSpacing = 1, rowSpacing = 1;
    DisplayFlip flip;
    double worldX(double u) const { return (flip.horizontal ? columns - 0.5 - u : u - 0.5) * columnSpacing; }
    double worldY(double v) const { return (flip.vertical ? rows - 0.5 - v : v - 0.5) * rowSpacing; }
    double pixelU(double x) const
    {
        return flip.horizontal ? columns - 0.5 - x / columnSpacing : x / columnSpacing + 0.5;
    }
    double pixelV(double y) const { return flip.vertical ? rows - 0.5 - y / rowSpacing : y / rowSpacing + 0.5; }
};

class PatchOutline {
public:
    // Solid, or dashed (core-profile GL has no line stipple: dashes are separate segments).
    PatchOutline(vtkRenderer* renderer, double red, double green, double blue, bool dashed);
    ~PatchOutline();

    void setPatch(const std::optional<sg::core::Patch>& patch);
    void setStyle(double red, double green, double blue, bool dashed);
    bool isShown() const;
    // Rebuilds the lines for the image's frame; nullptr: no image, nothing drawn.
    void update(const PixelFrame* frame);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sg::ui
