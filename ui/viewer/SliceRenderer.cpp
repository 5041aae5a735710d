#include "ui/viewer/SliceRenderer.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <cmath>

namespace sg::ui {

// Vec3 is a std::array: its operators are not found by argument-dependent lookup.
using sg::core::operator+;
using sg::core::operator-;
using sg::core::operator*;

DisplayFlip radiologicalFlip(const sg::core::Orientation& o)
{
    // LPS: +x is the patient's left, +y posterior. Screen right must be patient left and
    // screen down posterior; for a sagittal or coronal slice the dominant axis decides.
    const auto& r = o.row;
    const auto& c = o.column;
    auto dominant = [](const sg::core::Vec3& v) {
        int axis = 0;
        for (int i = 1; i < 3; ++i)
            if (std::abs(v[i]) > std::abs(v[axis]))
                axis = i;
        return axis;
    };
    DisplayFlip flip;
    const int ra = dominant(r), ca = dominant(c);
    // Screen right should point to +x (left) or +y (posterior) or -z (inferior... feet right
    // is unusual; keep superior up instead for the vertical axis).
    flip.horizontal = (ra == 2) ? r[ra] > 0 : r[ra] < 0;
    // Screen down should point to +y (posterior), or -z (inferior) for coronal/sagittal.
    flip.vertical = (ca == 2) ? c[ca] > 0 : c[ca] < 0;
    return flip;
}

std::array<QString, 4> orientationMarkers(const sg::core::Orientation& o, DisplayFlip flip)
{
    auto letter = [](const sg::core::Vec3& v) {
        int axis = 0;
        for (int i = 1; i < 3; ++i)
            if (std::abs(v[i]) > std::abs(v[axis]))
                axis = i;
        static const char* pos[3] = {"L", "P", "S"};
        static const char* neg[3] = {"R", "A", "I"};
        return QString::fromLatin1(v[axis] >= 0 ? pos[axis] : neg[axis]);
    };
    const sg::core::Vec3 right = flip.horizontal ? -1.0 * o.row : o.row;
    const sg::core::Vec3 down = flip.vertical ? -1.0 * o.column : o.column;
    return {letter(-1.0 * right), letter(right), letter(-1.0 * down), letter(down)};
}

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
    double spacing[2] = {0, 0};
    double baseScale = 1;
    DisplayFlip flip;
    // Patch outlines live in the image renderer (world coordinates) so they pan and zoom
    // with the slice; slightly in front of it (the camera looks from -z).
    struct Outline {
        vtkNew<vtkPolyData> lines;
        vtkNew<vtkPolyDataMapper> mapper;
        vtkNew<vtkActor> actor;
        std::optional<sg::core::Patch> patch;
        bool dashed = false;
    } patch, proposal;

    // Stored continuous pixel coordinate -> world (the flip is applied to the pixels in setImage).
    double worldX(double u) const { return (flip.horizontal ? columns - 0.5 - u : u - 0.5) * spacing[0]; }
    double worldY(double v) const { return (flip.vertical ? rows - 0.5 - v : v - 0.5) * spacing[1]; }
    double pixelU(double x) const { return flip.horizontal ? columns - 0.5 - x / spacing[0] : x / spacing[0] + 0.5; }
    double pixelV(double y) const { return flip.vertical ? rows - 0.5 - y / spacing[1] : y / spacing[1] + 0.5; }
    void updateOutline(Outline& o);
};

void SliceRenderer::Impl::updateOutline(Outline& o)
{
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> cells;
    if (o.patch && hasImage) {
        const double z = -0.05;
        const double x0 = worldX(o.patch->x), x1 = worldX(o.patch->x + o.patch->w);
        const double y0 = worldY(o.patch->y), y1 = worldY(o.patch->y + o.patch->h);
        const double corners[5][2] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
        // Dashes are separate segments: core-profile GL has no line stipple.
        const double dash = o.dashed ? 3.0 * std::max(spacing[0], spacing[1]) : 0.0;
        for (int side = 0; side < 4; ++side) {
            const double ax = corners[side][0], ay = corners[side][1];
            const double bx = corners[side + 1][0], by = corners[side + 1][1];
            const double length = std::hypot(bx - ax, by - ay);
            const int pieces = dash > 0 ? std::max(1, static_cast<int>(length / dash)) : 1;
            for (int k = 0; k < pieces; k += dash > 0 ? 2 : 1) {
                const double t0 = static_cast<double>(k) / pieces, t1 = static_cast<double>(k + 1) / pieces;
                const vtkIdType a = points->InsertNextPoint(ax + t0 * (bx - ax), ay + t0 * (by - ay), z);
                const vtkIdType b = points->InsertNextPoint(ax + t1 * (bx - ax), ay + t1 * (by - ay), z);
                const vtkIdType ids[2] = {a, b};
                cells->InsertNextCell(2, ids);
            }
        }
    }
    o.lines->SetPoints(points);
    o.lines->SetLines(cells);
    o.lines->Modified();
    o.actor->SetVisibility(o.patch && hasImage);
}

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

    auto setUpOutline = [&](Impl::Outline& o, double r, double g, double b, bool dashed) {
        o.dashed = dashed;
        o.mapper->SetInputData(o.lines);
        o.actor->SetMapper(o.mapper);
        o.actor->GetProperty()->SetColor(r, g, b);
        o.actor->GetProperty()->SetLineWidth(2);
        o.actor->GetProperty()->LightingOff();
        o.actor->VisibilityOff();
        d.renderer->AddActor(o.actor);
    };
    setUpOutline(d.proposal, 0.35, 0.8, 1.0, true); // the CNN's proposal: dashed cyan
    setUpOutline(d.patch, 1.0, 0.55, 0.1, false);   // the analyzer's patch: solid orange
}

