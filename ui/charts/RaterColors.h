#pragma once
// The one place that decides a rater's colour: the dashboard's charts, the report's charts and
// review's patch overlays all ask it, so an analyzer is the same colour wherever the lead looks.
// Analyzers take the colour-blind-safe Okabe-Ito colours (chart::seriesColor) in the order they
// joined the project (the analyzer table's ids: blue, orange, bluish green, ...), so the colours
// are the same in every view and every run, and an analyzer who joins later takes the next colour
// without moving anyone's. A model (the CNN) and the consensus are not analyzers and keep fixed
// colours of their own (review also draws a model's patch dashed and the consensus' white).
#include <QColor>
#include <QHash>
#include <QString>
#include <QStringList>

namespace sg::ui {

class RaterColors {
public:
    RaterColors() = default;
    // The project's analyzers (not its leads) in the order they joined (ProjectStore::analyzers).
    explicit RaterColors(const QStringList& analyzersJoined);

    // An analyzer's colour; any other name is a model's, "consensus" the consensus'.
    QColor color(const QString& rater) const;

    static QColor modelColor(); // grey: reads on a dark slice and on white paper
    static QColor consensusColor(); // black, in charts (review draws the consensus patch white)

private:
    QHash<QString, int> m_index; // analyzer -> palette index
};

// RaterColors(analyzersJoined).color(rater).
QColor raterColor(const QString& rater, const QStringList& analyzersJoined);

} // namespace sg::ui
