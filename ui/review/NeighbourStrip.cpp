#include "ui/review/NeighbourStrip.h"

#include "ui/labeling/ItemImageCache.h"
#include "ui/review/SliceThumbnail.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace sg::ui {

namespace {
constexpr int kThumb = 88; // pixels: three fit beside each other under a 1366 px wide window's view
}

NeighbourStrip::NeighbourStrip(QWidget* parent) : QWidget(parent), m_row(new QHBoxLayout(this))
{
    m_row->setContentsMargins(4, 2, 4, 2);
    m_row->setSpacing(6);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

NeighbourStrip::~NeighbourStrip() = default;

void NeighbourStrip::clear()
{
    setSlices({});
}

void NeighbourStrip::setSlices(const std::vector<sg::core::NeighbourSlice>& slices)
{
    m_slices = slices;
    ++m_generation;
    // Keep only the pixels still needed (the next item usually shares two of its three).
    std::map<std::string, std::shared_ptr<const ItemImage>> kept;
    for (const auto& s : m_slices)
        if (auto it = m_images.find(s.file); it != m_images.end())
            kept.insert(*it);
    m_images = std::move(kept);
    for (const auto& s : m_slices) {
        if (m_images.count(s.file))
            continue;
        QPointer<NeighbourStrip> self(this);
        const int generation = m_generation;
        const QString file = QString::fromStdString(s.file);
        // The reader helpers do the work; the answer comes back on the GUI thread.
        (void)QtConcurrent::run([self, generation, file] {
            auto image = std::make_shared<const ItemImage>(loadItemImage(file));
            QMetaObject::invokeMethod(
                qApp,
                [self, generation, file, image] {
                    if (!self || self->m_generation != generation)
                        return;
                    self->m_images[file.toStdString()] = image;
                    self->render();
                },
                Qt::QueuedConnection);
        });
    }
    render();
}

void NeighbourStrip::setWindow(const sg::core::WindowLevel& window)
{
    m_window = window;
    render();
}

int NeighbourStrip::shownCount() const
{
    int n = 0;
    for (const auto& s : m_slices)
        if (auto it = m_images.find(s.file); it != m_images.end() && !it->second->image.empty())
            ++n;
    return n;
}

void NeighbourStrip::render()
{
    while (m_cells.size() < m_slices.size()) {
        auto* cell = new QLabel(this);
        cell->setAlignment(Qt::AlignCenter);
        cell->setMinimumSize(kThumb + 8, kThumb + 22);
        m_row->addWidget(cell);
        m_cells.push_back(cell);
    }
    for (size_t i = 0; i < m_cells.size(); ++i) {
        QLabel* cell = m_cells[i];
        cell->setVisible(i < m_slices.size());
        if (i >= m_slices.size())
            continue;
        const auto& s = m_slices[i];
        const QString caption =
            s.offset == 0 ? tr("this slice") : tr("slice %1%2").arg(s.offset > 0 ? "+" : "").arg(s.offset);
        auto it = m_images.find(s.file);
        cell->setToolTip(tr("Instance %1").arg(s.instanceNumber));
        cell->setStyleSheet(s.offset == 0 ? QStringLiteral("QLabel { border: 2px solid #e0a030; }") : QString());
        if (it == m_images.end()) {
            cell->setText(caption + tr("\nloading…"));
            continue;
        }
        if (it->second->image.empty()) {
            cell->setText(caption + tr("\nunreadable"));
            continue;
        }
        // The header's window when the view has none yet.
        const auto& slice = *it->second;
        const sg::core::WindowLevel window = m_window.valid()
            ? m_window
            : sg::core::presetWindow(sg::core::WindowPreset::Header, slice.stats, slice.image.headerWindow)
                  .value_or(sg::core::presetWindow(sg::core::WindowPreset::Automatic, slice.stats, std::nullopt)
                                .value_or(sg::core::WindowLevel {}));
        const QImage thumb = sliceThumbnail(it->second->image, window, kThumb);
        // Caption under the image: a label shows either, so draw the caption into the pixmap.
        QImage withCaption(kThumb, kThumb + 16, QImage::Format_RGB32);
        withCaption.fill(Qt::black);
        {
            QPainter p(&withCaption);
            p.drawImage((kThumb - thumb.width()) / 2, (kThumb - thumb.height()) / 2, thumb);
            p.setPen(Qt::white);
            p.drawText(QRect(0, kThumb, kThumb, 16), Qt::AlignCenter, caption);
        }
        cell->setPixmap(QPixmap::fromImage(withCaption));
    }
    emit thumbnailsChanged();
}

} // namespace sg::ui
