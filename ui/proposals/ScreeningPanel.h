#pragma once
// The CNN dock of the viewer: which model runs (or why none does), its progress with a cancel
// button, each level's worst grade (a click shows that slice) and the current slice's proposal.
#include "ui/proposals/StudyProposals.h"

#include <QWidget>

#include <utility>

class QLabel;
class QProgressBar;
class QTableWidget;
class QToolButton;

namespace sg::ui {

class ScreeningPanel : public QWidget {
    Q_OBJECT
public:
    explicit ScreeningPanel(QWidget* parent = nullptr);

    void setModelStatus(const QString& text, bool available);
    // The model's card status as a banner above everything else ("Research use — trained on
    // synthetic studies only"); empty hides it (a manifest that says "validated").
    void setModelBanner(const QString& text);
    void setProgress(int done, int total, bool running);
    void setLevels(const std::vector<LevelSummary>& levels);
    // nullptr: not proposed yet (pending) or no slice.
    void setCurrent(const sg::core::SliceProposal* proposal, bool showGrades, bool pending);
    // The stack (a level) on screen: its row is the table's current row, here and after the
    // rows are rebuilt, so the table follows the user from slice to slice.
    void setCurrentStack(int series, int stack);

    QTableWidget* levelTable() const { return m_levels; }
    QLabel* currentLabel() const { return m_current; }
    QLabel* modelLabel() const { return m_model; }
    QLabel* bannerLabel() const { return m_banner; }
    QToolButton* cancelButton() const { return m_cancel; }

signals:
    void jumpTo(const sg::ui::SlicePlace& place); // a level's worst slice was clicked
    void cancelRequested();
    void resumeRequested(); // the button after a stop: propose what is left

private:
    QLabel* m_banner;
    QLabel* m_model;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    bool m_resumable = false; // stopped with slices left: the button says Run
    QTableWidget* m_levels;
    QLabel* m_current;
    std::vector<LevelSummary> m_rows; // as shown (sorted cranial to caudal)
    std::pair<int, int> m_currentStack {-1, -1}; // series, stack on screen
    void showCurrentRow();
    bool m_available = true; // false: no model, no proposal will come
};

} // namespace sg::ui
