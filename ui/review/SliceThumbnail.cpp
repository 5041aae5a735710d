#include "ui/review/SliceThumbnail.h"

#include "ui/viewer/DisplayOrientation.h"

#include <algorithm>

namespace sg::ui {

QImage sliceThumbnail(const sg::core::SliceImage& image, const sg::core::WindowLevel& window, int size)
{
    if (image.empty() || image.rows <= 0 || image.columns <= 0 || size <= 0)
        return {};
    QImage grey(image.columns, image.rows, QImage::Format_Grayscale8);
    const double low = window.center - window.width / 2;
    const double scale = window.valid() ? 255.0 / window.width : 0;
    for (int r = 0; r < image.rows; ++r) {
        uchar* line = grey.scanLine(r);
        for (int c = 0; c < image.columns; ++c) {
            const double v = (image.at(r, c) - low) * scale;
            line[c] = static_cast<uchar>(std::clamp(v, 0.0, 255.0));
        }
    }
    const DisplayFlip flip = radiologicalFlip(image.orientation);
    // Mirror as the view does; physical pixel aspect from the spacing.
    const QImage turned = grey.mirrored(flip.horizontal, flip.vertical);
    const double aspect = image.rowSpacing > 0 && image.columnSpacing > 0
        ? (image.rows * image.rowSpacing) / (image.columns * image.columnSpacing)
        : double(image.rows) / image.columns;
    const int w = aspect <= 1 ? size : std::max(1, int(size / aspect));
    const int h = aspect <= 1 ? std::max(1, int(size * aspect)) : size;
    return turned.scaled(w, h, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

} // namespace sg::ui
