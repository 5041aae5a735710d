#pragma once
// The pixels of worklist items, read in a worker and kept in a small cache. The labeling
// mode prefetches the next items of the analyzer's order, so that "commit, next" shows the
// next slice without waiting for the disk or the decoder (keypress to next under 50 ms).
#include "core/imaging/WindowPresets.h"
#include "core/study/SliceImage.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace sg::ui {

struct ItemImage {
    sg::core::SliceImage image; // empty when it could not be read
    sg::core::IntensityStats stats; // the slice's: its window presets derive from them
    QString error; // why the slice could not be read
};

// Reads one item's file (header and pixels) on the calling thread.
ItemImage loadItemImage(const QString& file);
// Reads one item's image from a reader kit's kit_image (no DICOM file involved).
ItemImage loadKitItemImage(const QString& kitFile, std::int64_t itemId);

class ItemImageCache : public QObject {
    Q_OBJECT
public:
    using ImagePtr = std::shared_ptr<const ItemImage>;
    // Runs one load somewhere and returns its future. The cache's own is its pool; a test
    // passes one that finishes jobs when it chooses (before or after the cache listens).
    using Executor = std::function<QFuture<ImagePtr>(std::function<ImagePtr()>)>;
    using Loader = std::function<ItemImage(const QString& file)>;

    explicit ItemImageCache(QObject* parent = nullptr, int capacity = 32);
    ItemImageCache(QObject* parent, int capacity, Executor executor, Loader loader);
    ~ItemImageCache() override;

    // The image if it is in memory; otherwise nullptr and a load starts. Every id asked for
    // resolves: loaded() follows from the event loop (never inside get() or prefetch(), so the
    // caller has shown "loading" first), with the image or its error, unless clear() came
    // first (then whoever still wants it asks again). The last id asked for is never evicted.
    std::shared_ptr<const ItemImage> get(std::int64_t itemId, const QString& file);
    // Starts loads for items not in memory yet, in the given order.
    void prefetch(const std::vector<std::pair<std::int64_t, QString>>& items);
    bool contains(std::int64_t itemId) const { return m_images.contains(itemId); }
    bool idle() const { return m_pending.isEmpty(); }
    // Forgets every image and load. Loads already started finish (cheaply: a stale one skips
    // its file) and are dropped; none is taken out of the pool unfinished.
    void clear();
    // Where images come from: the items' DICOM files (empty, the default), or a reader kit,
    // which holds them itself. Clears the cache.
    void setKitFile(const QString& kitFile);

signals:
    void loaded(std::int64_t itemId);

private:
    void start(std::int64_t itemId, const QString& file);
    void finish(std::int64_t itemId, int generation, const ImagePtr& image);
    void store(std::int64_t itemId, const std::shared_ptr<const ItemImage>& image);

    QThreadPool m_pool;
    Executor m_executor;
    Loader m_loader;
    int m_capacity;
    QHash<std::int64_t, std::shared_ptr<const ItemImage>> m_images;
    QList<std::int64_t> m_recent; // least recently used first
    QSet<std::int64_t> m_pending; // of this generation
    int m_generation = 0; // loads started before clear() are dropped
    // The generation as the workers see it: a load from before clear() skips its file.
    std::shared_ptr<std::atomic<int>> m_liveGeneration = std::make_shared<std::atomic<int>>(0);
    std::int64_t m_wanted = -1; // the last id get() was asked for: kept in memory
    QString m_kitFile;
};

} // namespace sg::ui
