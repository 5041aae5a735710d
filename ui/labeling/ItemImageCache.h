#pragma once
// The pixels of worklist items, read in a worker and kept in a small cache. The labeling
// mode prefetches the next items of the analyzer's order, so that "commit, next" shows the
// next slice without waiting for the disk or the decoder (keypress to next under 50 ms).
#include "core/imaging/WindowPresets.h"
#include "core/study/SliceImage.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <cstdint>
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
    explicit ItemImageCache(QObject* parent = nullptr, int capacity = 32);
    ~ItemImageCache() override;

    // The image if it is in memory; otherwise nullptr and a load starts (loaded() follows).
    std::shared_ptr<const ItemImage> get(std::int64_t itemId, const QString& file);
    // Starts loads for items not in memory yet, in the given order.
    void prefetch(const std::vector<std::pair<std::int64_t, QString>>& items);
    bool contains(std::int64_t itemId) const { return m_images.contains(itemId); }
    bool idle() const { return m_pending.isEmpty(); }
    void clear();
    // Where images come from: the items' DICOM files (empty, the default), or a reader kit,
    // which holds them itself. Clears the cache.
    void setKitFile(const QString& kitFile);

signals:
    void loaded(std::int64_t itemId);

private:
    void start(std::int64_t itemId, const QString& file);
    void store(std::int64_t itemId, const std::shared_ptr<const ItemImage>& image);

    QThreadPool m_pool;
    int m_capacity;
    QHash<std::int64_t, std::shared_ptr<const ItemImage>> m_images;
    QList<std::int64_t> m_recent; // least recently used first
    QSet<std::int64_t> m_pending;
    int m_generation = 0; // loads started before clear() are dropped
    QString m_kitFile;
};

} // namespace sg::ui
