#pragma once
// The study / series / level tree. Selecting a stack row shows that level; a context
// menu sets a stack's level when the scanner could not name it.
#include <QTreeView>

class QStandardItemModel;

namespace sg::ui {

class ViewerState;

class StudyBrowser : public QTreeView {
    Q_OBJECT
public:
    explicit StudyBrowser(ViewerState& state, QWidget* parent = nullptr);
    void rebuild(); // from the state's study
    void syncSelection(); // highlight the current series/stack
    // Said in the empty tree instead of a blank (e.g. why labeling shows no study here).
    void setPlaceholder(const QString& text);
    QString placeholder() const { return m_placeholder; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void onActivated(const QModelIndex& index);
    void showContextMenu(const QPoint& pos);

    ViewerState& m_state;
    QStandardItemModel* m_model;
    bool m_syncing = false;
    QString m_placeholder;
};

} // namespace sg::ui
