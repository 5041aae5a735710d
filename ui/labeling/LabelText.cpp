#include "ui/labeling/LabelText.h"

#include <QCoreApplication>

#include <QStringList>
#include <cmath>

namespace sg::ui {

using namespace sg::core;

namespace {
const QString kSkipPrefix = QStringLiteral("skipped: ");
}

QString skipComment(const QString& reason)
{
    return kSkipPrefix + reason.trimmed();
}

bool isSkip(const Label& label)
{
    return !label.canal && !label.grade && QString::fromStdString(label.comment).startsWith(kSkipPrefix);
}

QString describe(const Label& l)
{
    if (isSkip(l))
        return QString::fromStdString(l.comment);
    QStringList parts;
    parts << (l.canal ? QString::fromStdString(std::string(canalName(*l.canal)))
                      : QCoreApplication::translate("LabelText", "canal not set"));
    if (l.grade)
        parts << QCoreApplication::translate("LabelText", "grade %1")
                     .arg(QString::fromStdString(
                         l.subgrade ? subgradeName(*l.subgrade) : std::string(gradeName(*l.grade))));
    return parts.join(QStringLiteral(", "));
}

QString patchText(const std::optional<Patch>& p, double columnSpacing, double rowSpacing)
{
    if (!p)
        return QCoreApplication::translate("LabelText", "none");
    // Whole pixels: sub-pixel digits ("71.4704") are noise to a reader.
    auto px = [](double v) { return QString::number(std::lround(v)); };
    QString text = QCoreApplication::translate("LabelText", "%1 × %2 px").arg(px(p->w), px(p->h));
    if (columnSpacing > 0 && rowSpacing > 0)
        text += QCoreApplication::translate("LabelText", " (%1 × %2 mm)")
                    .arg(p->w * columnSpacing, 0, 'f', 1)
                    .arg(p->h * rowSpacing, 0, 'f', 1);
    return text + QCoreApplication::translate("LabelText", " at x %1, y %2").arg(px(p->x), px(p->y));
}

} // namespace sg::ui
