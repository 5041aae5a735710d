#pragma once
// The CNN in the plain viewer (clinician screening, no project): runs the worker over the
// open study as soon as it loads, the slice on screen first, keeps the proposals in memory,
// draws the current slice's proposal and keeps the screening panel's level summary current.
// Grades are always shown here: there is no project whose blinding could forbid them.
#include "ui/proposals/StudyProposals.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

namespace sg::ui {

class ProposalWorker;
class ScreeningPanel;
class PatchOverlay;
class ViewerState;

class ViewerProposals : public QObject {
    Q_OBJECT
public:
    // Draws into the viewer's model (state.model()): one dashed overlay, the CNN's.
    ViewerProposals(ProposalWorker& worker, ViewerState& state, ScreeningPanel& panel, QObject* parent = nullptr);

    // The state holds a newly loaded study: start proposing it.
    void studyOpened();
    // The study is closing (another opens, labeling takes the view): cancel the worker.
    void stop();
    // Labeling gave the view back: propose what is still missing.
    void resume();
    bool isRunning() const;
    const StudyProposals& proposals() const { return m_proposals; }
    // Draws the current slice's proposal (or nothing) and shows it in the panel.
    void showCurrent();
    const PatchOverlay& overlay() const { return *m_overlay; }

signals:
    void message(const QString& text); // status bar
    void logLine(const QString& text); // the log panel
    void currentProposed(); // the slice on screen has its proposal (drawn)
    void allProposed(); // every slice of the study is proposed

private:
    void startMissing();
    std::vector<int> currentOrder() const;
    void onProposed(int index, const sg::core::SliceProposal& proposal);
    void refreshLevels();
    bool mine() const;

    ProposalWorker& m_worker;
    ViewerState& m_state;
    PatchOverlay* m_overlay; // owned by the viewer's model
    ScreeningPanel& m_panel;
    StudyProposals m_proposals;
    std::shared_ptr<LoadedStudy> m_study; // what the proposals belong to
    std::vector<int> m_jobTargets; // the running job's target k is proposal index m_jobTargets[k]
    bool m_levelsDirty = false;
    QElapsedTimer m_sinceOpen;
};

} // namespace sg::ui
