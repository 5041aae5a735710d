#pragma once
// Undo and redo of the edits of the item on screen that are not saved yet: the label as it was
// before each edit. A run of edits of one kind (typing a comment, holding an arrow key to move
// or resize the patch) is one step to undo, not one per key. Saved labels are undone by the
// store (core::LabelingSession), not here.
#include "core/labels/Label.h"

#include <vector>

namespace sg::ui {

class LabelEditHistory {
public:
    enum class Kind { Other, Typing, Move, Resize };

    // An edit of `kind` changed the label from `before`.
    void record(Kind kind, const sg::core::Label& before);
    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }
    // The label before the last edit; `current` can be redone. Only when canUndo().
    sg::core::Label undo(const sg::core::Label& current);
    // The label the last undo took back; `current` can be undone again. Only when canRedo().
    sg::core::Label redo(const sg::core::Label& current);
    void clear(); // another item is shown, or the project closed

private:
    // The label on top of `from`; `current` goes on top of `to`.
    sg::core::Label step(
        std::vector<sg::core::Label>& from, std::vector<sg::core::Label>& to, const sg::core::Label& current);

    std::vector<sg::core::Label> m_undo;
    std::vector<sg::core::Label> m_redo;
    Kind m_last = Kind::Other;
};

} // namespace sg::ui
