#include "ui/review/ReviewQueueModel.h"

#include "ui/review/ReviewController.h"

#include <QFont>
#include <QStringList>

namespace sg::ui {

ReviewQueueModel::ReviewQueueModel(ReviewController& controller, QObject* parent)
    : QAbstractTableModel(parent), m_controller(controller)
{
    // The queue is small next to a repaint; a reset keeps the model obviously right.
    connect(&controller, &ReviewController::queueChanged, this, [this] {
        beginResetModel();
        endResetModel();
    });
    connect(&controller, &ReviewController::itemChanged, this, [this] {
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::FontRole});
    });
}

int ReviewQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_controller.queue().size());
}

int ReviewQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ReviewQueueModel::kindsText(unsigned kinds)
{
    QStringList out;
    using sg::core::DisagreementKind;
    using sg::core::kindBit;
    if (kinds & kindBit(DisagreementKind::Grade))
        out << tr("grade");
    if (kinds & kindBit(DisagreementKind::Canal))
        out << tr("canal");
    if (kinds & kindBit(DisagreementKind::Patch))
        out << tr("patch");
    if (kinds & kindBit(DisagreementKind::Model))
        out << tr("vs CNN");
    return out.join(QStringLiteral(", "));
}

QVariant ReviewQueueModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const sg::core::ReviewEntry& e = *m_controller.queue()[static_cast<size_t>(index.row())];
    if (role == ItemIdRole)
        return QVariant::fromValue<qlonglong>(e.itemId);
    if (role == Qt::FontRole && e.itemId == m_controller.currentItem()) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole && index.column() == Kinds)
        return kindsText(e.kinds); // the column elides in a narrow dock
    if (role == Qt::TextAlignmentRole && index.column() == Distance)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Key: return QString::fromStdString(e.key);
    case Level: return e.level ? QString::fromUtf8(sg::core::levelName(*e.level).data()) : tr("L?");
    case Kinds: return kindsText(e.kinds);
    case Distance:
        return e.kinds & sg::core::kindBit(sg::core::DisagreementKind::Grade) ? QVariant(e.gradeDistance)
                                                                              : QVariant(QStringLiteral("–"));
    case Status: return e.reopened ? tr("decided, labels changed since") : e.decided ? tr("decided") : tr("open");
    default: return {};
    }
}

QVariant ReviewQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key: return tr("Item");
    case Level: return tr("Level");
    case Kinds: return tr("Kinds");
    case Distance: return tr("Δ grade");
    case Status: return tr("Status");
    default: return {};
    }
}

} // namespace sg::ui
