#pragma once
// The review queue dock: "12 of 148 decided", the filters (level, task, kind, status,
// analyzer pair; analyzer vs CNN off by default), and the queue in core's order.
// Double-click shows an item; the keys (PgDn/Backspace) walk the same rows.
#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableView;

namespace sg::ui {

class ReviewController;
class ReviewQueueModel;

class ReviewQueuePanel : public QWidget {
    Q_OBJECT
public:
    explicit ReviewQueuePanel(ReviewController& controller, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    ReviewQueueModel* model() const { return m_model; }
    QLabel* progressLabel() const { return m_progress; }
    QComboBox* levelFilter() const { return m_level; }
    QComboBox* taskFilter() const { return m_task; }
    QComboBox* statusFilter() const { return m_status; }
    QComboBox* pairFilter() const { return m_pair; }
    // canal, grade, patch, analyzer vs CNN
    QCheckBox* kindFilter(int i) const { return m_kinds[static_cast<size_t>(i)]; }

private:
    void refresh(); // progress text, pair list, the current row in view
    void applyFilters();

    ReviewController& m_controller;
    ReviewQueueModel* m_model;
    QLabel* m_progress;
    QComboBox* m_level;
    QComboBox* m_task;
    QComboBox* m_status;
    QComboBox* m_pair;
    std::array<QCheckBox*, 4> m_kinds;
    QTableView* m_view;
};

} // namespace sg::ui
