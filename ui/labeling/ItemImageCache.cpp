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

ItemImageCache::ItemImageCache(QObject* parent, int capacity) : QObject(parent), m_capacity(std::max(capacity, 2))
{
    // Its own pool: the global one may be busy with a study scan.
    m_pool.setMaxThreadCount(2);
}

ItemImageCache::~ItemImageCache()
{
    m_pool.clear();
    m_pool.waitForDone();
}

std::shared_ptr<const ItemImage> ItemImageCache::get(std::int64_t itemId, const QString& file)
{
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
    ++m_generation;
    m_pool.clear(); // queued, not started, loads
    m_images.clear();
    m_recent.clear();
    m_pending.clear();
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
    QtConcurrent::run(&m_pool, [file, kit = m_kitFile, itemId] {
        return std::make_shared<const ItemImage>(kit.isEmpty() ? loadItemImage(file) : loadKitItemImage(kit, itemId));
    }).then(this, [this, itemId, generation](const std::shared_ptr<const ItemImage>& image) {
        if (generation != m_generation)
            return;
        m_pending.remove(itemId);
        store(itemId, image);
        emit loaded(itemId);
    });
}

void ItemImageCache::store(std::int64_t itemId, const std::shared_ptr<const ItemImage>& image)
{
    m_images.insert(itemId, image);
    m_recent.removeOne(itemId);
    m_recent.append(itemId);
    while (m_recent.size() > m_capacity)
        m_images.remove(m_recent.takeFirst());
}

} // namespace sg::ui
