#include "ui/labeling/WorklistPanel.h"

#include "ui/labeling/LabelingController.h"
#include "ui/labeling/WorklistModel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QTableView>
#include <QVBoxLayout>

namespace sg::ui {

WorklistPanel::WorklistPanel(LabelingController& controller, QWidget* parent)
    : QWidget(parent),
      m_controller(controller),
      m_model(new WorklistModel(controller, this)),
      m_filter(new WorklistFilter(this)),
      m_progress(new QProgressBar(this)),
      m_perLevel(new QLabel(this)),
      m_level(new QComboBox(this)),
      m_status(new QComboBox(this)),
      m_view(new QTableView(this))
{
    auto* layout = new QVBoxLayout(this);
    m_progress->setFormat(tr("%v / %m labeled"));
    m_progress->setTextVisible(true);
    layout->addWidget(m_progress);
    m_perLevel->setWordWrap(true);
    m_perLevel->setStyleSheet(QStringLiteral("color: #505050;"));
    layout->addWidget(m_perLevel);

    auto* filters = new QFormLayout;
    m_level->addItem(tr("All levels"), QString());
    for (sg::core::Level level : sg::core::kAllLevels) {
        const QString name = QString::fromStdString(std::string(sg::core::levelName(level)));
        m_level->addItem(name, name);
    }
    m_level->addItem(tr("Unassigned"), QStringLiteral("unassigned"));
    m_status->addItem(tr("All"), -1);
    m_status->addItem(tr("To do"), static_cast<int>(ItemStatus::Todo));
    m_status->addItem(tr("Done"), static_cast<int>(ItemStatus::Done));
    m_status->addItem(tr("Skipped"), static_cast<int>(ItemStatus::Skipped));
    for (QComboBox* c : {m_level, m_status})
        c->setFocusPolicy(Qt::ClickFocus);
    filters->addRow(tr("Level"), m_level);
    filters->addRow(tr("Status"), m_status);
    layout->addLayout(filters);
    connect(m_level, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setLevel(m_level->currentData().toString()); });
    connect(m_status, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setStatus(m_status->currentData().toInt()); });

    m_filter->setSourceModel(m_model);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(22);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    // Keys stay with the labeling actions; the table is for the mouse.
    m_view->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_view, 1);
    connect(m_view, &QTableView::doubleClicked, this,
        [this](const QModelIndex& index) { m_controller.jumpToPosition(m_filter->mapToSource(index).row()); });
}

void WorklistPanel::reset()
{
    m_model->reset();
    m_view->resizeColumnToContents(WorklistModel::Position);
    refreshProgress();
}

void WorklistPanel::refreshProgress()
{
    const sg::core::WorklistProgress& p = m_controller.progress();
    // QProgressBar::setValue repaints synchronously; with a GL view in the window that is a
    // whole composed frame (40 ms on llvmpipe) before the next item is even chosen. Disabling
    // updates makes it an ordinary deferred update, painted with the next item's frame.
    m_progress->setUpdatesEnabled(false);
    m_progress->setMaximum(std::max(p.total, 1));
    m_progress->setValue(p.done);
    m_progress->setUpdatesEnabled(true);
    QStringList levels;
    for (const auto& l : p.levels) {
        const std::string name = sg::core::levelName(l.level);
        levels << QStringLiteral("%1 %2/%3")
                      .arg(name.empty() ? tr("unassigned") : QString::fromStdString(name))
                      .arg(l.done)
                      .arg(l.total);
    }
    m_perLevel->setText(levels.join(QStringLiteral(" · ")));
    m_model->refreshStatuses();
}

void WorklistPanel::refreshCurrent()
{
    m_model->refreshCurrent();
    const int row = m_controller.position();
    if (row < 0)
        return;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        m_view->clearSelection(); // filtered out: no other row may look current
        return;
    }
    // The highlight follows the item on screen (selecting does not navigate: double-click does).
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

} // namespace sg::ui
