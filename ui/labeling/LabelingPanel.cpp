#include "ui/labeling/LabelingPanel.h"

#include "ui/common/ProposalText.h"

#include "ui/labeling/LabelText.h"
#include "ui/labeling/LabelingActions.h"
#include "ui/labeling/LabelingController.h"

#include <QAction>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace sg::ui {

using namespace sg::core;

namespace {

QToolButton* button(QAction* action, const QString& text, QWidget* parent, int minWidth = 0)
{
    auto* b = new QToolButton(parent);
    // A tool button shows its action's icon text: shorter than the menu's, with the key.
    action->setIconText(text);
    action->setToolTip(
        action->text().remove('&') + "  [" + action->shortcut().toString(QKeySequence::NativeText) + "]");
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    b->setMinimumSize(minWidth, 30);
    // Clicking a button must not take the keyboard away from the view.
    b->setFocusPolicy(Qt::NoFocus);
    return b;
}

// What a notice was given for: the label's canal, grade and patch as shown.
QString labelKey(const Label& l)
{
    return describe(l) + QLatin1Char('|') + patchText(l.patch);
}

} // namespace

LabelingPanel::LabelingPanel(LabelingController& controller, LabelingActions& actions, QWidget* parent)
    : QWidget(parent),
      m_controller(controller),
      m_actions(actions),
      m_title(new QLabel(this)),
      m_who(new QLabel(this)),
      m_saved(new QLabel(this)),
      m_notice(new QLabel(this)),
      m_patch(new QLabel(this)),
      m_proposal(new QLabel(this)),
      m_comment(new QLineEdit(this)),
      m_leadBox(new QGroupBox(tr("Every analyzer's label (lead view)"), this)),
      m_leadTable(new QTableWidget(this))
{
    // Checked states must read at a glance: the chosen canal and grade are filled.
    setStyleSheet(QStringLiteral(
        "QToolButton { padding: 4px; border: 1px solid #a8a8a8; border-radius: 3px; background: #f6f6f6; }"
        "QToolButton:hover { border-color: #2f6db5; }"
        "QToolButton:checked { background: #2f6db5; color: white; border-color: #24578f; font-weight: bold; }"
        "QToolButton:disabled { color: #a8a8a8; background: #efefef; border-color: #d0d0d0; }"));
    auto* layout = new QVBoxLayout(this);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    m_title->setFont(big);
    m_who->setStyleSheet(QStringLiteral("color: #505050;"));
    m_saved->setWordWrap(true);
    m_saved->setObjectName("savedLabel");
    // Said beside the buttons too, not only in the status bar far below the eye.
    m_notice->setObjectName("labelNotice");
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(
        QStringLiteral("QLabel { background: #fff4d6; border: 1px solid #e0b850; border-radius: 3px; padding: 4px; }"));
    m_notice->hide();
    connect(&controller, &LabelingController::message, m_notice, [this](const QString& text) {
        m_noticeFor = labelKey(m_controller.pending());
        m_notice->setText(text);
        m_notice->setVisible(!text.isEmpty());
        // A dock's layout does not ask a word-wrapped label for its height at the width it
        // has: without this the notice is cut to two lines when the dock is short.
        m_notice->setMinimumHeight(m_notice->heightForWidth(m_notice->width()));
        QWidget::layout()->activate(); // now, not at the next event: a dialog may be opening over it
    });
    layout->addWidget(m_title);
    layout->addWidget(m_who);
    layout->addWidget(m_saved);
    layout->addWidget(m_notice);

    auto* canalBox = new QGroupBox(tr("Rootlet level"), this);
    auto* canal = new QHBoxLayout(canalBox);
    canal->addWidget(button(actions.rootlet, tr("Rootlet  [R]"), canalBox));
    canal->addWidget(button(actions.cord, tr("Cord  [O]"), canalBox));
    layout->addWidget(canalBox);

    auto* gradeBox = new QGroupBox(tr("Stenosis grade (Schizas)"), this);
    auto* grades = new QGridLayout(gradeBox);
    for (int g = 0; g < 4; ++g)
        grades->addWidget(
            button(actions.grades[g], QStringLiteral("%1  [%1]").arg(QChar('A' + g)), gradeBox, 48), 0, g);
    for (int s = 0; s < 4; ++s)
        grades->addWidget(button(actions.subgrades[s], QStringLiteral("A%1").arg(s + 1), gradeBox, 48), 1, s);
    layout->addWidget(gradeBox);

    auto* patchBox = new QGroupBox(tr("Canal patch"), this);
    auto* patch = new QVBoxLayout(patchBox);
    auto* hint =
        new QLabel(tr("Click the canal or drag a square. Arrows move it (Shift: 10 px), + / − resize."), patchBox);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #505050;"));
    m_proposal->setWordWrap(true);
    m_proposal->setObjectName("proposalText");
    patch->addWidget(m_patch);
    patch->addWidget(m_proposal);
    patch->addWidget(hint);
    layout->addWidget(patchBox);

    m_comment->setPlaceholderText(tr("Comment (M to edit, Enter saves and moves on)"));
    m_comment->setClearButtonEnabled(true);
    connect(m_comment, &QLineEdit::textEdited, &controller, &LabelingController::setComment);
    // Enter in the comment commits like everywhere else (the action, not the line edit, gets it).
    connect(m_comment, &QLineEdit::returnPressed, actions.commit, &QAction::trigger);
    // Escape leaves the comment: the letter keys label again.
    auto* leave = new QAction(m_comment);
    leave->setShortcut(Qt::Key_Escape);
    leave->setShortcutContext(Qt::WidgetShortcut);
    connect(leave, &QAction::triggered, m_comment, &QWidget::clearFocus);
    m_comment->addAction(leave);
    layout->addWidget(m_comment);

    auto* nav = new QGridLayout;
    nav->addWidget(button(actions.previous, tr("Previous  [Backspace]"), this), 0, 0);
    nav->addWidget(button(actions.skip, tr("Skip…  [S]"), this), 0, 1);
    auto* commit = button(actions.commit, tr("Save && next  [Enter]"), this);
    commit->setStyleSheet(
        QStringLiteral("QToolButton { font-weight: bold; background: #e3f0e3; border-color: #4a8a4a; }"));
    nav->addWidget(commit, 1, 0, 1, 2);
    nav->addWidget(button(actions.undo, tr("Undo  [Ctrl+Z]"), this), 2, 0);
    nav->addWidget(button(actions.redo, tr("Redo  [Ctrl+Shift+Z]"), this), 2, 1);
    layout->addLayout(nav);

    auto* leadLayout = new QVBoxLayout(m_leadBox);
    m_leadTable->setColumnCount(4);
    m_leadTable->setHorizontalHeaderLabels({tr("Analyzer"), tr("Label"), tr("Patch"), tr("Comment")});
    m_leadTable->verticalHeader()->hide();
    m_leadTable->horizontalHeader()->setStretchLastSection(true);
    m_leadTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_leadTable->setFocusPolicy(Qt::NoFocus);
    m_leadTable->setMinimumHeight(130);
    leadLayout->addWidget(m_leadTable);
    layout->addWidget(m_leadBox);
    layout->addStretch(1);
    m_leadBox->setVisible(false);
}

