#include "ui/proposals/LabelingProposals.h"

#include "ui/labeling/LabelingController.h"
#include "ui/proposals/ProposalOrder.h"
#include "ui/proposals/ProposalWorker.h"

#include <algorithm>

namespace sg::ui {

LabelingProposals::LabelingProposals(ProposalWorker& worker, LabelingController& controller, QObject* parent)
    : QObject(parent), m_worker(worker), m_controller(controller)
{
    connect(&m_worker, &ProposalWorker::stored, this, [this](const std::vector<std::int64_t>& ids) {
        if (!mine())
            return;
        m_stored += static_cast<int>(ids.size());
        emit progress(m_stored, m_total, true);
        const auto* item = m_controller.item();
        if (item && std::find(ids.begin(), ids.end(), item->id) != ids.end())
            m_controller.reloadProposal();
    });
    connect(&m_worker, &ProposalWorker::storeFailed, this, [this](const QString& why) {
        if (!mine())
            return;
        emit message(tr("CNN predictions could not be stored: %1").arg(why));
        emit logLine(tr("CNN predictions could not be stored: %1").arg(why));
    });
    connect(&m_worker, &ProposalWorker::failed, this, [this](int, const QString& why) {
        if (mine())
            emit logLine(tr("CNN could not propose an item: %1").arg(why));
    });
    connect(&m_worker, &ProposalWorker::finished, this, [this](bool) {
        if (mine())
            emit progress(m_stored, m_total, false);
    });
    connect(&m_worker, &ProposalWorker::modelUnavailable, this, [this](const QString& why) {
        if (!mine())
            return;
        emit message(tr("CNN proposals are off: %1").arg(why));
        emit logLine(tr("CNN proposals are off: %1").arg(why));
        emit progress(0, 0, false);
    });
    connect(&m_controller, &LabelingController::itemChanged, this, [this] {
        if (mine())
            m_worker.prioritize(currentOrder());
    });
}

bool LabelingProposals::mine() const
{
    return m_worker.owner() == this;
}

bool LabelingProposals::isRunning() const
{
    return mine() && m_worker.isRunning();
}

void LabelingProposals::start()
{
    m_stored = 0;
    m_total = 0;
    // A reader kit brings the CNN's rows the lead chose to send (in a blind study only its
    // patch); running the model here would write what the kit left out into the analyzer's file.
    if (!m_controller.isOpen() || m_controller.isReaderKit())
        return;
    if (!m_worker.model() && !m_worker.modelError().isEmpty()) {
        emit message(tr("CNN proposals are off: %1").arg(m_worker.modelError()));
        return;
    }
    ProposalJob job;
    job.projectPath = m_controller.projectPath();
    for (std::int64_t id : m_controller.order()) { // target k is worklist position k
        const auto* item = m_controller.itemById(id);
        job.targets.push_back({nullptr, item ? QString::fromStdString(item->file) : QString(), id});
    }
    m_total = static_cast<int>(job.targets.size());
    if (job.targets.empty())
        return;
    emit progress(0, m_total, true);
    m_worker.start(std::move(job), currentOrder(), this);
}

void LabelingProposals::stop()
{
    if (mine())
        m_worker.cancel();
    emit progress(m_stored, m_total, false);
}

std::vector<int> LabelingProposals::currentOrder() const
{
    // Targets are the worklist order itself, so worklist positions are target indices.
    return worklistOrder(static_cast<int>(m_controller.order().size()), m_controller.position());
}

} // namespace sg::ui
