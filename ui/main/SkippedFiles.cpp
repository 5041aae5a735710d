#include "ui/main/SkippedFiles.h"

#include "core/util/PrintableText.h"
#include "ui/main/DemoStudy.h"
#include "ui/viewer/ViewerState.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QStringList>

#include <filesystem>

namespace sg::ui {

QString reportSkippedFiles(const LoadedStudy& study, const std::function<void(const QString&)>& log)
{
    // The demo's answer key (ground_truth.json beside its slices) is there on purpose: not a
    // file to warn about.
    const QString demo = QDir::cleanPath(demoStudyFolder()) + QLatin1Char('/');
    auto demoTruth = [&demo](const QString& file) {
        return QFileInfo(file).fileName() == QLatin1String("ground_truth.json") &&
            QDir::cleanPath(file).startsWith(demo);
    };
    auto printable = [](const std::string& text) { return QString::fromStdString(sg::core::printableText(text)); };
    auto printableName = [](const std::string& file) {
        return QString::fromStdString(sg::core::printableText(std::filesystem::path(file).filename().string()));
    };
    QStringList names;
    for (const auto& s : study.scan.skipped) {
        if (demoTruth(QString::fromStdString(s.file)))
            continue;
        names << printableName(s.file);
        log(QObject::tr("Skipped %1: %2").arg(printable(s.file), printable(s.reason)));
    }
    for (const auto& s : study.failedSlices) {
        names << printableName(s.file);
        log(QObject::tr("Unreadable %1: %2").arg(printable(s.file), printable(s.reason)));
    }
    if (names.isEmpty())
        return {};
    // The files by name (the first few; the log has every one with its reason), not only a count.
    constexpr int kNamed = 3;
    QString suffix = QObject::tr("; skipped (see the log): %1").arg(names.mid(0, kNamed).join(QStringLiteral(", ")));
    if (names.size() > kNamed)
        suffix += QObject::tr(" and %n more", nullptr, static_cast<int>(names.size() - kNamed));
    return suffix;
}

} // namespace sg::ui
