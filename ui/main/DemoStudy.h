#pragma once
// The built-in demo study: one synthetic patient, generated on first use into the user's
// data folder (XDG), then opened like any study.
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace sg::ui {

// $XDG_DATA_HOME/spinegrade/demo-study (~/.local/share/spinegrade/demo-study).
QString demoStudyFolder();
bool demoStudyReady(); // generated completely before

// Generates the demo study on a worker thread, with progress and cancel. It is written
// to a temporary folder and renamed when complete, so a killed run leaves no half study.
class DemoGenerator : public QObject {
    Q_OBJECT
public:
    explicit DemoGenerator(QObject* parent = nullptr);
    ~DemoGenerator() override;
    void start();
    void cancel();
    bool isRunning() const;

signals:
    void progress(int done, int total);
    void finished(const QString& folder, const QString& error); // error empty on success

private:
    QFutureWatcher<QString> m_watcher; // result: error message, empty on success
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace sg::ui
