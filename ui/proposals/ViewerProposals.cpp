#include "ui/proposals/ViewerProposals.h"

#include "ui/common/ProposalText.h"
#include "ui/proposals/ProposalWorker.h"
#include "ui/proposals/ScreeningPanel.h"
#include "ui/viewer/SliceViewModel.h"
#include "ui/viewer/ViewerState.h"

#include <QTimer>

namespace sg::ui {

using namespace sg::core;

ViewerProposals::ViewerProposals(ProposalWorker& worker, ViewerState& state, ScreeningPanel& panel, QObject* parent)
    : QObject(parent),
      m_worker(worker),
      m_state(state),
      m_panel(panel),
      m_overlay(state.model().addPatchOverlay(proposalColour(), true, tr("CNN patch (dashed)")))
{
    connect(&m_worker, &ProposalWorker::proposed, this, [this](int k, const SliceProposal& p) {
        if (mine() && k >= 0 && k < static_cast<int>(m_jobTargets.size()))
            onProposed(m_jobTargets[static_cast<size_t>(k)], p);
    });
    connect(&m_worker, &ProposalWorker::failed, this, [this](int k, const QString& why) {
        if (mine() && k >= 0 && k < static_cast<int>(m_jobTargets.size()))
            emit logLine(
                tr("CNN could not propose slice %1: %2").arg(m_jobTargets[static_cast<size_t>(k)] + 1).arg(why));
    });
    connect(&m_worker, &ProposalWorker::progress, this, [this](int done, int total) {
        if (!mine())
            return;
        // The job may cover only what was missing after labeling: count the whole study.
        const int before = m_proposals.size() - total;
        m_panel.setProgress(before + done, m_proposals.size(), true);
    });
    connect(&m_worker, &ProposalWorker::finished, this, [this](bool cancelled) {
        if (!mine())
            return;
        const bool noModel = !m_worker.model();
        m_panel.setProgress(noModel ? 0 : m_proposals.proposedCount(), noModel ? 0 : m_proposals.size(), false);
        refreshLevels();
        if (!cancelled && m_proposals.size() > 0 && m_proposals.proposedCount() == m_proposals.size())
            emit message(tr("CNN proposals for all %1 slices in %2 s.")
                             .arg(m_proposals.size())
                             .arg(static_cast<double>(m_sinceOpen.elapsed()) / 1000.0, 0, 'f', 1));
    });
    connect(&m_worker, &ProposalWorker::modelLoaded, this, [this](const QString& name, const QString& version) {
        const QString banner =
            m_worker.model() ? QString::fromStdString(modelStatusBanner(*m_worker.model())) : QString();
        if (banner.isEmpty() && m_worker.model())
            m_panel.setModelStatus(tr("Model %1, version %2, validated on %3")
                                       .arg(name, version, QString::fromStdString(m_worker.model()->validatedOn)),
                true);
        else
            m_panel.setModelStatus(tr("Model %1, version %2").arg(name, version), true);
        m_panel.setModelBanner(banner);
        emit logLine(tr("CNN model %1 (version %2) loaded.").arg(name, version));
    });
    connect(&m_worker, &ProposalWorker::modelUnavailable, this, [this](const QString& why) {
        m_panel.setModelStatus(tr("CNN proposals are off: %1").arg(why), false);
        m_panel.setModelBanner({});
        m_panel.setProgress(0, 0, false);
        refreshLevels();
        m_overlay->setPatch(std::nullopt);
        m_overlay->setCaption({});
        m_panel.setCurrent(nullptr, true, false);
        if (mine()) {
            emit message(tr("CNN proposals are off: %1").arg(why));
            emit logLine(tr("CNN proposals are off: %1").arg(why));
        }
    });
    connect(&m_panel, &ScreeningPanel::cancelRequested, this, [this] {
        if (!mine())
            return;
        m_worker.cancel();
        m_panel.setProgress(m_proposals.proposedCount(), m_proposals.size(), false);
        emit message(tr("CNN proposals stopped: %1 of %2 slices proposed.")
                         .arg(m_proposals.proposedCount())
                         .arg(m_proposals.size()));
    });
    connect(&m_panel, &ScreeningPanel::resumeRequested, this, [this] {
        if (m_study && m_study == m_state.study()) {
            emit message(tr("CNN proposals resumed."));
            startMissing();
        }
    });
    connect(&m_panel, &ScreeningPanel::jumpTo, this, [this](const SlicePlace& place) {
        m_state.selectSeries(place.series);
        m_state.selectStack(place.stack);
        m_state.selectSlice(place.slice);
    });
    connect(&m_state, &ViewerState::sliceChanged, this, [this] {
        if (mine())
            m_worker.prioritize(currentOrder());
    });
    connect(&m_state, &ViewerState::levelsChanged, this, &ViewerProposals::refreshLevels);
    // Level rows are rebuilt at most a few times a second, not once per slice.
    auto* levelTimer = new QTimer(this);
    levelTimer->setInterval(150);
    connect(levelTimer, &QTimer::timeout, this, [this] {
        if (m_levelsDirty)
            refreshLevels();
    });
    levelTimer->start();
}

bool ViewerProposals::mine() const
{
    return m_worker.owner() == this;
}

bool ViewerProposals::isRunning() const
{
    return mine() && m_worker.isRunning();
}

void ViewerProposals::studyOpened()
{
    m_sinceOpen.start();
    m_study = m_state.study();
    m_proposals.reset(m_study.get());
    refreshLevels();
    showCurrent();
}

void ViewerProposals::stop()
{
    if (mine())
        m_worker.cancel();
    m_panel.setProgress(m_proposals.proposedCount(), m_proposals.size(), false);
}

void ViewerProposals::resume()
{
    if (m_study && m_study == m_state.study())
        startMissing();
}

void ViewerProposals::startMissing()
{
    if (!m_study || m_proposals.size() == 0) {
        m_panel.setProgress(0, 0, false);
        return;
    }
    if (!m_worker.model() && !m_worker.modelError().isEmpty()) {
        // Known unavailable: say so again for this study, do not queue work.
        m_panel.setModelStatus(tr("CNN proposals are off: %1").arg(m_worker.modelError()), false);
        refreshLevels();
        emit message(tr("CNN proposals are off: %1").arg(m_worker.modelError()));
        return;
    }
    ProposalJob job;
    job.keepAlive = m_study;
    m_jobTargets.clear();
    const auto images = m_proposals.images();
    for (int i = 0; i < m_proposals.size(); ++i)
        if (!m_proposals.at(m_proposals.places()[static_cast<size_t>(i)])) {
            m_jobTargets.push_back(i);
            job.targets.push_back({images[static_cast<size_t>(i)], {}, 0});
        }
    if (job.targets.empty())
        return;
    m_panel.setProgress(m_proposals.proposedCount(), m_proposals.size(), true);
    m_worker.start(std::move(job), currentOrder(), this);
}

std::vector<int> ViewerProposals::currentOrder() const
{
    // The order over the whole study, mapped onto the running job's targets.
    const SlicePlace current {m_state.seriesIndex(), m_state.stackIndex(), m_state.sliceIndex()};
    const std::vector<int> all = viewerOrder(m_proposals.places(), current);
    std::vector<int> jobIndex(static_cast<size_t>(m_proposals.size()), -1);
    for (size_t k = 0; k < m_jobTargets.size(); ++k)
        jobIndex[static_cast<size_t>(m_jobTargets[k])] = static_cast<int>(k);
    std::vector<int> order;
    order.reserve(m_jobTargets.size());
    for (int i : all)
        if (jobIndex[static_cast<size_t>(i)] >= 0)
            order.push_back(jobIndex[static_cast<size_t>(i)]);
    return order;
}

void ViewerProposals::onProposed(int index, const SliceProposal& proposal)
{
    m_proposals.set(index, proposal);
    m_levelsDirty = true;
    const SlicePlace& place = m_proposals.places()[static_cast<size_t>(index)];
    if (place == SlicePlace {m_state.seriesIndex(), m_state.stackIndex(), m_state.sliceIndex()}) {
        showCurrent();
        emit currentProposed();
    }
    if (m_proposals.proposedCount() == m_proposals.size()) {
        refreshLevels();
        emit allProposed();
    }
}

void ViewerProposals::showCurrent()
{
    const SlicePlace current {m_state.seriesIndex(), m_state.stackIndex(), m_state.sliceIndex()};
    m_panel.setCurrentStack(current.series, current.stack); // the level on screen is the current row
    const SliceProposal* p = m_proposals.at(current);
    m_overlay->setPatch(p && p->canalFound ? p->patch : std::nullopt);
    // No project: a clinician screening sees the grade (docs/domain.md, the people).
    m_overlay->setCaption(p ? proposalOverlayText(*p, true) : QString());
    const bool pending = m_proposals.indexOf(current) >= 0 && mine() && m_worker.modelError().isEmpty();
    m_panel.setCurrent(p, true, pending);
}

void ViewerProposals::refreshLevels()
{
    m_levelsDirty = false;
    if (m_study)
        m_panel.setLevels(m_proposals.levels(*m_study));
    else
        m_panel.setLevels({});
}

} // namespace sg::ui