SliceRenderer::~SliceRenderer()
{
    m_impl->window->RemoveRenderer(m_impl->renderer);
    m_impl->window->RemoveRenderer(m_impl->overlay);
}

void SliceRenderer::setImage(const sg::core::SliceImage& img)
{
    Impl& d = *m_impl;
    if (img.empty()) {
        clearImage();
        return;
    }
    const bool newGeometry = !d.hasImage || img.columns != d.columns || img.rows != d.rows ||
                             img.columnSpacing != d.spacing[0] || img.rowSpacing != d.spacing[1];
    d.flip = radiologicalFlip(img.orientation);
    if (newGeometry) {
        d.image->SetDimensions(img.columns, img.rows, 1);
        d.image->SetSpacing(img.columnSpacing, img.rowSpacing, 1.0);
        d.image->SetOrigin(0, 0, 0);
        d.image->AllocateScalars(VTK_FLOAT, 1);
        d.columns = img.columns;
        d.rows = img.rows;
        d.spacing[0] = img.columnSpacing;
        d.spacing[1] = img.rowSpacing;
    }
    // Pixel (row r, column c) goes to VTK point (x = c, y = r); the camera looks along +z
    // with view-up -y, so row 0 is on top without mirroring. Flips are applied here.
    auto* dst = static_cast<float*>(d.image->GetScalarPointer());
    const int cols = img.columns, rows = img.rows;
    for (int r = 0; r < rows; ++r) {
        const int srcRow = d.flip.vertical ? rows - 1 - r : r;
        const float* src = img.pixels.data() + static_cast<size_t>(srcRow) * cols;
        float* out = dst + static_cast<size_t>(r) * cols;
        if (d.flip.horizontal)
            for (int c = 0; c < cols; ++c)
                out[c] = src[cols - 1 - c];
        else
            std::copy(src, src + cols, out);
    }
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
    d.updateOutline(d.patch); // the flip may have changed
    d.updateOutline(d.proposal);
}

void SliceRenderer::clearImage()
{
    m_impl->hasImage = false;
    m_impl->slice->VisibilityOff();
    for (auto& m : m_impl->markers)
        m->SetInput("");
    m_impl->updateOutline(m_impl->patch);
    m_impl->updateOutline(m_impl->proposal);
}

bool SliceRenderer::hasImage() const { return m_impl->hasImage; }

void SliceRenderer::setWindow(const sg::core::WindowLevel& w)
{
    vtkImageProperty* p = m_impl->slice->GetProperty();
    p->SetColorWindow(std::max(w.width, 1e-6));
    p->SetColorLevel(w.center);
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

DisplayFlip SliceRenderer::flip() const { return m_impl->flip; }

void SliceRenderer::setPatch(const std::optional<sg::core::Patch>& patch)
{
    m_impl->patch.patch = patch;
    m_impl->updateOutline(m_impl->patch);
}

void SliceRenderer::setProposal(const std::optional<sg::core::Patch>& patch)
{
    m_impl->proposal.patch = patch;
    m_impl->updateOutline(m_impl->proposal);
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
    return QPointF(d.pixelU(world[0]), d.pixelV(world[1]));
}

std::optional<QPointF> SliceRenderer::pixelToDisplay(QPointF pixel) const
{
    const Impl& d = *m_impl;
    const int* size = d.window->GetSize();
    if (!d.hasImage || size[1] <= 0)
        return std::nullopt;
    d.renderer->SetWorldPoint(d.worldX(pixel.x()), d.worldY(pixel.y()), 0, 1);
    d.renderer->WorldToDisplay();
    double display[3];
    d.renderer->GetDisplayPoint(display);
    return QPointF(display[0], size[1] - display[1]);
}

} // namespace sg::ui
