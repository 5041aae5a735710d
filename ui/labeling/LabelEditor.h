#pragma once
// The label of the item on screen as the analyzer edits it, before it is saved. Its rules keep
// it a label that can be saved: a grade (or sub-grade) makes the slice rootlet, cord clears the
// grade. Patch edits (PatchEdits.h) and every other edit can be undone and redone
// (LabelEditHistory) until the label is saved or another item is shown.
#include "core/labels/Label.h"
#include "ui/labeling/LabelEditHistory.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace sg::ui {

class LabelEditor : public QObject {
    Q_OBJECT
public:
    explicit LabelEditor(QObject* parent = nullptr);

    const sg::core::Label& label() const { return m_label; }
    // An item is shown: `label` is edited from here, with no edits to undo.
    void start(sg::core::Label label);
    // No item is shown: edits are ignored and the label is empty.
    void stop();
    // Where a new label's patch starts (the CNN's): set if the label has none, not an edit.
    void startPatch(const std::optional<sg::core::Patch>& patch);

    void setCanal(sg::core::Canal canal);
    void setGrade(sg::core::Grade grade);
    void setSubgrade(std::optional<int> subgrade);
    void setComment(const QString& comment);
    void setPatch(const sg::core::Patch& patch);
    void placePatchAt(double column, double row); // a click: the last size used, centred there
    void nudgePatch(double dx, double dy);
    void resizePatch(double delta); // keeps the centre
    double defaultPatchSize() const { return m_patchSize; }

    bool hasEdits() const { return m_history.canUndo(); }
    bool canRedo() const { return m_history.canRedo(); }
    // Take back (or redo) one edit; false when there is none. labelChanged is the caller's to emit.
    bool undo();
    bool redo();

signals:
    void labelChanged();
    void message(const QString& text);

private:
    void edit(LabelEditHistory::Kind kind, const std::function<void(sg::core::Label&)>& change);

    sg::core::Label m_label;
    bool m_active = false; // an item is shown
    LabelEditHistory m_history;
    double m_patchSize = 64; // pixels; the last size used
};

} // namespace sg::ui
