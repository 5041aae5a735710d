#include "ui/labeling/WorklistModel.h"

#include "ui/labeling/LabelingController.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace sg::ui {

WorklistModel::WorklistModel(LabelingController& controller, QObject* parent)
    : QAbstractTableModel(parent), m_controller(controller)
{
}

int WorklistModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int WorklistModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString statusName(ItemStatus s)
{
    switch (s) {
    case ItemStatus::Done: return WorklistModel::tr("done");
    case ItemStatus::Skipped: return WorklistModel::tr("skipped");
    case ItemStatus::Todo: break;
    }
    return WorklistModel::tr("to do");
}

} // namespace

QVariant WorklistModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows || index.row() >= static_cast<int>(m_controller.order().size()))
        return {};
    const std::int64_t id = m_controller.order()[static_cast<size_t>(index.row())];
    const sg::core::Item* item = m_controller.itemById(id);
    const std::string level = item ? sg::core::levelName(item->level) : std::string();
    const ItemStatus status = m_controller.statusAt(index.row()); // this entry's own label
    switch (role) {
    case ItemIdRole: return QVariant::fromValue<qlonglong>(id);
    case LevelRole: return QString::fromStdString(level);
    case StatusRole: return static_cast<int>(status);
    case Qt::FontRole:
        if (index.row() == m_current) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Status)
            return QBrush(status == ItemStatus::Done ? QColor(40, 140, 60)
                    : status == ItemStatus::Skipped  ? QColor(190, 120, 20)
                                                     : QColor(120, 120, 120));
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Position: return index.row() + 1;
        case Level: return level.empty() ? tr("unassigned") : QString::fromStdString(level);
        case Status: return statusName(status);
        default: return {};
        }
    default: return {};
    }
}

QVariant WorklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Position: return tr("#");
    case Level: return tr("Level");
    case Status: return tr("Status");
    default: return {};
    }
}

void WorklistModel::reset()
{
    beginResetModel();
    m_rows = static_cast<int>(m_controller.order().size());
    m_current = m_controller.position();
    endResetModel();
}

void WorklistModel::refreshStatuses()
{
    if (m_rows > 0)
        emit dataChanged(index(0, Status), index(m_rows - 1, Status));
}

void WorklistModel::refreshCurrent()
{
    const int old = m_current;
    m_current = m_controller.position();
    for (int row : {old, m_current})
        if (row >= 0 && row < m_rows)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void WorklistFilter::setLevel(const QString& level)
{
    m_level = level;
    invalidateFilter();
}

void WorklistFilter::setStatus(int status)
{
    m_status = status;
    invalidateFilter();
}

bool WorklistFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_status >= 0 && index.data(WorklistModel::StatusRole).toInt() != m_status)
        return false;
    if (!m_level.isEmpty()) {
        const QString level = index.data(WorklistModel::LevelRole).toString();
        return m_level == QLatin1String("unassigned") ? level.isEmpty() : level == m_level;
    }
    return true;
}

} // namespace sg::ui
