#include "ui/viewer/SliceRenderer.h"

#include "ui/viewer/PatchOutline.h"

#include <vtkCamera.h>
#include <vtkCoordinate.h>
#include <vtkFloatArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace sg::ui {

struct SliceRenderer::Impl {
    vtkGenericOpenGLRenderWindow* window = nullptr;
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkRenderer> overlay; // layer 1: text on top of the image
    vtkNew<vtkImageData> image;
    vtkNew<vtkImageSliceMapper> mapper;
    vtkNew<vtkImageSlice> slice;
    vtkNew<vtkTextActor> corners[4];
    vtkNew<vtkTextActor> markers[4];
    bool hasImage = false;
    int columns = 0, rows = 0;
    int scalarType = VTK_VOID; // VTK_SHORT, VTK_UNSIGNED_SHORT or VTK_FLOAT
    double spacing[2] = {0, 0};
    // Stored pixels go to VTK as they are; the window (output units) is mapped onto them
    // through the slice's rescale, so a slice needs no float copy to be shown.
    double slope = 1, intercept = 0;
    std::optional<sg::core::WindowLevel> windowLevel; // output units, as last set
    void applyWindow()
    {
        if (!windowLevel)
            return;
        vtkImageProperty* p = slice->GetProperty();
        p->SetColorWindow(std::max(windowLevel->width / slope, 1e-6));
        p->SetColorLevel((windowLevel->center - intercept) / slope);
    }
    double baseScale = 1;
    DisplayFlip flip;
    std::unique_ptr<PatchOutline> patch, proposal;
    std::optional<sg::core::Patch> patchBox, proposalBox;
    vtkNew<vtkTextActor> proposalLabel; // the CNN's probabilities, just above its box
    vtkNew<vtkTextActor> legend[2]; // which outline is whose: analyzer, CNN
    bool proposalLabelSet = false;

    PixelFrame frame() const { return {columns, rows, spacing[0], spacing[1], flip}; }
    void updateOutlines()
    {
        const PixelFrame f = frame();
        patch->update(hasImage ? &f : nullptr);
        proposal->update(hasImage ? &f : nullptr);
        const bool showProposal = hasImage && proposalBox;
        vtkCoordinate* at = proposalLabel->GetPositionCoordinate();
        vtkTextProperty* text = proposalLabel->GetTextProperty();
        if (showProposal) {
            // Above the box's top-left corner as displayed (world y grows down the screen).
            const double x0 = f.worldX(proposalBox->x), x1 = f.worldX(proposalBox->x + proposalBox->w);
            const double y0 = f.worldY(proposalBox->y), y1 = f.worldY(proposalBox->y + proposalBox->h);
            at->SetCoordinateSystemToWorld();
            // A little above the top edge, so the text never sits on the dashes.
            at->SetValue(std::min(x0, x1), std::min(y0, y1) - 1.5 * f.rowSpacing, -0.05);
            text->SetJustification(VTK_TEXT_LEFT);
        } else {
            // No box ("no canal found"): the message stands under the anterior marker.
            at->SetCoordinateSystemToNormalizedViewport();
            at->SetValue(0.5, 0.91, 0);
            text->SetJustification(VTK_TEXT_CENTERED);
        }
        proposalLabel->SetVisibility(hasImage && proposalLabelSet);
        legend[0]->SetVisibility(hasImage && patchBox);
        legend[1]->SetVisibility(showProposal);
    }
};

