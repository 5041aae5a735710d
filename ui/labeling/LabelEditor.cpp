#include "ui/labeling/LabelEditor.h"

#include "ui/labeling/PatchEdits.h"

#include <algorithm>

namespace sg::ui {

using namespace sg::core;
using Kind = LabelEditHistory::Kind;

LabelEditor::LabelEditor(QObject* parent) : QObject(parent) { }

void LabelEditor::start(Label label)
{
    m_label = std::move(label);
    m_history.clear();
    m_active = true;
}

void LabelEditor::stop()
{
    m_label = {};
    m_history.clear();
    m_active = false;
}

void LabelEditor::startPatch(const std::optional<Patch>& patch)
{
    if (!m_label.patch)
        m_label.patch = patch;
}

void LabelEditor::edit(Kind kind, const std::function<void(Label&)>& change)
{
    if (!m_active)
        return;
    const Label before = m_label;
    change(m_label);
    if (!m_label.sameValue(before))
        m_history.record(kind, before);
    // Also when nothing changed: a checkable button toggled itself and must show the label again.
    if (kind != Kind::Typing)
        emit labelChanged();
}

void LabelEditor::setCanal(Canal canal)
{
    const bool dropsGrade = canal == Canal::Cord && m_label.grade;
    edit(Kind::Other, [canal](Label& l) {
        l.canal = canal;
        if (canal == Canal::Cord) { // cord slices are not graded: the grade cannot stay behind
            l.grade.reset();
            l.subgrade.reset();
        }
    });
    if (dropsGrade)
        emit message(tr("Cord slice: its grade was cleared (only rootlet slices are graded)."));
}

void LabelEditor::setGrade(Grade grade)
{
    // Only rootlet slices are graded: a grade says "rootlet", also over cord.
    const bool wasCord = m_label.canal == Canal::Cord;
    edit(Kind::Other, [grade](Label& l) {
        l.canal = Canal::Rootlet;
        l.grade = grade;
        if (grade != Grade::A)
            l.subgrade.reset();
    });
    if (wasCord)
        emit message(tr("Grade %1: the slice is now a rootlet slice (cord slices are not graded).")
                         .arg(QString::fromUtf8(gradeName(grade).data(), 1)));
}

void LabelEditor::setSubgrade(std::optional<int> subgrade)
{
    // A sub-grade is a kind of grade A: choosing one grades the slice A (one key, not two).
    if (subgrade && m_label.canal == Canal::Cord)
        emit message(tr("Sub-grade: the slice is now a rootlet slice (cord slices are not graded)."));
    edit(Kind::Other, [subgrade](Label& l) {
        if (subgrade) {
            l.canal = Canal::Rootlet;
            l.grade = Grade::A;
        }
        l.subgrade = subgrade;
    });
}

void LabelEditor::setComment(const QString& comment)
{
    edit(Kind::Typing, [text = comment.toStdString()](Label& l) { l.comment = text; });
}

void LabelEditor::setPatch(const Patch& patch)
{
    m_patchSize = std::max(patch.w, patch.h);
    edit(Kind::Other, [&patch](Label& l) { l.patch = patch; });
}

void LabelEditor::placePatchAt(double column, double row)
{
    const double w = m_label.patch ? m_label.patch->w : m_patchSize;
    const double h = m_label.patch ? m_label.patch->h : m_patchSize;
    setPatch(patchCentredAt(column, row, w, h));
}

void LabelEditor::nudgePatch(double dx, double dy)
{
    if (!m_label.patch)
        return emit message(tr("No patch yet: click the canal to place one."));
    edit(Kind::Move, [dx, dy](Label& l) {
        l.patch->x += dx;
        l.patch->y += dy;
    });
}

void LabelEditor::resizePatch(double delta)
{
    if (!m_label.patch)
        return emit message(tr("No patch yet: click the canal to place one."));
    const Patch resized = resizedPatch(*m_label.patch, delta);
    m_patchSize = std::max(resized.w, resized.h);
    edit(Kind::Resize, [&resized](Label& l) { l.patch = resized; });
}

bool LabelEditor::undo()
{
    if (!m_history.canUndo())
        return false;
    m_label = m_history.undo(m_label);
    return true;
}

bool LabelEditor::redo()
{
    if (!m_history.canRedo())
        return false;
    m_label = m_history.redo(m_label);
    return true;
}

} // namespace sg::ui
