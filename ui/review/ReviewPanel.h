#pragma once
// The right-hand dock of review mode: the item (key, level, kinds of disagreement), the
// progress ("12 of 148 decided"), every rater's read in a table (canal, grade, sub-grade,
// comment, time spent; the colour and number of their overlay), and the consensus being
// recorded: canal and grade buttons (the Review menu's actions), the patch, the reason code
// and a free-text note, and who decided it when.
#include "core/labels/Label.h"

#include <QColor>
#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QLineEdit;
class QTableWidget;

namespace sg::ui {

class ReviewActions;

// One row of the rater table: an analyzer or a model.
struct RaterRow {
    int number = 0; // the overlay key (1..9), 0 for none
    QString name;
    QColor color;
    bool model = false; // a classifier: its patch is dashed
    bool shown = true; // its overlay is visible
    std::optional<sg::core::Canal> canal;
    std::optional<sg::core::Grade> grade;
    std::optional<int> subgrade;
    QString comment;
    std::optional<double> seconds; // models: none
    bool hasPatch = false;
};

class ReviewPanel : public QWidget {
    Q_OBJECT
public:
    ReviewPanel(ReviewActions& actions, QWidget* parent = nullptr);

    QTableWidget* raterTable() const { return m_raters; }
    QLineEdit* noteField() const { return m_note; }
    QLabel* progressLabel() const { return m_progress; }
    QLabel* notice() const { return m_notice; }

    void setItem(const QString& title, const QString& kinds);
    void setProgress(int decided, int total);
    void setRaters(const std::vector<RaterRow>& rows);
    // The consensus on screen (edited or recorded), its reason, and "decided by … at …" or empty.
    void setConsensus(const std::optional<sg::core::Canal>& canal, const std::optional<sg::core::Grade>& grade,
        const std::optional<int>& subgrade, const QString& patch, const QString& reason, const QString& note,
        const QString& decided);
    void showNotice(const QString& text);

signals:
    void noteEdited(const QString& text);

private:
    ReviewActions& m_actions;
    QLabel* m_title;
    QLabel* m_kinds;
    QLabel* m_progress;
    QLabel* m_notice;
    QTableWidget* m_raters;
    QLabel* m_patch;
    QLabel* m_reason;
    QLabel* m_decided;
    QLineEdit* m_note;
};

} // namespace sg::ui
