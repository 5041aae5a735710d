#include "ui/charts/RaterColors.h"

#include "ui/charts/ChartStyle.h"

#include <QList>

namespace sg::ui {

namespace {

constexpr int kPalette = 7; // chart::seriesColor's Okabe-Ito colours

// FNV-1a over the UTF-8 bytes: the same name gets the same first choice in every run
// (qHash is seeded per process).
int preferredIndex(const QString& name)
{
    std::uint32_t h = 2166136261u;
    for (char c : name.toUtf8()) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return static_cast<int>(h % kPalette);
}

} // namespace

QColor RaterColors::color(const QString& rater)
{
    if (auto it = m_index.constFind(rater); it != m_index.constEnd())
        return chart::seriesColor(*it);
    const int preferred = preferredIndex(rater);
    const QList<int> taken = m_index.values();
    int index = preferred;
    // The next free colour after the preferred one; past seven raters colours repeat.
    for (int k = 0; k < kPalette; ++k) {
        const int candidate = (preferred + k) % kPalette;
        if (!taken.contains(candidate)) {
            index = candidate;
            break;
        }
    }
    m_index.insert(rater, index);
    return chart::seriesColor(index);
}

} // namespace sg::ui
