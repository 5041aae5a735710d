#include "ui/charts/RaterColors.h"

#include "core/labels/RaterName.h"
#include "ui/charts/ChartStyle.h"

namespace sg::ui {

RaterColors::RaterColors(const QStringList& analyzersJoined)
{
    for (const QString& name : analyzersJoined)
        if (!m_index.contains(name))
            m_index.insert(name, static_cast<int>(m_index.size())); // past seven the colours repeat
}

QColor RaterColors::color(const QString& rater) const
{
    if (auto it = m_index.constFind(rater); it != m_index.constEnd())
        return chart::seriesColor(*it);
    return rater == QLatin1String(sg::core::kConsensusRater) ? consensusColor() : modelColor();
}

QColor RaterColors::modelColor()
{
    return QColor(0x99, 0x99, 0x99);
}

QColor RaterColors::consensusColor()
{
    return QColor(0x00, 0x00, 0x00);
}

QColor raterColor(const QString& rater, const QStringList& analyzersJoined)
{
    return RaterColors(analyzersJoined).color(rater);
}

} // namespace sg::ui
