#pragma once
// Pixels of one slice with full geometry. A slice read from DICOM keeps its pixels as the
// file stores them, 16 bits each (signed or not; 8-bit files are widened), plus the file's
// rescale slope and intercept: half the memory of floats, and the load writes what the
// reader sent without converting. Images the program computes (training canvases, phantom
// slices) hold floats instead. valueAt() / toFloat() give output units for either.
#include "core/study/Geometry.h"
#include "core/study/PixelMemory.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace sg::core {

enum class PixelType : uint8_t {
    Float32, // `pixels`, already in output units
    Int16, // `stored` holds int16 bit patterns; value = slope * v + intercept
    UInt16, // `stored` holds uint16; value = slope * v + intercept
};

struct SliceImage {
    int rows = 0;
    int columns = 0;
    double rowSpacing = 1.0;
    double columnSpacing = 1.0;
    Vec3 origin {}; // centre of pixel (row 0, column 0) in LPS
    Orientation orientation;
    std::optional<WindowLevel> headerWindow;

    PixelType type = PixelType::Float32;
    std::vector<float> pixels; // Float32: row-major, rows * columns, output units
    StoredPixels stored; // Int16 / UInt16: row-major, rows * columns, as stored (PixelMemory.h)
    double rescaleSlope = 1.0; // stored pixels only
    double rescaleIntercept = 0.0;

    size_t pixelCount() const { return type == PixelType::Float32 ? pixels.size() : stored.size(); }
    bool empty() const { return pixelCount() == 0; }

    // The value of pixel i (row-major) in output units. The arithmetic is float, as the
    // reader's conversion was: exact to well below a grey level for 16-bit values.
    float valueAt(size_t i) const
    {
        switch (type) {
        case PixelType::Int16: return slope() * static_cast<float>(static_cast<int16_t>(stored[i])) + intercept();
        case PixelType::UInt16: return slope() * static_cast<float>(stored[i]) + intercept();
        case PixelType::Float32: break;
        }
        return pixels[i];
    }
    float at(int row, int column) const { return valueAt(static_cast<size_t>(row) * columns + column); }

    // Every pixel in output units, row-major (for consumers that need floats).
    std::vector<float> toFloat() const
    {
        std::vector<float> out(pixelCount());
        toFloat(out.data());
        return out;
    }
    void toFloat(float* out) const
    {
        forEachValue([&out](float v) { *out++ = v; });
    }

    // Calls f(value) for every pixel in row-major order, in output units: a loop per pixel
    // type, so whole-slice passes (statistics, histograms) pay no per-pixel dispatch.
    template <typename F>
    void forEachValue(F&& f) const
    {
        const float a = slope(), b = intercept();
        if (type == PixelType::Int16)
            for (uint16_t v : stored)
                f(a * static_cast<float>(static_cast<int16_t>(v)) + b);
        else if (type == PixelType::UInt16)
            for (uint16_t v : stored)
                f(a * static_cast<float>(v) + b);
        else
            for (float v : pixels)
                f(v);
    }

    // Bytes the pixels take in memory.
    size_t pixelBytes() const
    {
        return type == PixelType::Float32 ? pixels.size() * sizeof(float) : stored.size() * sizeof(uint16_t);
    }

private:
    float slope() const { return static_cast<float>(rescaleSlope); }
    float intercept() const { return static_cast<float>(rescaleIntercept); }
};

} // namespace sg::core