SliceRenderer::SliceRenderer(vtkGenericOpenGLRenderWindow* window) : m_impl(std::make_unique<Impl>())
{
    Impl& d = *m_impl;
    d.window = window;
    window->SetNumberOfLayers(2);
    d.renderer->SetLayer(0);
    d.renderer->SetBackground(0, 0, 0);
    d.overlay->SetLayer(1);
    d.overlay->InteractiveOff();
    window->AddRenderer(d.renderer);
    window->AddRenderer(d.overlay);

    d.mapper->SetInputData(d.image);
    d.mapper->SliceAtFocalPointOff();
    d.mapper->SliceFacesCameraOff();
    d.slice->SetMapper(d.mapper);
    d.slice->GetProperty()->SetInterpolationTypeToLinear();
    d.slice->VisibilityOff();
    d.renderer->AddViewProp(d.slice);

    const double cornerPos[4][2] = {{0.01, 0.99}, {0.99, 0.99}, {0.01, 0.01}, {0.99, 0.01}};
    for (int i = 0; i < 4; ++i) {
        vtkTextActor* t = d.corners[i];
        t->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
        t->SetPosition(cornerPos[i][0], cornerPos[i][1]);
        vtkTextProperty* p = t->GetTextProperty();
        p->SetFontSize(15);
        p->SetColor(0.95, 0.85, 0.35);
        p->SetShadow(1);
        p->SetJustification(i % 2 ? VTK_TEXT_RIGHT : VTK_TEXT_LEFT);
        p->SetVerticalJustification(i < 2 ? VTK_TEXT_TOP : VTK_TEXT_BOTTOM);
        d.overlay->AddActor2D(t);
    }
    const double markerPos[4][2] = {{0.01, 0.5}, {0.99, 0.5}, {0.5, 0.99}, {0.5, 0.01}};
    for (int i = 0; i < 4; ++i) {
        vtkTextActor* t = d.markers[i];
        t->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
        t->SetPosition(markerPos[i][0], markerPos[i][1]);
        vtkTextProperty* p = t->GetTextProperty();
        p->SetFontSize(18);
        p->SetBold(1);
        p->SetColor(0.55, 0.85, 1.0);
        p->SetShadow(1);
        p->SetJustification(i == 1 ? VTK_TEXT_RIGHT : i == 0 ? VTK_TEXT_LEFT : VTK_TEXT_CENTERED);
        p->SetVerticalJustification(i == 2 ? VTK_TEXT_TOP : i == 3 ? VTK_TEXT_BOTTOM : VTK_TEXT_CENTERED);
        d.overlay->AddActor2D(t);
    }
    // The overlay renderer never moves: its camera is irrelevant to 2D actors.

    const double cnnColour[3] = {0.35, 0.8, 1.0}, analyzerColour[3] = {1.0, 0.55, 0.1};
    d.proposal = std::make_unique<PatchOutline>(d.renderer, cnnColour[0], cnnColour[1], cnnColour[2], true);
    d.patch =
        std::make_unique<PatchOutline>(d.renderer, analyzerColour[0], analyzerColour[1], analyzerColour[2], false);

    // The label moves with the box, so it lives in the image's renderer in world coordinates.
    d.proposalLabel->GetPositionCoordinate()->SetCoordinateSystemToWorld();
    vtkTextProperty* label = d.proposalLabel->GetTextProperty();
    label->SetFontSize(14);
    label->SetColor(cnnColour[0], cnnColour[1], cnnColour[2]);
    label->SetBold(1);
    // On a dark plate: the box often sits on bright fat or CSF where bare text is lost.
    label->SetBackgroundColor(0, 0, 0);
    label->SetBackgroundOpacity(0.6);
    label->SetJustification(VTK_TEXT_LEFT);
    label->SetVerticalJustification(VTK_TEXT_BOTTOM);
    d.proposalLabel->VisibilityOff();
    d.renderer->AddActor2D(d.proposalLabel);
    // Legend at the bottom right, clear of the file name (bottom left) and the P marker.
    const char* legendText[2] = {"--- analyzer patch (solid)", "- - CNN patch (dashed)"};
    const double* legendColour[2] = {analyzerColour, cnnColour};
    for (int i = 0; i < 2; ++i) {
        vtkTextActor* t = d.legend[i];
        t->SetInput(legendText[i]);
        t->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
        t->SetPosition(0.99, i == 0 ? 0.085 : 0.05); // stacked over the window/level text
        vtkTextProperty* p = t->GetTextProperty();
        p->SetFontSize(13);
        p->SetColor(legendColour[i][0], legendColour[i][1], legendColour[i][2]);
        p->SetShadow(1);
        p->SetJustification(VTK_TEXT_RIGHT);
        p->SetVerticalJustification(VTK_TEXT_BOTTOM);
        t->VisibilityOff();
        d.overlay->AddActor2D(t);
    }
}

SliceRenderer::~SliceRenderer()
{
    m_impl->window->RemoveRenderer(m_impl->renderer);
    m_impl->window->RemoveRenderer(m_impl->overlay);
}

