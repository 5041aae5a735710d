#pragma once
// The worklist dock: progress (overall and per level), filters by level and status, and
// the items in the user's order; double-click jumps to an item.
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QTableView;

namespace sg::ui {

class LabelingController;
class WorklistFilter;
class WorklistModel;

class WorklistPanel : public QWidget {
    Q_OBJECT
public:
    explicit WorklistPanel(LabelingController& controller, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    QComboBox* levelFilter() const { return m_level; }
    QComboBox* statusFilter() const { return m_status; }
    QProgressBar* progressBar() const { return m_progress; }

    void reset(); // project opened or closed
    void refreshProgress(); // labels changed
    void refreshCurrent(); // current item changed

private:
    LabelingController& m_controller;
    WorklistModel* m_model;
    WorklistFilter* m_filter;
    QProgressBar* m_progress;
    QLabel* m_perLevel;
    QComboBox* m_level;
    QComboBox* m_status;
    QTableView* m_view;
};

} // namespace sg::ui
