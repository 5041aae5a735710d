#include "ui/proposals/ProposalWorker.h"

#include "core/ml/MlPlugin.h"
#include "core/store/ProjectStore.h"
#include "core/util/Progress.h"
#include "ui/common/ImportRoots.h"
#include "ui/common/ProgressPosting.h"
#include "ui/labeling/ItemImageCache.h"

#include <QElapsedTimer>
#include <QThread>

#include <set>

namespace sg::ui {

using namespace sg::core;

namespace {
constexpr size_t kStoreBatch = 32; // predictions per transaction
constexpr qint64 kStoreIntervalMs = 300; // or sooner: a labeling view waits for them
} // namespace

ModelLoader shippedModelLoader()
{
    return [] { return ProposalModel::load(defaultModelDirectory()); };
}

Prediction toPrediction(const SliceProposal& proposal, std::int64_t itemId, const ModelInfo& model)
{
    Prediction p;
    p.itemId = itemId;
    p.modelName = model.name;
    p.modelVersion = model.version;
    if (proposal.canalFound) {
        p.patch = proposal.patch;
        p.canalProbabilities.assign(proposal.canal.begin(), proposal.canal.end());
        p.gradeProbabilities.assign(proposal.grade.begin(), proposal.grade.end());
    }
    return p;
}

// One job as the thread sees it. The order can change while it runs (prioritize()).
struct ProposalWorker::Run {
    ProposalJob job;
    int generation = 0;
    sg::core::Progress progress; // cancel() ends the run between slices
    std::mutex mutex;
    std::vector<int> order;
    std::vector<char> taken;
    bool urgent = true; // the head of a new order is on screen: run it alone, store it at once
    int requests = 0; // prioritize() calls so far

    // The next targets to run: one after a (re)prioritisation, else up to `n`.
    std::vector<int> take(size_t n, bool& isUrgent, int& requestsSeen)
    {
        std::lock_guard lock(mutex);
        isUrgent = urgent;
        requestsSeen = requests;
        const size_t limit = urgent ? 1 : n;
        urgent = false;
        std::vector<int> out;
        for (int i : order) {
            if (i < 0 || static_cast<size_t>(i) >= taken.size() || taken[static_cast<size_t>(i)])
                continue;
            taken[static_cast<size_t>(i)] = 1;
            out.push_back(i);
            if (out.size() == limit)
                break;
        }
        return out;
    }
};

ProposalWorker::ProposalWorker(ModelLoader loader, QObject* parent) : QObject(parent), m_loader(std::move(loader))
{
    m_thread = QThread::create([this] { loop(); });
    m_thread->setObjectName(QStringLiteral("proposals"));
    m_thread->start(QThread::LowPriority); // the GUI and the study loader come first
}

ProposalWorker::~ProposalWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
        if (m_run)
            m_run->progress.cancel();
    }
    m_wake.notify_all();
    m_thread->wait();
    delete m_thread;
}

template <typename Fn>
void ProposalWorker::post(int generation, Fn fn)
{
    postIfAlive(QPointer<ProposalWorker>(this), [generation, fn = std::move(fn)](ProposalWorker* w) {
        if (w->m_generation == generation)
            fn(w);
    });
}

void ProposalWorker::start(ProposalJob job, std::vector<int> order, const QObject* owner)
{
    m_owner = owner;
    m_running = true;
    auto run = std::make_shared<Run>();
    run->generation = ++m_generation;
    run->taken.assign(job.targets.size(), 0);
    run->order = std::move(order);
    run->job = std::move(job);
    m_total = static_cast<int>(run->job.targets.size());
    m_done = 0;
    m_requests = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_run)
            m_run->progress.cancel();
        m_run = run;
    }
    m_wake.notify_all();
}

void ProposalWorker::preloadPlugin()
{
    {
        std::lock_guard lock(m_mutex);
        m_preload = true;
    }
    m_wake.notify_all();
}