void LabelingPanel::refreshItem()
{
    const Item* item = m_controller.item();
    m_notice->clear(); // a new item: what was said was about the one before
    m_notice->hide();
    m_comment->setText(QString::fromStdString(m_controller.pending().comment));
    if (!item) {
        m_title->setText(tr("No item"));
        return;
    }
    const std::string level = levelName(item->level);
    m_title->setText(tr("%1 · item %2 / %3")
                         .arg(level.empty() ? tr("Level unassigned") : QString::fromStdString(level))
                         .arg(m_controller.position() + 1)
                         .arg(m_controller.order().size()));
    const Analyzer& who = m_controller.who();
    m_who->setText(
        tr("Signed in as %1 (%2)")
            .arg(QString::fromStdString(who.name), who.isLead() ? tr("lead: sees every label") : tr("analyzer")));
    refreshProposal();
    m_leadBox->setVisible(m_controller.isLead());
    if (m_controller.isLead()) {
        const auto labels = m_controller.allLabels(item->id);
        m_leadTable->setRowCount(static_cast<int>(labels.size()));
        for (int r = 0; r < static_cast<int>(labels.size()); ++r) {
            const auto& [name, label] = labels[static_cast<size_t>(r)];
            m_leadTable->setItem(r, 0, new QTableWidgetItem(name));
            m_leadTable->setItem(r, 1, new QTableWidgetItem(describe(label)));
            m_leadTable->setItem(r, 2, new QTableWidgetItem(patchText(label.patch)));
            m_leadTable->setItem(r, 3, new QTableWidgetItem(QString::fromStdString(label.comment)));
        }
        m_leadTable->resizeColumnsToContents();
    }
}

void LabelingPanel::refreshProposal()
{
    const auto& proposal = m_controller.proposal();
    // The store leaves the grade probabilities out for an analyzer of a blind project.
    m_proposal->setText(proposal ? predictionDetailText(*proposal) : tr("No CNN proposal for this slice yet."));
}

void LabelingPanel::refreshLabel()
{
    const Label& l = m_controller.pending();
    // A notice is about the label it was given for ("needs rootlet or cord first"): once the
    // label on screen is another, it no longer applies. The controller says what it did after
    // the change it did, so its own notice is given for the new label and stays.
    if (!m_notice->text().isEmpty() && labelKey(l) != m_noticeFor) {
        m_notice->clear();
        m_notice->hide();
    }
    m_actions.rootlet->setChecked(l.canal == Canal::Rootlet);
    m_actions.cord->setChecked(l.canal == Canal::Cord);
    for (int g = 0; g < 4; ++g)
        m_actions.grades[g]->setChecked(l.grade == static_cast<Grade>(g));
    // Sub-grades stay enabled: choosing A1-A4 on another grade makes it grade A (keys 1-4).
    for (int s = 0; s < 4; ++s)
        m_actions.subgrades[s]->setChecked(l.subgrade == s + 1);
    m_patch->setText(tr("Patch: %1").arg(patchText(l.patch, m_columnSpacing, m_rowSpacing)));
    // An undo can bring back an earlier comment; while typing the field already holds it.
    if (const QString comment = QString::fromStdString(l.comment); m_comment->text() != comment)
        m_comment->setText(comment);
    // The entry's own label: a re-read of an item shows nothing of its first read.
    const Label* saved = m_controller.item() ? m_controller.savedAt(m_controller.position()) : nullptr;
    QString state = saved ? tr("Saved: %1").arg(describe(*saved)) : tr("Not labeled yet.");
    if (m_controller.hasUnsavedEdits())
        state += tr("  ·  edited, not saved");
    m_saved->setText(state);
}

void LabelingPanel::setPixelSpacing(double column, double row)
{
    m_columnSpacing = column;
    m_rowSpacing = row;
    refreshLabel();
}

} // namespace sg::ui
