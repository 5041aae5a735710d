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

    // One set of actors per overlay of the model, in the model's order.
    struct OverlayActors {
        const SliceOverlay* source = nullptr;
        std::unique_ptr<PatchOutline> outline;
        vtkNew<vtkTextActor> caption; // just above the box, in world coordinates: it moves with it
        vtkNew<vtkTextActor> legend; // bottom right, stacked
    };
    std::vector<std::unique_ptr<OverlayActors>> overlays;
    const PatchOverlay* previewFor = nullptr; // a patch being drawn stands in for this one's
    std::optional<sg::core::Patch> previewBox;

    PixelFrame frame() const { return {columns, rows, spacing[0], spacing[1], flip}; }

    void removeOverlayActors()
    {
        for (auto& a : overlays) {
            renderer->RemoveActor2D(a->caption);
            overlay->RemoveActor2D(a->legend);
        }
        overlays.clear(); // the outlines remove their own actors
    }

    void addOverlayActors(const std::vector<const SliceOverlay*>& sources)
    {
        overlays.resize(sources.size());
        // Actors drawn later are on top: the first overlay's go in last.
        for (size_t k = sources.size(); k-- > 0;) {
            auto a = std::make_unique<OverlayActors>();
            a->source = sources[k];
            a->outline = std::make_unique<PatchOutline>(renderer, 1, 1, 1, false);
            vtkTextProperty* caption = a->caption->GetTextProperty();
            caption->SetFontSize(14);
            caption->SetBold(1);
            // On a dark plate: the box often sits on bright fat or CSF where bare text is lost.
            caption->SetBackgroundColor(0, 0, 0);
            caption->SetBackgroundOpacity(0.6);
            caption->SetVerticalJustification(VTK_TEXT_BOTTOM);
            a->caption->VisibilityOff();
            renderer->AddActor2D(a->caption);
            a->legend->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
            vtkTextProperty* legend = a->legend->GetTextProperty();
            legend->SetFontSize(13);
            legend->SetShadow(1);
            legend->SetJustification(VTK_TEXT_RIGHT);
            legend->SetVerticalJustification(VTK_TEXT_BOTTOM);
            a->legend->VisibilityOff();
            overlay->AddActor2D(a->legend);
            overlays[k] = std::move(a);
        }
    }

    void updateOverlay(OverlayActors& a)
    {
        const auto* patch = qobject_cast<const PatchOverlay*>(a.source);
        if (!patch) { // a kind this renderer does not draw
            a.outline->setPatch(std::nullopt);
            a.outline->update(nullptr);
            a.caption->VisibilityOff();
            a.legend->VisibilityOff();
            return;
        }
        std::optional<sg::core::Patch> box = patch == previewFor && previewBox ? previewBox : patch->patch();
        if (!patch->isVisible())
            box.reset();
        const QColor c = patch->colour();
        a.outline->setStyle(c.redF(), c.greenF(), c.blueF(), patch->dashed());
        a.outline->setPatch(box);
        const PixelFrame f = frame();
        a.outline->update(hasImage ? &f : nullptr);

        vtkCoordinate* at = a.caption->GetPositionCoordinate();
        vtkTextProperty* text = a.caption->GetTextProperty();
        text->SetColor(c.redF(), c.greenF(), c.blueF());
        a.caption->SetInput(patch->caption().toUtf8().constData());
        if (box) {
            // Above the box's top-left corner as displayed (world y grows down the screen),
            // a little above the top edge, so the text never sits on the dashes.
            const double x0 = f.worldX(box->x), x1 = f.worldX(box->x + box->w);
            const double y0 = f.worldY(box->y), y1 = f.worldY(box->y + box->h);
            at->SetCoordinateSystemToWorld();
            at->SetValue(std::min(x0, x1), std::min(y0, y1) - 1.5 * f.rowSpacing, -0.05);
            text->SetJustification(VTK_TEXT_LEFT);
        } else {
            // No box ("no canal found"): the message stands under the anterior marker.
            at->SetCoordinateSystemToNormalizedViewport();
            at->SetValue(0.5, 0.91, 0);
            text->SetJustification(VTK_TEXT_CENTERED);
        }
        a.caption->SetVisibility(hasImage && patch->isVisible() && !patch->caption().isEmpty());

        const QString legend = (patch->dashed() ? QStringLiteral("- - ") : QStringLiteral("--- ")) + patch->legend();
        a.legend->SetInput(legend.toUtf8().constData());
        a.legend->GetTextProperty()->SetColor(c.redF(), c.greenF(), c.blueF());
        a.legend->SetVisibility(hasImage && box && !patch->legend().isEmpty());
    }

    void layoutLegend()
    {
        // Stacked upwards from just over the window/level text, the first overlay on top.
        double y = 0.05;
        for (auto it = overlays.rbegin(); it != overlays.rend(); ++it)
            if ((*it)->legend->GetVisibility()) {
                (*it)->legend->SetPosition(0.99, y);
                y += 0.035;
            }
    }

    void updateOutlines()
    {
        for (auto& a : overlays)
            updateOverlay(*a);
        layoutLegend();
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
}

SliceRenderer::~SliceRenderer()
{
    m_impl->removeOverlayActors();
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

void SliceRenderer::setOverlays(const std::vector<const SliceOverlay*>& overlays)
{
    m_impl->removeOverlayActors();
    m_impl->addOverlayActors(overlays);
    m_impl->updateOutlines();
}

void SliceRenderer::overlayChanged(const SliceOverlay* overlay)
{
    for (auto& a : m_impl->overlays)
        if (a->source == overlay)
            m_impl->updateOverlay(*a);
    m_impl->layoutLegend();
}

void SliceRenderer::setPreview(const PatchOverlay* replacing, const std::optional<sg::core::Patch>& box)
{
    m_impl->previewFor = box ? replacing : nullptr;
    m_impl->previewBox = box;
    m_impl->updateOutlines();
}

std::vector<SliceRenderer::DrawnOverlay> SliceRenderer::drawnOverlays() const
{
    std::vector<DrawnOverlay> out;
    for (const auto& a : m_impl->overlays) {
        DrawnOverlay d;
        d.box = a->outline->isShown();
        if (const auto* patch = qobject_cast<const PatchOverlay*>(a->source)) {
            d.dashed = patch->dashed();
            d.colour = patch->colour();
        }
        if (a->legend->GetVisibility())
            d.legend = QString::fromUtf8(a->legend->GetInput());
        if (a->caption->GetVisibility())
            d.caption = QString::fromUtf8(a->caption->GetInput());
        out.push_back(d);
    }
    return out;
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
