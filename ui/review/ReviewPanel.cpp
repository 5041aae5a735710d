#include "ui/review/ReviewPanel.h"

#include "ui/review/ReviewActions.h"

#include <QAction>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace sg::ui {

using namespace sg::core;

namespace {

QToolButton* button(QAction* action, const QString& text, QWidget* parent, int minWidth = 0)
{
    auto* b = new QToolButton(parent);
    action->setIconText(text);
    action->setToolTip(
        action->text().remove('&') + "  [" + action->shortcut().toString(QKeySequence::NativeText) + "]");
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    b->setMinimumSize(minWidth, 26);
    b->setFocusPolicy(Qt::NoFocus); // the keys stay with the view
    return b;
}

QIcon swatch(const QColor& color, bool dashed)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setPen(QPen(color, 2, dashed ? Qt::DashLine : Qt::SolidLine));
    p.drawRect(2, 2, 10, 10);
    return QIcon(pixmap);
}

QTableWidgetItem* cell(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled);
    return item;
}

} // namespace

ReviewPanel::ReviewPanel(ReviewActions& actions, QWidget* parent)
    : QWidget(parent),
      m_actions(actions),
      m_title(new QLabel(this)),
      m_kinds(new QLabel(this)),
      m_progress(new QLabel(this)),
      m_notice(new QLabel(this)),
      m_raters(new QTableWidget(this)),
      m_patch(new QLabel(this)),
      m_reason(new QLabel(this)),
      m_decided(new QLabel(this)),
      m_note(new QLineEdit(this))
{
    setStyleSheet(QStringLiteral(
        "QToolButton { padding: 3px; border: 1px solid #a8a8a8; border-radius: 3px; background: #f6f6f6; }"
        "QToolButton:hover { border-color: #2f6db5; }"
        "QToolButton:checked { background: #2f6db5; color: white; border-color: #24578f; font-weight: bold; }"
        "QToolButton:disabled { color: #a8a8a8; background: #efefef; border-color: #d0d0d0; }"));
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(4);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setObjectName("reviewTitle");
    m_kinds->setWordWrap(true);
    m_progress->setObjectName("reviewProgress");
    m_notice->setObjectName("reviewNotice");
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(
        QStringLiteral("QLabel { background: #fff4d6; border: 1px solid #e0b850; border-radius: 3px; padding: 4px; }"));
    m_notice->hide();
    layout->addWidget(m_title);
    layout->addWidget(m_kinds);
    layout->addWidget(m_progress);
    layout->addWidget(m_notice);

    m_raters->setColumnCount(6);
    m_raters->setHorizontalHeaderLabels({tr("Rater"), tr("Canal"), tr("Grade"), tr("Sub"), tr("Comment"), tr("Time")});
    m_raters->verticalHeader()->hide();
    m_raters->horizontalHeader()->setStretchLastSection(false);
    m_raters->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
    m_raters->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_raters->setFocusPolicy(Qt::NoFocus);
    m_raters->setSelectionMode(QAbstractItemView::NoSelection);
    m_raters->setMinimumHeight(80);
    m_raters->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    layout->addWidget(m_raters, 0);

    auto* box = new QGroupBox(tr("Consensus"), this);
    auto* grid = new QGridLayout(box);
    grid->setVerticalSpacing(3);
    grid->addWidget(button(actions.rootlet, tr("Rootlet [R]"), box), 0, 0, 1, 2);
    grid->addWidget(button(actions.cord, tr("Cord [O]"), box), 0, 2, 1, 2);
    for (int g = 0; g < 4; ++g)
        grid->addWidget(button(actions.grades[g], QStringLiteral("%1").arg(QChar('A' + g)), box, 36), 1, g);
    for (int s = 0; s < 4; ++s)
        grid->addWidget(button(actions.subgrades[s], QStringLiteral("A%1").arg(s + 1), box, 36), 2, s);
    m_patch->setWordWrap(true);
    grid->addWidget(m_patch, 3, 0, 1, 4);
    m_reason->setObjectName("reviewReason");
    grid->addWidget(button(actions.reason, tr("Reason… [W]"), box), 4, 0, 1, 1);
    grid->addWidget(m_reason, 4, 1, 1, 3);
    m_note->setPlaceholderText(tr("Note (M to edit, Enter records)"));
    m_note->setClearButtonEnabled(true);
    connect(m_note, &QLineEdit::textEdited, this, &ReviewPanel::noteEdited);
    connect(m_note, &QLineEdit::returnPressed, actions.record, &QAction::trigger);
    auto* leave = new QAction(m_note);
    leave->setShortcut(Qt::Key_Escape);
    leave->setShortcutContext(Qt::WidgetShortcut);
    connect(leave, &QAction::triggered, m_note, &QWidget::clearFocus);
    m_note->addAction(leave);
    grid->addWidget(m_note, 5, 0, 1, 4);
    m_decided->setObjectName("reviewDecided");
    m_decided->setWordWrap(true);
    m_decided->setStyleSheet(QStringLiteral("color: #505050;"));
    grid->addWidget(m_decided, 6, 0, 1, 4);
    layout->addWidget(box);

    auto* nav = new QGridLayout;
    nav->setVerticalSpacing(3);
    nav->addWidget(button(actions.previous, tr("Previous [Backspace]"), this), 0, 0);
    nav->addWidget(button(actions.next, tr("Next [PgDn]"), this), 0, 1);
    auto* record = button(actions.record, tr("Record && next [Enter]"), this);
    record->setStyleSheet(
        QStringLiteral("QToolButton { font-weight: bold; background: #e3f0e3; border-color: #4a8a4a; }"));
    nav->addWidget(record, 1, 0, 1, 2);
    nav->addWidget(button(actions.undo, tr("Undo [Ctrl+Z]"), this), 2, 0);
    nav->addWidget(button(actions.redo, tr("Redo [Ctrl+Shift+Z]"), this), 2, 1);
    layout->addLayout(nav);
    layout->addStretch(1);
    // The review's own keys, where the eye already is (the menus and F1 list them all).
    m_raters->setToolTip(tr("1-9: show or hide rater N's patch · Shift+N: accept analyzer N's label · "
                            "Ctrl+N: take their patch · S: neighbouring slices"));
}

