#pragma once
// A colour per rater that does not move: the first time a name is seen it takes a palette
// colour chosen by a hash of the name (the next free one when that is taken), and keeps it
// for as long as this object lives. A rater joining later (a new analyzer, a new model)
// takes a free colour and never shifts the others, whatever its name sorts as.
#include <QColor>
#include <QHash>
#include <QString>

namespace sg::ui {

class RaterColors {
public:
    QColor color(const QString& rater); // assigns on first ask
    int assigned() const { return static_cast<int>(m_index.size()); }

private:
    QHash<QString, int> m_index; // rater -> palette index
};

} // namespace sg::ui
