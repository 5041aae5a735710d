#pragma once
// A slice as a small grey image for the neighbour strip: windowed like the view, turned the
// radiological way (patient's right on the left), scaled to fit a square. QPainter only: the
// strip needs no GPU, so three thumbnails cost nothing next to the main view.
#include "core/study/Geometry.h"
#include "core/study/SliceImage.h"

#include <QImage>

namespace sg::ui {

QImage sliceThumbnail(const sg::core::SliceImage& image, const sg::core::WindowLevel& window, int size);

} // namespace sg::ui
