#pragma once
// The right-hand dock of labeling mode: the item's place in the worklist, the canal and
// grade buttons (the Label menu's actions, so keys, menu and buttons stay one thing), the
// comment, the CNN proposal, and for a lead the table of every analyzer's label.
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableWidget;
class QGroupBox;

namespace sg::ui {

class LabelingActions;
class LabelingController;

class LabelingPanel : public QWidget {
    Q_OBJECT
public:
    LabelingPanel(LabelingController& controller, LabelingActions& actions, QWidget* parent = nullptr);

    QLineEdit* commentField() const { return m_comment; }
    QTableWidget* leadTable() const { return m_leadTable; }
    // The last thing the labeling said about the item on screen (a refusal, an undo, a conflict).
    QLabel* notice() const { return m_notice; }

    void refreshItem(); // a new item: header, comment, proposal, lead table
    void refreshLabel(); // the pending label changed: checked buttons, patch text
    void refreshProposal(); // the CNN proposal text (it can arrive while the item is shown)
    // mm per column and per row of the slice on screen (0: unknown), for the patch's size in mm.
    void setPixelSpacing(double column, double row);

private:
    LabelingController& m_controller;
    LabelingActions& m_actions;
    QLabel* m_title;
    QLabel* m_who;
    QLabel* m_saved;
    QLabel* m_notice;
    QString m_noticeFor; // the label on screen when the notice was given (labelKey)
    QLabel* m_patch;
    double m_columnSpacing = 0;
    double m_rowSpacing = 0;
    QLabel* m_proposal;
    QLineEdit* m_comment;
    QGroupBox* m_leadBox;
    QTableWidget* m_leadTable;
};

} // namespace sg::ui
