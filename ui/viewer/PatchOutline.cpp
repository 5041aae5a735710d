#include "ui/viewer/PatchOutline.h"

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>

namespace sg::ui {

struct PatchOutline::Impl {
    vtkRenderer* renderer = nullptr;
    vtkNew<vtkPolyData> lines;
    vtkNew<vtkPolyDataMapper> mapper;
    vtkNew<vtkActor> actor;
    std::optional<sg::core::Patch> patch;
    bool dashed = false;
};

PatchOutline::PatchOutline(vtkRenderer* renderer, double red, double green, double blue, bool dashed)
    : m_impl(std::make_unique<Impl>())
{
    Impl& d = *m_impl;
    d.renderer = renderer;
    d.dashed = dashed;
    d.mapper->SetInputData(d.lines);
    d.actor->SetMapper(d.mapper);
    d.actor->GetProperty()->SetColor(red, green, blue);
    d.actor->GetProperty()->SetLineWidth(2);
    d.actor->GetProperty()->LightingOff();
    d.actor->VisibilityOff();
    // In the image's renderer, so it pans and zooms with the slice.
    renderer->AddActor(d.actor);
}

PatchOutline::~PatchOutline()
{
    m_impl->renderer->RemoveActor(m_impl->actor);
}

void PatchOutline::setPatch(const std::optional<sg::core::Patch>& patch)
{
    m_impl->patch = patch;
}

void PatchOutline::setStyle(double red, double green, double blue, bool dashed)
{
    m_impl->actor->GetProperty()->SetColor(red, green, blue);
    m_impl->dashed = dashed;
}

bool PatchOutline::isShown() const
{
    return m_impl->actor->GetVisibility() != 0;
}

void PatchOutline::update(const PixelFrame* frame)
{
    Impl& d = *m_impl;
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> cells;
    if (d.patch && frame) {
        const double z = -0.05; // just in front of the slice: the camera looks from -z
        const double x0 = frame->worldX(d.patch->x), x1 = frame->worldX(d.patch->x + d.patch->w);
        const double y0 = frame->worldY(d.patch->y), y1 = frame->worldY(d.patch->y + d.patch->h);
        const double corners[5][2] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
        const double dash = d.dashed ? 3.0 * std::max(frame->columnSpacing, frame->rowSpacing) : 0.0;
        for (int side = 0; side < 4; ++side) {
            const double ax = corners[side][0], ay = corners[side][1];
            const double bx = corners[side + 1][0], by = corners[side + 1][1];
            const double length = std::hypot(bx - ax, by - ay);
            const int pieces = dash > 0 ? std::max(1, static_cast<int>(length / dash)) : 1;
            for (int k = 0; k<pieces; k += dash> 0 ? 2 : 1) {
                const double t0 = static_cast<double>(k) / pieces, t1 = static_cast<double>(k + 1) / pieces;
                const vtkIdType a = points->InsertNextPoint(ax + t0 * (bx - ax), ay + t0 * (by - ay), z);
                const vtkIdType b = points->InsertNextPoint(ax + t1 * (bx - ax), ay + t1 * (by - ay), z);
                const vtkIdType ids[2] = {a, b};
                cells->InsertNextCell(2, ids);
            }
        }
    }
    d.lines->SetPoints(points);
    d.lines->SetLines(cells);
    d.lines->Modified();
    d.actor->SetVisibility(d.patch && frame);
}

} // namespace sg::ui