namespace {

// Copies rows*cols pixels into VTK's buffer with the display flips applied.
template <typename T>
void copyFlipped(const T* src, T* dst, int rows, int cols, const DisplayFlip& flip)
{
    for (int r = 0; r < rows; ++r) {
        const int srcRow = flip.vertical ? rows - 1 - r : r;
        const T* in = src + static_cast<size_t>(srcRow) * cols;
        T* out = dst + static_cast<size_t>(r) * cols;
        if (flip.horizontal)
            for (int c = 0; c < cols; ++c)
                out[c] = in[cols - 1 - c];
        else
            std::copy(in, in + cols, out);
    }
}

} // namespace

void SliceRenderer::setImage(const sg::core::SliceImage& img)
{
    using sg::core::PixelType;
    Impl& d = *m_impl;
    if (img.empty()) {
        clearImage();
        return;
    }
    // A negative slope would invert the window mapping (VTK needs a positive width): such a
    // slice is shown from floats. Every other stored slice goes to VTK as 16-bit values.
    const bool stored = img.type != PixelType::Float32 && img.rescaleSlope > 0;
    const int scalarType = !stored ? VTK_FLOAT : img.type == PixelType::Int16 ? VTK_SHORT : VTK_UNSIGNED_SHORT;
    const bool newGeometry = !d.hasImage || img.columns != d.columns || img.rows != d.rows ||
        img.columnSpacing != d.spacing[0] || img.rowSpacing != d.spacing[1];
    d.flip = radiologicalFlip(img.orientation);
    if (newGeometry || scalarType != d.scalarType) {
        d.image->SetDimensions(img.columns, img.rows, 1);
        d.image->SetSpacing(img.columnSpacing, img.rowSpacing, 1.0);
        d.image->SetOrigin(0, 0, 0);
        d.image->AllocateScalars(scalarType, 1);
        d.scalarType = scalarType;
        d.columns = img.columns;
        d.rows = img.rows;
        d.spacing[0] = img.columnSpacing;
        d.spacing[1] = img.rowSpacing;
    }
    // Pixel (row r, column c) goes to VTK point (x = c, y = r); the camera looks along +z
    // with view-up -y, so row 0 is on top without mirroring. Flips are applied here.
    const int cols = img.columns, rows = img.rows;
    void* dst = d.image->GetScalarPointer();
    if (stored) {
        // int16 and uint16 cells share their bit patterns with the stored ones.
        copyFlipped(img.stored.data(), static_cast<uint16_t*>(dst), rows, cols, d.flip);
        d.slope = img.rescaleSlope;
        d.intercept = img.rescaleIntercept;
    } else if (img.type == PixelType::Float32) {
        copyFlipped(img.pixels.data(), static_cast<float*>(dst), rows, cols, d.flip);
        d.slope = 1;
        d.intercept = 0;
    } else {
        const std::vector<float> values = img.toFloat();
        copyFlipped(values.data(), static_cast<float*>(dst), rows, cols, d.flip);
        d.slope = 1;
        d.intercept = 0;
    }
    d.applyWindow(); // this slice's rescale may differ from the last one's
    d.image->Modified();
    d.slice->VisibilityOn();
    const auto markers = orientationMarkers(img.orientation, d.flip);
    for (int i = 0; i < 4; ++i)
        d.markers[i]->SetInput(markers[static_cast<size_t>(i)].toUtf8().constData());
    if (newGeometry || !d.hasImage) {
        d.hasImage = true;
        resetCamera();
    }
    d.hasImage = true;
    d.updateOutlines(); // the flip may have changed
}

void SliceRenderer::clearImage()
{
    m_impl->hasImage = false;
    m_impl->slice->VisibilityOff();
    for (auto& m : m_impl->markers)
        m->SetInput("");
    m_impl->updateOutlines();
}

bool SliceRenderer::hasImage() const
{
    return m_impl->hasImage;
}

void SliceRenderer::setWindow(const sg::core::WindowLevel& w)
{
    m_impl->windowLevel = w;
    m_impl->applyWindow();
}

void SliceRenderer::setCornerText(Corner corner, const QString& text)
{
    m_impl->corners[static_cast<int>(corner)]->SetInput(text.toUtf8().constData());
}

