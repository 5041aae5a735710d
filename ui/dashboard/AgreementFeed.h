#pragma once
// Follows a project file for the dashboard. A worker thread with its own connection polls
// PRAGMA data_version every ~250 ms (a cheap read that changes whenever any other connection,
// in this process or another, commits); on a change it brings a LiveRatings table up to date
// (O(changes) for labels), derives the agreement report and each analyzer's progress, and
// posts the snapshot to the GUI thread. The GUI thread never waits for SQL or statistics.
// The patient-clustered bootstrap (ClusterBootstrap.h) runs afterwards on a thread of its own,
// on a copy of the counts, and posts the same snapshot with its CIs as `bootstrapped`: a
// refresh of the other figures never waits for it, and a newer snapshot replaces a job that
// has not started (only the latest is bootstrapped).
#include "ui/dashboard/DashboardSnapshot.h"

#include <QObject>
#include <QString>

#include <memory>

namespace sg::ui {

class AgreementFeed : public QObject {
    Q_OBJECT
public:
    explicit AgreementFeed(QObject* parent = nullptr);
    ~AgreementFeed() override; // stops the worker and waits for it

    // Starts following `projectPath` (stopping any previous one). The first snapshot follows
    // at once; then one per change.
    void start(const QString& projectPath, int pollMs = 250);
    void stop();
    bool isRunning() const;
    QString projectPath() const { return m_path; }

signals:
    void updated(std::shared_ptr<const sg::ui::DashboardSnapshot> snapshot);
    // The snapshot of an earlier `updated` (same lastHistoryId) with the bootstrap's CIs.
    void bootstrapped(std::shared_ptr<const sg::ui::DashboardSnapshot> snapshot);
    // The file cannot be opened or read; names the file. The worker keeps trying.
    void failed(const QString& message);

private:
    class Worker;
    std::unique_ptr<Worker> m_worker;
    QString m_path;
};

} // namespace sg::ui
