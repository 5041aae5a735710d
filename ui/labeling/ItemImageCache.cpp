#include "ui/labeling/ItemImageCache.h"

#include "core/dicom/SliceLoader.h"
#include "core/store/ReaderKit.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

namespace sg::ui {

ItemImage loadItemImage(const QString& file)
{
    using namespace sg::core;
    ItemImage out;
    // Header and pixels are read by the DICOM reader helpers, like every file the program
    // reads: a file changed or damaged since the import costs that item, not the program.
    Result<SliceImage> image = readSliceFile(file.toStdString());
    if (!image) {
        out.error = QString::fromStdString(image.error());
        return out;
    }
    out.image = std::move(*image);
    out.stats = intensityStats({&out.image}); // on the reader's thread: the histogram is not free
    return out;
}

ItemImage loadKitItemImage(const QString& kitFile, std::int64_t itemId)
{
    ItemImage out;
    sg::core::Result<sg::core::SliceImage> image = sg::core::readKitImage(kitFile.toStdString(), itemId);
    if (!image) {
        out.error = QString::fromStdString(image.error());
        return out;
    }
    out.image = std::move(*image);
    out.stats = sg::core::intensityStats({&out.image});
    return out;
}

ItemImageCache::ItemImageCache(QObject* parent, int capacity) : ItemImageCache(parent, capacity, {}, loadItemImage) { }

ItemImageCache::ItemImageCache(QObject* parent, int capacity, Executor executor, Loader loader)
    : QObject(parent), m_executor(std::move(executor)), m_loader(std::move(loader)), m_capacity(std::max(capacity, 2))
{
    // Its own pool: the global one may be busy with a study scan.
    m_pool.setMaxThreadCount(2);
    // Threads that never expire: Qt 6.4 restarts an expired pool thread without waiting for it
    // to end, and a job handed to a thread still ending never runs (fixed in later Qt).
    m_pool.setExpiryTimeout(-1);
    if (!m_executor)
        m_executor = [this](std::function<ImagePtr()> job) { return QtConcurrent::run(&m_pool, std::move(job)); };
}

ItemImageCache::~ItemImageCache()
{
    m_pool.clear();
    m_pool.waitForDone();
}

std::shared_ptr<const ItemImage> ItemImageCache::get(std::int64_t itemId, const QString& file)
{
    m_wanted = itemId;
    if (auto it = m_images.find(itemId); it != m_images.end()) {
        m_recent.removeOne(itemId);
        m_recent.append(itemId);
        return *it;
    }
    start(itemId, file);
    return nullptr;
}

void ItemImageCache::prefetch(const std::vector<std::pair<std::int64_t, QString>>& items)
{
    for (const auto& [id, file] : items)
        if (!m_images.contains(id))
            start(id, file);
}

void ItemImageCache::clear()
{
    // No QThreadPool::clear(): a queued job it deletes leaves its future unfinished forever.
    // Jobs of the old generation run, see they are stale, and return at once.
    m_liveGeneration->store(++m_generation);
    m_images.clear();
    m_recent.clear();
    m_pending.clear();
    m_wanted = -1;
}

void ItemImageCache::setKitFile(const QString& kitFile)
{
    clear();
    m_kitFile = kitFile;
}

void ItemImageCache::start(std::int64_t itemId, const QString& file)
{
    if (m_pending.contains(itemId))
        return;
    m_pending.insert(itemId);
    const int generation = m_generation;
    auto job = [file, load = m_loader, live = m_liveGeneration, generation, kit = m_kitFile, itemId]() -> ImagePtr {
        if (live->load() != generation)
            return nullptr; // cleared before it ran: nobody waits for it
        // An exception would skip the continuation and leave the id pending forever.
        try {
            return std::make_shared<const ItemImage>(kit.isEmpty() ? load(file) : loadKitItemImage(kit, itemId));
        } catch (const std::exception& e) {
            auto failed = std::make_shared<ItemImage>();
            failed->error = QString::fromUtf8(e.what());
            return failed;
        } catch (...) {
            auto failed = std::make_shared<ItemImage>();
            failed->error = tr("the slice could not be read (unknown error)");
            return failed;
        }
    };
    // then(this, ...) runs on this thread; when the job has already finished (a loaded GUI
    // thread, a fast reader) it runs at once, inside get(). The result is posted once more, so
    // loaded() always comes from the event loop, after the caller has shown "loading".
    m_executor(std::move(job)).then(this, [this, itemId, generation](const ImagePtr& image) {
        QMetaObject::invokeMethod(
            this, [this, itemId, generation, image] { finish(itemId, generation, image); }, Qt::QueuedConnection);
    });
}

void ItemImageCache::finish(std::int64_t itemId, int generation, const ImagePtr& image)
{
    if (generation != m_generation || !image)
        return; // from before clear(): its id is no longer pending
    m_pending.remove(itemId);
    store(itemId, image);
    emit loaded(itemId);
}

void ItemImageCache::store(std::int64_t itemId, const std::shared_ptr<const ItemImage>& image)
{
    m_images.insert(itemId, image);
    m_recent.removeOne(itemId);
    m_recent.append(itemId);
    // Least recently used first, but never the item the mode waits for or shows.
    for (auto it = m_recent.begin(); m_recent.size() > m_capacity && it != m_recent.end();) {
        if (*it == m_wanted) {
            ++it;
            continue;
        }
        m_images.remove(*it);
        it = m_recent.erase(it);
    }
}

} // namespace sg::ui
