#include "ui/review/ReviewQueuePanel.h"

#include "ui/review/ReviewController.h"
#include "ui/review/ReviewQueueModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

namespace sg::ui {

ReviewQueuePanel::ReviewQueuePanel(ReviewController& controller, QWidget* parent)
    : QWidget(parent),
      m_controller(controller),
      m_model(new ReviewQueueModel(controller, this)),
      m_progress(new QLabel(this)),
      m_level(new QComboBox(this)),
      m_task(new QComboBox(this)),
      m_status(new QComboBox(this)),
      m_pair(new QComboBox(this)),
      m_view(new QTableView(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(4);
    m_progress->setObjectName("queueProgress");
    QFont bold = m_progress->font();
    bold.setBold(true);
    m_progress->setFont(bold);
    layout->addWidget(m_progress);

    m_level->addItem(tr("All levels"), QString());
    for (sg::core::Level level : sg::core::kAllLevels) {
        const QString name = QString::fromUtf8(sg::core::levelName(level).data());
        m_level->addItem(name, name);
    }
    m_level->addItem(tr("Unassigned"), QStringLiteral("unassigned"));
    using sg::core::DisagreementKind;
    m_task->addItem(tr("All tasks"), 0u);
    m_task->addItem(tr("Grade"), unsigned(DisagreementKind::Grade));
    m_task->addItem(tr("Canal"), unsigned(DisagreementKind::Canal));
    m_task->addItem(tr("Patch"), unsigned(DisagreementKind::Patch));
    m_status->addItem(tr("All"), -1);
    m_status->addItem(tr("Open"), 0);
    m_status->addItem(tr("Decided"), 1);
    m_pair->addItem(tr("All pairs"), QString());
    auto* filters = new QFormLayout;
    filters->setVerticalSpacing(2);
    filters->addRow(tr("Level"), m_level);
    filters->addRow(tr("Task"), m_task);
    filters->addRow(tr("Status"), m_status);
    filters->addRow(tr("Pair"), m_pair);
    auto* kinds = new QHBoxLayout;
    const QString kindNames[4] = {tr("canal"), tr("grade"), tr("patch"), tr("vs CNN")};
    for (int i = 0; i < 4; ++i) {
        m_kinds[static_cast<size_t>(i)] = new QCheckBox(kindNames[i], this);
        m_kinds[static_cast<size_t>(i)]->setChecked(i < 3); // analyzer vs CNN: off by default
        m_kinds[static_cast<size_t>(i)]->setFocusPolicy(Qt::ClickFocus);
        kinds->addWidget(m_kinds[static_cast<size_t>(i)]);
        connect(m_kinds[static_cast<size_t>(i)], &QCheckBox::toggled, this, &ReviewQueuePanel::applyFilters);
    }
    filters->addRow(tr("Kinds"), kinds);
    layout->addLayout(filters);
    for (QComboBox* c : {m_level, m_task, m_status, m_pair}) {
        c->setFocusPolicy(Qt::ClickFocus); // the keys stay with the review actions
        connect(c, &QComboBox::currentIndexChanged, this, &ReviewQueuePanel::applyFilters);
    }

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(20);
    // Kinds ("grade, canal, patch, vs CNN") takes what is left and elides, so the Status
    // column stays in sight in a narrow dock; the full kinds are the cell's tool tip.
    QHeaderView* header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ReviewQueueModel::Kinds, QHeaderView::Stretch);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setAlternatingRowColors(true);
    m_view->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_view, 1);
    // One click opens the row's item: a highlighted row that is not the item on screen would
    // have the next keys decide an item the lead is not looking at.
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const qlonglong id = index.data(ReviewQueueModel::ItemIdRole).toLongLong();
        if (id != m_controller.currentItem())
            m_controller.goTo(id);
    });
    connect(&controller, &ReviewController::queueChanged, this, &ReviewQueuePanel::refresh);
    connect(&controller, &ReviewController::itemChanged, this, &ReviewQueuePanel::refresh);
    refresh();
}

void ReviewQueuePanel::applyFilters()
{
    using namespace sg::core;
    ReviewFilter f;
    const QString level = m_level->currentData().toString();
    f.unassignedLevelOnly = level == QLatin1String("unassigned");
    if (!level.isEmpty() && !f.unassignedLevelOnly)
        f.level = parseLevel(level.toStdString());
    if (const unsigned task = m_task->currentData().toUInt())
        f.task = static_cast<DisagreementKind>(task);
    const int status = m_status->currentData().toInt();
    f.status = status < 0 ? ReviewFilter::Status::Any
        : status == 0     ? ReviewFilter::Status::Open
                          : ReviewFilter::Status::Decided;
    if (const QString pair = m_pair->currentData().toString(); !pair.isEmpty())
        f.pair = std::make_pair(pair.section(QStringLiteral(" / "), 0, 0).toStdString(),
            pair.section(QStringLiteral(" / "), 1).toStdString());
    const KindMask bits[4] = {kindBit(DisagreementKind::Canal), kindBit(DisagreementKind::Grade),
        kindBit(DisagreementKind::Patch), kindBit(DisagreementKind::Model)};
    f.kinds = 0;
    for (int i = 0; i < 4; ++i)
        if (m_kinds[static_cast<size_t>(i)]->isChecked())
            f.kinds |= bits[i];
    m_controller.setFilter(f);
}

void ReviewQueuePanel::refresh()
{
    m_progress->setText(
        tr("%1 of %2 decided").arg(m_controller.decidedCount()).arg(static_cast<int>(m_controller.queue().size())));
    // The pairs seen in the queue (a third analyzer adds two).
    const QStringList pairs = m_controller.pairs();
    if (m_pair->count() != pairs.size() + 1) {
        const QSignalBlocker quiet(m_pair);
        const QString chosen = m_pair->currentData().toString();
        m_pair->clear();
        m_pair->addItem(tr("All pairs"), QString());
        for (const QString& p : pairs)
            m_pair->addItem(p, p);
        m_pair->setCurrentIndex(std::max(0, m_pair->findData(chosen)));
    }
    const int row = m_controller.position();
    if (row >= 0) {
        m_view->selectRow(row);
        m_view->scrollTo(m_model->index(row, 0));
    } else
        m_view->clearSelection();
}

} // namespace sg::ui
