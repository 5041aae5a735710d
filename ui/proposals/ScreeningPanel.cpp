#include "ui/proposals/ScreeningPanel.h"

#include "ui/common/ProposalText.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <tuple>

namespace sg::ui {

using namespace sg::core;

ScreeningPanel::ScreeningPanel(QWidget* parent)
    : QWidget(parent),
      m_banner(new QLabel(this)),
      m_model(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_cancel(new QToolButton(this)),
      m_levels(new QTableWidget(this)),
      m_current(new QLabel(this))
{
    m_banner->setObjectName(QStringLiteral("modelBanner"));
    m_banner->setWordWrap(true);
    m_banner->setAlignment(Qt::AlignCenter);
    // Amber with dark text: readable in light and dark themes, and unlike any grade colour.
    m_banner->setStyleSheet(QStringLiteral(
        "QLabel { background: #f6c343; color: #1b1b1b; font-weight: bold; padding: 4px; border-radius: 3px; }"));
    m_banner->hide();
    m_model->setWordWrap(true);
    m_model->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setFormat(tr("%v / %m slices"));
    m_cancel->setText(tr("Stop"));
    m_cancel->setToolTip(tr("Stop the CNN for this study"));
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);

    m_levels->setColumnCount(4);
    m_levels->setHorizontalHeaderLabels({tr("Level"), tr("Worst"), tr("p"), tr("Slice")});
    m_levels->verticalHeader()->hide();
    m_levels->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_levels->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_levels->setSelectionMode(QAbstractItemView::SingleSelection);
    m_levels->horizontalHeader()->setStretchLastSection(true);
    m_levels->setToolTip(tr("Click a level to show its worst slice"));
    auto* levelBox = new QGroupBox(tr("Screening: worst grade per level"), this);
    auto* levelLayout = new QVBoxLayout(levelBox);
    levelLayout->addWidget(m_levels);

    m_current->setWordWrap(true);
    m_current->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* currentBox = new QGroupBox(tr("This slice"), this);
    auto* currentLayout = new QVBoxLayout(currentBox);
    currentLayout->addWidget(m_current);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_model);
    layout->addLayout(progressRow);
    layout->addWidget(levelBox, 1);
    layout->addWidget(currentBox);

    connect(m_cancel, &QToolButton::clicked, this, [this] {
        if (m_resumable)
            emit resumeRequested();
        else
            emit cancelRequested();
    });
    connect(m_levels, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (row >= 0 && row < static_cast<int>(m_rows.size()) && m_rows[static_cast<size_t>(row)].worstSlice)
            emit jumpTo(*m_rows[static_cast<size_t>(row)].worstSlice);
    });
    setProgress(0, 0, false);
    setCurrent(nullptr, true, false);
}

void ScreeningPanel::setModelStatus(const QString& text, bool available)
{
    m_available = available;
    m_model->setText(text);
    m_model->setStyleSheet(available ? QString() : QStringLiteral("color: #c0392b;"));
}

void ScreeningPanel::setModelBanner(const QString& text)
{
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
}

void ScreeningPanel::setProgress(int done, int total, bool running)
{
    m_progress->setMaximum(std::max(total, 1));
    m_progress->setValue(std::min(done, std::max(total, 1)));
    m_progress->setVisible(total > 0);
    m_cancel->setVisible(total > 0);
    // Stopped with slices left: the same button runs the CNN over the rest.
    m_resumable = !running && done < total && m_available;
    m_cancel->setText(m_resumable ? tr("Run") : tr("Stop"));
    m_cancel->setToolTip(m_resumable ? tr("Propose the slices not yet proposed") : tr("Stop the CNN for this study"));
    m_cancel->setEnabled(running || m_resumable);
}

void ScreeningPanel::setLevels(const std::vector<LevelSummary>& unsorted)
{
    // As the study tree lists them: cranial first (L1/L2 .. L5/S1), unassigned stacks last.
    std::vector<LevelSummary> levels = unsorted;
    std::stable_sort(levels.begin(), levels.end(), [](const LevelSummary& a, const LevelSummary& b) {
        const int la = a.level ? static_cast<int>(*a.level) : 99, lb = b.level ? static_cast<int>(*b.level) : 99;
        return std::tie(a.series, la) < std::tie(b.series, lb);
    });
    m_rows = levels;
    m_levels->setRowCount(static_cast<int>(levels.size()));
    for (int r = 0; r < static_cast<int>(levels.size()); ++r) {
        const LevelSummary& l = levels[static_cast<size_t>(r)];
        const std::string name = levelName(l.level);
        const QString level = name.empty() ? tr("Stack %1").arg(l.stack + 1) : QString::fromStdString(name);
        QString grade, probability, slice;
        if (l.worstGrade) {
            grade = QString::fromUtf8(gradeName(*l.worstGrade).data(), 1);
            probability = percent(l.probability);
            slice = tr("%1 / %2").arg(l.worstSlice->slice + 1).arg(l.slices);
        } else if (!m_available) {
            grade = tr("—"); // no model: nothing will come
        } else if (l.proposed < l.slices) {
            grade = tr("…");
        } else if (!l.notGraded.isEmpty()) {
            // Out of distribution: said instead of a grade, the reason in the row.
            grade = tr("not graded");
            slice = l.notGraded;
        } else {
            // Only rootlet slices have a Schizas grade; say which case this level is.
            grade = tr("none");
            slice = l.canalFound > 0 ? tr("cord") : tr("no canal");
        }
        const QString cells[4] = {level, grade, probability, slice};
        for (int c = 0; c < 4; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c == 1 && l.worstGrade && *l.worstGrade >= Grade::C)
                item->setForeground(QColor(0xe7, 0x4c, 0x3c)); // severe: stands out
            if (c == 1) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            m_levels->setItem(r, c, item);
        }
    }
    m_levels->resizeColumnsToContents();
    showCurrentRow();
}

void ScreeningPanel::setCurrentStack(int series, int stack)
{
    m_currentStack = {series, stack};
    showCurrentRow();
}

void ScreeningPanel::showCurrentRow()
{
    int row = -1;
    for (size_t r = 0; r < m_rows.size(); ++r)
        if (m_rows[r].series == m_currentStack.first && m_rows[r].stack == m_currentStack.second)
            row = static_cast<int>(r);
    if (row < 0) {
        m_levels->clearSelection();
        m_levels->setCurrentCell(-1, -1);
        return;
    }
    if (m_levels->currentRow() != row)
        m_levels->selectRow(row); // current and selected; only a click jumps (cellClicked)
    m_levels->scrollToItem(m_levels->item(row, 0));
}

void ScreeningPanel::setCurrent(const SliceProposal* proposal, bool showGrades, bool pending)
{
    if (proposal)
        m_current->setText(proposalDetailText(*proposal, showGrades));
    else
        m_current->setText(pending ? tr("Proposal pending…") : tr("No proposal for this slice."));
}

} // namespace sg::ui
