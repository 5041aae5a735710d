#include "ui/main/StudyLoader.h"

#include "core/dicom/DicomScanner.h"
#include "ui/common/StartupTrace.h"

#include <QCoreApplication>

namespace sg::ui {

std::shared_ptr<LoadedStudy> loadStudy(const QString& path, sg::core::Progress& progress)
{
    auto study = std::make_shared<LoadedStudy>();
    study->path = path;
    sg::core::Progress scanning =
        progress.step(QCoreApplication::translate("StudyLoader", "Scanning files").toStdString());
    startupMark("scan begins");
    study->scan = sg::core::scanPath(path.toStdString(), {}, scanning);
    startupMark("scan done");
    if (study->scan.cancelled || progress.cancelled()) {
        study->cancelled = true;
        return study;
    }
    int total = study->scan.sliceCount(), base = 0;
    uint64_t studyBytes = 0; // one decoded-pixel budget for all series (ReaderLimits::maxStudyBytes)
    const std::string reading = QCoreApplication::translate("StudyLoader", "Reading slices").toStdString();
    for (size_t s = 0; s < study->scan.studies.size(); ++s) {
        auto& seriesList = study->scan.studies[s].series;
        for (size_t k = 0; k < seriesList.size(); ++k) {
            LoadedStudy::SeriesEntry entry;
            entry.study = static_cast<int>(s);
            entry.series = static_cast<int>(k);
            sg::core::LoadControl control;
            control.studyBytes = &studyBytes;
            // A series' slices count on from the series before: one bar for the study.
            sg::core::Progress series(
                [&](int64_t done, int64_t, const std::string&) { progress.report(base + done, total, reading); },
                &progress);
            entry.pixels = sg::core::loadSeries(seriesList[k], control, series);
            base += seriesList[k].sliceCount();
            if (entry.pixels.cancelled) {
                study->cancelled = true;
                return study;
            }
            std::vector<const sg::core::SliceImage*> images;
            for (const auto& st : entry.pixels.stacks)
                for (const auto& img : st.slices)
                    if (!img.empty())
                        images.push_back(&img);
            entry.stats = sg::core::intensityStats(images);
            study->failedSlices.insert(
                study->failedSlices.end(), entry.pixels.failed.begin(), entry.pixels.failed.end());
            study->series.push_back(std::move(entry));
        }
    }
    startupMark("pixels read");
    return study;
}

} // namespace sg::ui
