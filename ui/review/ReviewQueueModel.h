#pragma once
// The review queue as one table model behind the queue panel's view: key, level, kinds,
// grade distance, status; the item on screen is bold. It shows the controller's filtered
// queue as it is (the controller filters and ranks), so the view and next/previous agree.
#include <QAbstractTableModel>

namespace sg::ui {

class ReviewController;

class ReviewQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Key, Level, Kinds, Distance, Status, ColumnCount };
    static constexpr int ItemIdRole = Qt::UserRole + 1;

    explicit ReviewQueueModel(ReviewController& controller, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString kindsText(unsigned kinds); // "grade, canal"

private:
    ReviewController& m_controller;
};

} // namespace sg::ui
