#include "ui/labeling/LabelText.h"

#include <QCoreApplication>
#include <QStringList>

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

} // namespace sg::ui