void SliceRenderer::resetCamera()
{
    Impl& d = *m_impl;
    if (!d.hasImage)
        return;
    vtkCamera* cam = d.renderer->GetActiveCamera();
    const double w = (d.columns - 1) * d.spacing[0], h = (d.rows - 1) * d.spacing[1];
    const double cx = 0.5 * w, cy = 0.5 * h;
    cam->ParallelProjectionOn();
    cam->SetFocalPoint(cx, cy, 0);
    cam->SetPosition(cx, cy, -1000);
    cam->SetViewUp(0, -1, 0);
    // Fit the whole slice in the viewport, whatever its aspect.
    const int* size = d.window->GetSize();
    const double aspect = size[1] > 0 ? static_cast<double>(size[0]) / size[1] : 1.0;
    d.baseScale = 0.5 * std::max(h + d.spacing[1], (w + d.spacing[0]) / std::max(aspect, 1e-6)) * 1.02;
    cam->SetParallelScale(d.baseScale);
    // Clipping range from the slice's own bounds or other slices render black.
    d.renderer->ResetCameraClippingRange(0, w, 0, h, -1, 1);
}

void SliceRenderer::zoom(double factor)
{
    vtkCamera* cam = m_impl->renderer->GetActiveCamera();
    cam->SetParallelScale(cam->GetParallelScale() / std::clamp(factor, 0.01, 100.0));
}

void SliceRenderer::pan(double dxPixels, double dyPixels)
{
    Impl& d = *m_impl;
    vtkCamera* cam = d.renderer->GetActiveCamera();
    const int* size = d.window->GetSize();
    if (size[1] <= 0)
        return;
    const double mmPerPixel = 2.0 * cam->GetParallelScale() / size[1];
    double fp[3], pos[3];
    cam->GetFocalPoint(fp);
    cam->GetPosition(pos);
    // Screen right is +x, screen down is +y: dragging right moves the image right.
    const double dx = -dxPixels * mmPerPixel, dy = -dyPixels * mmPerPixel;
    cam->SetFocalPoint(fp[0] + dx, fp[1] + dy, fp[2]);
    cam->SetPosition(pos[0] + dx, pos[1] + dy, pos[2]);
}

double SliceRenderer::zoomFactor() const
{
    const double s = m_impl->renderer->GetActiveCamera()->GetParallelScale();
    return s > 0 ? m_impl->baseScale / s : 1.0;
}

DisplayFlip SliceRenderer::flip() const
{
    return m_impl->flip;
}

void SliceRenderer::setPatch(const std::optional<sg::core::Patch>& patch)
{
    m_impl->patch->setPatch(patch);
    m_impl->patchBox = patch;
    m_impl->updateOutlines();
}

void SliceRenderer::setProposal(const std::optional<sg::core::Patch>& patch)
{
    m_impl->proposal->setPatch(patch);
    m_impl->proposalBox = patch;
    m_impl->updateOutlines();
}

void SliceRenderer::setProposalLabel(const QString& text)
{
    m_impl->proposalLabel->SetInput(text.toUtf8().constData());
    m_impl->proposalLabelSet = !text.isEmpty();
    m_impl->updateOutlines();
}

std::optional<QPointF> SliceRenderer::displayToPixel(QPointF display) const
{
    const Impl& d = *m_impl;
    const int* size = d.window->GetSize();
    if (!d.hasImage || size[1] <= 0)
        return std::nullopt;
    // VTK's display origin is bottom-left; Qt's is top-left.
    d.renderer->SetDisplayPoint(display.x(), size[1] - display.y(), 0);
    d.renderer->DisplayToWorld();
    double world[4];
    d.renderer->GetWorldPoint(world);
    if (world[3] != 0)
        for (double& v : world)
            v /= world[3];
    const PixelFrame f = d.frame();
    return QPointF(f.pixelU(world[0]), f.pixelV(world[1]));
}

std::optional<QPointF> SliceRenderer::pixelToDisplay(QPointF pixel) const
{
    const Impl& d = *m_impl;
    const int* size = d.window->GetSize();
    if (!d.hasImage || size[1] <= 0)
        return std::nullopt;
    const PixelFrame f = d.frame();
    d.renderer->SetWorldPoint(f.worldX(pixel.x()), f.worldY(pixel.y()), 0, 1);
    d.renderer->WorldToDisplay();
    double display[3];
    d.renderer->GetDisplayPoint(display);
    return QPointF(display[0], size[1] - display[1]);
}

} // namespace sg::ui
