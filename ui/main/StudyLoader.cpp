#include "ui/main/StudyLoader.h"

#include "ui/main/ProgressPosting.h"

#include "core/dicom/DicomScanner.h"

#include <QtConcurrent/QtConcurrent>

namespace sg::ui {

std::shared_ptr<LoadedStudy> loadStudy(
    const QString& path, const std::atomic<bool>& cancel, const std::function<void(int, int, const QString&)>& progress)
{
    auto study = std::make_shared<LoadedStudy>();
    study->path = path;
    const QString scanning = QCoreApplication::translate("StudyLoader", "Scanning files");
    study->scan = sg::core::scanPath(path.toStdString(), [&](int done, int total) {
        if (progress)
            progress(done, total, scanning);
        return !cancel.load();
    });
    if (study->scan.cancelled || cancel.load()) {
        study->cancelled = true;
        return study;
    }
    int total = study->scan.sliceCount(), base = 0;
    uint64_t studyBytes = 0; // one decoded-pixel budget for all series (ReaderLimits::maxStudyBytes)
    const QString reading = QCoreApplication::translate("StudyLoader", "Reading slices");
    for (size_t s = 0; s < study->scan.studies.size(); ++s) {
        auto& seriesList = study->scan.studies[s].series;
        for (size_t k = 0; k < seriesList.size(); ++k) {
            LoadedStudy::SeriesEntry entry;
            entry.study = static_cast<int>(s);
            entry.series = static_cast<int>(k);
            sg::core::LoadControl control;
            control.cancel = &cancel;
            control.studyBytes = &studyBytes;
            control.progress = [&](int done, int) {
                if (progress)
                    progress(base + done, total, reading);
            };
            entry.pixels = sg::core::loadSeries(seriesList[k], control);
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
    return study;
}

StudyLoader::StudyLoader(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_watcher.future().resultCount() > 0)
            emit finished(m_watcher.result());
    });
}

StudyLoader::~StudyLoader()
{
    cancel();
    m_watcher.waitForFinished();
}

void StudyLoader::start(const QString& path)
{
    cancel();
    m_watcher.waitForFinished();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancelFlag = m_cancel;
    QPointer<StudyLoader> self(this);
    auto throttle = std::make_shared<ProgressThrottle>();
    m_watcher.setFuture(QtConcurrent::run([path, cancelFlag, self, throttle] {
        return loadStudy(path, *cancelFlag, [self, throttle](int done, int total, const QString& phase) {
            if (throttle->shouldPost(done, total))
                postIfAlive(self, [=](StudyLoader* loader) { emit loader->progress(done, total, phase); });
        });
    }));
}

void StudyLoader::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

bool StudyLoader::isRunning() const
{
    return m_watcher.isRunning();
}

} // namespace sg::ui
