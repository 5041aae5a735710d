#pragma once
// The strip of neighbouring slices under the review view: slice-1, the slice, slice+1 of the
// item's stack as thumbnails with the main view's window. Readers split where the anatomy
// changes abruptly between slices (docs/domain.md), so the lead sees that context without
// leaving the item. Pixels are read on a worker (the DICOM reader helpers), never on the GUI
// thread; a newer item drops the answers for an older one.
#include "core/store/SliceNeighbours.h"
#include "core/study/Geometry.h"

#include <QWidget>

#include <map>
#include <memory>
#include <vector>

class QLabel;
class QHBoxLayout;

namespace sg::ui {

struct ItemImage;

class NeighbourStrip : public QWidget {
    Q_OBJECT
public:
    explicit NeighbourStrip(QWidget* parent = nullptr);
    ~NeighbourStrip() override;

    // Shows these slices (offsets -1, 0, +1 ...); loads what it does not have.
    void setSlices(const std::vector<sg::core::NeighbourSlice>& slices);
    void setWindow(const sg::core::WindowLevel& window);
    void clear();
    // Thumbnails shown with pixels (the item's own included), and how many slices are listed.
    int shownCount() const;
    int sliceCount() const { return static_cast<int>(m_slices.size()); }

signals:
    void thumbnailsChanged();

private:
    void render();

    std::vector<sg::core::NeighbourSlice> m_slices;
    std::map<std::string, std::shared_ptr<const ItemImage>> m_images; // by file
    sg::core::WindowLevel m_window;
    std::vector<QLabel*> m_cells;
    QHBoxLayout* m_row;
    int m_generation = 0;
};

} // namespace sg::ui