void ReviewPanel::setItem(const QString& title, const QString& kinds)
{
    m_title->setText(title);
    m_kinds->setText(kinds);
    m_notice->clear();
    m_notice->hide();
}

void ReviewPanel::setProgress(int decided, int total)
{
    m_progress->setText(tr("%1 of %2 decided").arg(decided).arg(total));
}

void ReviewPanel::showNotice(const QString& text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

void ReviewPanel::setRaters(const std::vector<RaterRow>& rows)
{
    m_raters->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const RaterRow& row = rows[static_cast<size_t>(r)];
        QString name = row.number > 0 ? QStringLiteral("%1 %2").arg(row.number).arg(row.name) : row.name;
        if (!row.shown)
            name += tr(" (hidden)");
        auto* who = cell(name);
        if (row.hasPatch)
            who->setIcon(swatch(row.color, row.model));
        m_raters->setItem(r, 0, who);
        m_raters->setItem(
            r, 1, cell(row.canal ? QString::fromUtf8(canalName(*row.canal).data()) : QStringLiteral("–")));
        m_raters->setItem(
            r, 2, cell(row.grade ? QString::fromUtf8(gradeName(*row.grade).data()) : QStringLiteral("–")));
        m_raters->setItem(
            r, 3, cell(row.subgrade ? QString::fromStdString(subgradeName(*row.subgrade)) : QStringLiteral("–")));
        m_raters->setItem(r, 4, cell(row.comment));
        m_raters->item(r, 4)->setToolTip(row.comment);
        m_raters->setItem(r, 5, cell(row.seconds ? tr("%1 s").arg(*row.seconds, 0, 'f', 0) : QStringLiteral("–")));
    }
    m_raters->resizeColumnsToContents();
    m_raters->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
}

void ReviewPanel::setConsensus(const std::optional<Canal>& canal, const std::optional<Grade>& grade,
    const std::optional<int>& subgrade, const QString& patch, const QString& reason, const QString& note,
    const QString& decided)
{
    m_actions.rootlet->setChecked(canal == Canal::Rootlet);
    m_actions.cord->setChecked(canal == Canal::Cord);
    for (int g = 0; g < 4; ++g)
        m_actions.grades[g]->setChecked(grade == static_cast<Grade>(g));
    for (int s = 0; s < 4; ++s)
        m_actions.subgrades[s]->setChecked(subgrade == s + 1);
    m_patch->setText(tr("Patch: %1").arg(patch));
    m_reason->setText(reason.isEmpty() ? tr("no reason yet") : reason);
    if (m_note->text() != note)
        m_note->setText(note);
    m_decided->setText(decided.isEmpty() ? tr("Not decided yet.") : decided);
}

} // namespace sg::ui
