#pragma once
// The signed-in user's worklist as a table (position, level, status) for the worklist dock,
// and the proxy that filters it by level and status. Statuses are the user's own labels
// only: an analyzer's worklist never reveals whether another analyzer labeled an item.
#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <cstdint>

namespace sg::ui {

class LabelingController;

class WorklistModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Position, Level, Status, ColumnCount };
    static constexpr int ItemIdRole = Qt::UserRole + 1;
    static constexpr int LevelRole = Qt::UserRole + 2; // level name, "" if unassigned
    static constexpr int StatusRole = Qt::UserRole + 3; // int(ItemStatus)

    explicit WorklistModel(LabelingController& controller, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void reset(); // a project was opened or closed
    void refreshStatuses(); // labels changed
    void refreshCurrent(); // the current item changed (bold row)

private:
    LabelingController& m_controller;
    int m_rows = 0;
    int m_current = -1;
};

class WorklistFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setLevel(const QString& level); // empty: all; "unassigned" is its own level
    void setStatus(int status); // -1: all, else int(ItemStatus)

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_level;
    int m_status = -1;
};

} // namespace sg::ui