void ProposalWorker::prioritize(std::vector<int> order)
{
    std::shared_ptr<Run> run;
    {
        std::lock_guard lock(m_mutex);
        run = m_run;
    }
    if (!run || run->generation != m_generation)
        return;
    std::lock_guard lock(run->mutex);
    run->order = std::move(order);
    run->urgent = true;
    m_requests = ++run->requests;
}

void ProposalWorker::cancel()
{
    ++m_generation; // whatever the thread still posts is dropped
    m_owner = nullptr;
    m_running = false;
    std::lock_guard lock(m_mutex);
    if (m_run) {
        m_run->progress.cancel();
        m_run.reset();
    }
}

void ProposalWorker::loop()
{
    std::unique_ptr<ProposalModel> model;
    bool loadTried = false;
    std::string loadError;
    int lastGeneration = 0;
    for (;;) {
        std::shared_ptr<Run> run;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_quit || m_preload || (m_run && m_run->generation != lastGeneration); });
            if (m_quit)
                return;
            if (m_preload && !(m_run && m_run->generation != lastGeneration)) {
                m_preload = false;
                lock.unlock();
                // The plugin only (LibTorch's start-up); its error, if any, is the model's
                // when the first job loads the model.
                (void)sg::core::mlBackend();
                continue;
            }
            m_preload = false;
            run = m_run; // stays in m_run: prioritize() reorders it while it runs
            lastGeneration = run->generation;
            m_busy = true;
        }
        // Loading is here too: a TorchScript archive takes a while, and the model is this
        // thread's. A model that failed to load is not retried until the program restarts.
        if (!loadTried) {
            loadTried = true;
            try {
                auto loaded = m_loader();
                if (loaded)
                    model = std::move(*loaded);
                else
                    loadError = loaded.error();
            } catch (const std::exception& e) {
                loadError = e.what();
            }
            if (model) {
                const ModelInfo info = model->info();
                postIfAlive(QPointer<ProposalWorker>(this), [info](ProposalWorker* w) {
                    w->m_model = info;
                    emit w->modelLoaded(QString::fromStdString(info.name), QString::fromStdString(info.version));
                });
            }
        }
        if (!model) {
            const QString why = QString::fromStdString(loadError);
            post(run->generation, [why](ProposalWorker* w) {
                w->m_modelError = why;
                w->m_running = false;
                emit w->modelUnavailable(why);
                emit w->finished(false);
            });
        } else if (!run->progress.cancelled()) {
            process(*run, *model);
        }
        m_busy = false;
    }
}

