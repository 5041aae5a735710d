#include "ui/labeling/LabelEditHistory.h"

namespace sg::ui {

void LabelEditHistory::record(Kind kind, const sg::core::Label& before)
{
    // Typing a comment or holding an arrow is one step to undo, not one per key.
    if (kind == Kind::Other || kind != m_last || m_undo.empty())
        m_undo.push_back(before);
    m_redo.clear();
    m_last = kind;
}

sg::core::Label LabelEditHistory::undo(const sg::core::Label& current)
{
    return step(m_undo, m_redo, current);
}

sg::core::Label LabelEditHistory::redo(const sg::core::Label& current)
{
    return step(m_redo, m_undo, current);
}

sg::core::Label LabelEditHistory::step(
    std::vector<sg::core::Label>& from, std::vector<sg::core::Label>& to, const sg::core::Label& current)
{
    to.push_back(current);
    sg::core::Label label = std::move(from.back());
    from.pop_back();
    m_last = Kind::Other; // the next edit is a step of its own
    return label;
}

void LabelEditHistory::clear()
{
    m_undo.clear();
    m_redo.clear();
    m_last = Kind::Other;
}

} // namespace sg::ui
