#pragma once
// Runs the CNN over the slices of a study (viewer) or a project's items (labeling) on one
// worker thread that owns the model: it loads the model there, takes the slices in the order
// it is given (re-prioritised when the user moves) and reports each proposal to the GUI
// thread. With a project, proposals are stored as predictions from the worker's own
// connection, in batches. One job at a time: a new start() cancels the previous one, and
// results of a cancelled job never reach the GUI.
#include "core/ml/ProposalModel.h"
#include "core/store/ProjectTypes.h"

#include <QObject>
#include <QString>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

class QThread;

namespace sg::ui {

struct ProposalTarget {
    const sg::core::SliceImage* image = nullptr; // pixels in memory (the viewer's study), or
    QString file; // a file the worker reads (a project's item)
    std::int64_t itemId = 0; // the project's item: stored as its prediction when non-zero
};

struct ProposalJob {
    std::vector<ProposalTarget> targets;
    std::shared_ptr<const void> keepAlive; // what the image pointers point into
    QString projectPath; // store the predictions in this project (empty: memory only)
};

using ModelLoader = std::function<sg::core::Result<std::unique_ptr<sg::core::ProposalModel>>()>;
// The shipped model: ProposalModel::load(defaultModelDirectory()).
ModelLoader shippedModelLoader();

// The prediction a proposal becomes: no canal found -> no patch and no probabilities (the
// model makes no claim a rater could be compared on).
sg::core::Prediction toPrediction(
    const sg::core::SliceProposal& proposal, std::int64_t itemId, const sg::core::ModelInfo& model);

class ProposalWorker : public QObject {
    Q_OBJECT
public:
    explicit ProposalWorker(ModelLoader loader, QObject* parent = nullptr);
    ~ProposalWorker() override; // cancels and waits for the thread

    // Starts a job (cancelling any other); `order` lists target indices, most urgent first.
    // `owner` says whose job it is: the viewer and the labeling mode share this worker.
    void start(ProposalJob job, std::vector<int> order, const QObject* owner);
    // The user moved: the targets not started yet are taken in this order from now on.
    void prioritize(std::vector<int> order);
    void cancel();
    // Loads the ML plugin (LibTorch) on the worker thread now, so the first proposals do not
    // wait for Torch's start-up; the caller does not wait. A job's model load does it anyway.
    void preloadPlugin();
    // Slices per forward pass after the urgent one. A call costs far more than a slice on a
    // busy 2-core machine (measured: 17 slices in 4.2 s in batches of 4, 0.64 s in one of 16),
    // so batches are large; a move waits for at most one batch.
    void setBatchSize(size_t slices) { m_batchSize = std::max<size_t>(1, slices); }
    static constexpr size_t kDefaultBatch = 32;
    const QObject* owner() const { return m_owner; } // nullptr after cancel()
    // The current job was started and its finished() has not arrived yet (GUI thread).
    bool isRunning() const { return m_running; }
    bool isBusy() const { return m_busy.load(); } // the thread is working (any job)
    // How many prioritize() requests the current job has had (GUI thread); batchTaken()
    // reports how many of them the worker had seen when it took a batch.
    int prioritizeRequests() const { return m_requests; }
    int total() const { return m_total; }
    int done() const { return m_done; }
    // After modelLoaded(): the model's name and version; before it or on failure: nullopt.
    const std::optional<sg::core::ModelInfo>& model() const { return m_model; }
    const QString& modelError() const { return m_modelError; }

signals:
    void modelLoaded(const QString& name, const QString& version);
    void modelUnavailable(const QString& why);
    void proposed(int index, const sg::core::SliceProposal& proposal);
    void failed(int index, const QString& why);
    void stored(const std::vector<std::int64_t>& itemIds); // committed to the project
    void storeFailed(const QString& why);
    void progress(int done, int total);
    void finished(bool cancelled);
    // The synchronisation point of the order the worker guarantees: emitted on the worker
    // thread as it takes a batch (before running it), with the number of prioritize()
    // requests it had seen then. The first batch taken after a request is the head of the
    // new order alone (the first of it not taken yet). A Qt::DirectConnection runs on the
    // worker thread and may hold it there (the tests do); any other connection is queued.
    void batchTaken(const std::vector<int>& indices, int prioritizeRequests);

private:
    struct Run;
    void loop(); // the worker thread
    void process(Run& run, sg::core::ProposalModel& model);
    // Queues `fn` on the GUI thread; it runs only if `generation` is still the current job.
    template <typename Fn>
    void post(int generation, Fn fn);

    ModelLoader m_loader;
    QThread* m_thread = nullptr;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::shared_ptr<Run> m_run; // the job the thread should work on
    bool m_quit = false;
    bool m_preload = false;
    std::atomic<bool> m_busy {false};
    std::atomic<size_t> m_batchSize {kDefaultBatch};
    int m_generation = 0; // GUI thread only
    int m_requests = 0; // prioritize() calls of the current job (GUI thread)
    const QObject* m_owner = nullptr;
    bool m_running = false;
    int m_total = 0, m_done = 0;
    std::optional<sg::core::ModelInfo> m_model;
    QString m_modelError;
};

} // namespace sg::ui