void ProposalWorker::process(Run& run, ProposalModel& model)
{
    const int generation = run.generation;
    const int total = static_cast<int>(run.job.targets.size());
    int done = 0;
    // Every report repaints the status bar and the dock, which re-composes the whole window
    // (tens of ms in software GL) on the cores inference needs: four a second are enough.
    auto throttle = std::make_shared<ProgressThrottle>(250);
    auto reportProgress = [&] {
        if (throttle->shouldPost(done, total))
            post(generation, [done, total](ProposalWorker* w) {
                w->m_done = done;
                emit w->progress(done, total);
            });
    };
    reportProgress();

    // The worker's own connection: one SQLite connection per thread.
    std::unique_ptr<ProjectStore> store;
    if (!run.job.projectPath.isEmpty()) {
        auto opened = ProjectStore::open(run.job.projectPath.toStdString(), projectOpenOptions(run.job.projectPath));
        if (!opened) {
            const QString why = QString::fromStdString(opened.error());
            post(generation, [why](ProposalWorker* w) { emit w->storeFailed(why); });
        } else {
            store = std::move(*opened);
            // Items this model version already predicted are not run again.
            auto known = store->predictedItems(model.info().name, model.info().version);
            if (known && !known->empty()) {
                const std::set<std::int64_t> have(known->begin(), known->end());
                std::vector<std::int64_t> skipped;
                std::lock_guard lock(run.mutex);
                for (size_t i = 0; i < run.job.targets.size(); ++i)
                    if (have.count(run.job.targets[i].itemId)) {
                        run.taken[i] = 1;
                        skipped.push_back(run.job.targets[i].itemId);
                    }
                done = static_cast<int>(skipped.size());
                post(generation, [skipped](ProposalWorker* w) { emit w->stored(skipped); });
            }
        }
    }

    std::vector<Prediction> pending;
    QElapsedTimer sinceFlush;
    sinceFlush.start();
    auto flush = [&] {
        if (!store || pending.empty())
            return;
        const Status saved = store->savePredictions(pending);
        std::vector<std::int64_t> ids;
        for (const Prediction& p : pending)
            ids.push_back(p.itemId);
        pending.clear();
        sinceFlush.restart();
        if (!saved) {
            const QString why = QString::fromStdString(saved.error());
            post(generation, [why](ProposalWorker* w) { emit w->storeFailed(why); });
            return;
        }
        post(generation, [ids](ProposalWorker* w) { emit w->stored(ids); });
    };

    while (!run.progress.cancelled()) {
        bool urgent = false;
        int requests = 0;
        const std::vector<int> batch = run.take(m_batchSize.load(), urgent, requests);
        if (batch.empty())
            break;
        emit batchTaken(batch, requests); // outside every lock: a direct receiver may block
        // Items of a project are read here; the viewer's study is already in memory.
        std::vector<ItemImage> read(batch.size());
        std::vector<const SliceImage*> images;
        std::vector<int> indices;
        for (size_t k = 0; k < batch.size(); ++k) {
            const ProposalTarget& t = run.job.targets[static_cast<size_t>(batch[k])];
            const SliceImage* image = t.image;
            if (!image && !t.file.isEmpty()) {
                read[k] = loadItemImage(t.file);
                if (!read[k].error.isEmpty()) {
                    const QString why = t.file + QStringLiteral(": ") + read[k].error;
                    post(generation, [index = batch[k], why](ProposalWorker* w) { emit w->failed(index, why); });
                    ++done;
                    continue;
                }
                image = &read[k].image;
            }
            if (!image || image->empty()) {
                post(generation,
                    [index = batch[k]](ProposalWorker* w) { emit w->failed(index, tr("the slice has no pixels")); });
                ++done;
                continue;
            }
            images.push_back(image);
            indices.push_back(batch[k]);
        }
        std::vector<Result<SliceProposal>> results;
        if (images.size() > 1) {
            if (auto all = model.proposeBatch(images); all && all->size() == images.size())
                for (SliceProposal& p : *all)
                    results.emplace_back(std::move(p));
        }
        if (results.size() != images.size()) { // one at a time, so one bad slice fails alone
            results.clear();
            for (const SliceImage* image : images)
                results.push_back(model.propose(*image));
        }
        for (size_t k = 0; k < indices.size(); ++k) {
            const int index = indices[k];
            ++done;
            if (!results[k]) {
                const QString why = QString::fromStdString(results[k].error());
                post(generation, [index, why](ProposalWorker* w) { emit w->failed(index, why); });
                continue;
            }
            const SliceProposal proposal = *results[k];
            post(generation, [index, proposal](ProposalWorker* w) { emit w->proposed(index, proposal); });
            if (store && run.job.targets[static_cast<size_t>(index)].itemId != 0)
                pending.push_back(
                    toPrediction(proposal, run.job.targets[static_cast<size_t>(index)].itemId, model.info()));
        }
        if (urgent || pending.size() >= kStoreBatch || sinceFlush.elapsed() >= kStoreIntervalMs)
            flush();
        reportProgress();
    }
    flush(); // what was computed before a cancel is still a valid prediction
    const bool cancelled = run.progress.cancelled();
    post(generation, [done, total, cancelled](ProposalWorker* w) {
        w->m_done = done;
        w->m_running = false;
        emit w->progress(done, total);
        emit w->finished(cancelled);
    });
}

} // namespace sg::ui
