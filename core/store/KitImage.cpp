#include "core/store/KitImage.h"

#include "core/dicom/ReaderLimits.h"

#include <zlib.h>

#include <cmath>
#include <cstring>
#include <iomanip>
#include <sstream>
#include <vector>

namespace sg::core::store {
namespace {

std::string numbers(std::initializer_list<double> values)
{
    std::ostringstream out;
    out << std::setprecision(17);
    bool first = true;
    for (double v : values) {
        out << (first ? "" : " ") << v;
        first = false;
    }
    return out.str();
}

// Exactly `count` finite numbers separated by spaces, or nothing.
std::optional<std::vector<double>> parseNumbers(const std::string& text, size_t count)
{
    std::istringstream in(text);
    in.imbue(std::locale::classic());
    std::vector<double> out;
    double v = 0;
    while (out.size() <= count && in >> v)
        out.push_back(v);
    if (out.size() != count || !in.eof())
        return std::nullopt;
    for (double x : out)
        if (!std::isfinite(x))
            return std::nullopt;
    return out;
}

// The same limits as a DICOM file's header (core/dicom/ReaderLimits.h).
Status checkSize(std::int64_t rows, std::int64_t columns, const std::string& where)
{
    const ReaderLimits limits;
    if (rows < 1 || columns < 1 || rows > limits.maxRows || columns > limits.maxColumns)
        return Status::failure(where + ": an image of " + std::to_string(columns) + " x " + std::to_string(rows) +
            " pixels is outside the limit of " + sliceLimitText(limits));
    return Status::success();
}

std::string where(const SqliteConnection& db, std::int64_t itemId)
{
    return db.path() + " (kit image of item " + std::to_string(itemId) + ")";
}

} // namespace

Status writeKitImage(SqliteConnection& db, std::int64_t itemId, const SliceImage& image)
{
    if (image.type == PixelType::Float32 || image.stored.size() != static_cast<size_t>(image.rows) * image.columns)
        return Status::failure("item " + std::to_string(itemId) + ": only 16-bit stored pixels go into a reader kit");
    const size_t rawBytes = image.stored.size() * sizeof(uint16_t);
    // zlib's fastest level: MR slices shrink to about half, and export stays disk-bound.
    std::vector<Bytef> packed(compressBound(static_cast<uLong>(rawBytes)));
    uLongf packedBytes = static_cast<uLongf>(packed.size());
    const bool zipped = compress2(packed.data(), &packedBytes, reinterpret_cast<const Bytef*>(image.stored.data()),
                            static_cast<uLong>(rawBytes), 1) == Z_OK &&
        packedBytes < rawBytes;
    Statement st = db.prepare("INSERT OR REPLACE INTO kit_image(item_id, rows, columns, pixel_type, row_spacing, "
                              "column_spacing, origin, orientation, rescale_slope, rescale_intercept, window_center, "
                              "window_width, encoding, pixels) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, itemId).bind(2, image.rows).bind(3, image.columns);
    st.bind(4, image.type == PixelType::Int16 ? "int16" : "uint16");
    st.bind(5, image.rowSpacing).bind(6, image.columnSpacing);
    st.bind(7, numbers({image.origin[0], image.origin[1], image.origin[2]}));
    const Orientation& o = image.orientation;
    st.bind(8, numbers({o.row[0], o.row[1], o.row[2], o.column[0], o.column[1], o.column[2]}));
    st.bind(9, image.rescaleSlope).bind(10, image.rescaleIntercept);
    if (image.headerWindow && image.headerWindow->valid())
        st.bind(11, image.headerWindow->center).bind(12, image.headerWindow->width);
    st.bind(13, zipped ? "zlib" : "raw");
    if (zipped)
        st.bindBlob(14, packed.data(), packedBytes);
    else
        st.bindBlob(14, image.stored.data(), rawBytes);
    st.run();
    return Status::success();
}

Result<SliceImage> readKitImageRow(SqliteConnection& db, std::int64_t itemId)
{
    const std::string at = where(db, itemId);
    Statement st = db.prepare("SELECT rows, columns, pixel_type, row_spacing, column_spacing, origin, orientation, "
                              "rescale_slope, rescale_intercept, window_center, window_width, encoding, pixels "
                              "FROM kit_image WHERE item_id = ?");
    if (!st.bind(1, itemId).step())
        return Error {db.path() + " holds no image of item " + std::to_string(itemId)};
    const std::int64_t rows = st.integer(0), columns = st.integer(1);
    if (Status size = checkSize(rows, columns, at); !size)
        return Error {size.error()};
    SliceImage image;
    image.rows = static_cast<int>(rows);
    image.columns = static_cast<int>(columns);
    const std::string type = st.text(2);
    if (type != "int16" && type != "uint16")
        return Error {at + ": unknown pixel type '" + type + "'"};
    image.type = type == "int16" ? PixelType::Int16 : PixelType::UInt16;
    image.rowSpacing = st.real(3);
    image.columnSpacing = st.real(4);
    const auto origin = parseNumbers(st.text(5), 3);
    const auto orientation = parseNumbers(st.text(6), 6);
    image.rescaleSlope = st.real(7);
    image.rescaleIntercept = st.real(8);
    if (!origin || !orientation || !(image.rowSpacing > 0) || !(image.columnSpacing > 0) ||
        !std::isfinite(image.rowSpacing) || !std::isfinite(image.columnSpacing) || !std::isfinite(image.rescaleSlope) ||
        !std::isfinite(image.rescaleIntercept))
        return Error {at + ": the geometry (spacing, origin, orientation or rescale) is not valid"};
    image.origin = {(*origin)[0], (*origin)[1], (*origin)[2]};
    image.orientation.row = {(*orientation)[0], (*orientation)[1], (*orientation)[2]};
    image.orientation.column = {(*orientation)[3], (*orientation)[4], (*orientation)[5]};
    if (!st.isNull(9) && !st.isNull(10)) {
        const WindowLevel window {st.real(9), st.real(10)};
        if (window.valid())
            image.headerWindow = window;
    }
    const std::string encoding = st.text(11);
    const std::string blob = st.blob(12);
    const size_t rawBytes = static_cast<size_t>(rows * columns) * sizeof(uint16_t);
    image.stored.resize(static_cast<size_t>(rows * columns));
    if (encoding == "raw") {
        if (blob.size() != rawBytes)
            return Error {at + ": the pixel data holds " + std::to_string(blob.size()) + " bytes, " +
                std::to_string(rawBytes) + " were expected (truncated?)"};
        std::memcpy(image.stored.data(), blob.data(), rawBytes);
    } else if (encoding == "zlib") {
        // uncompress never writes past destLen: a bomb or a short stream is an error value.
        uLongf outBytes = static_cast<uLongf>(rawBytes);
        const int rc = uncompress(reinterpret_cast<Bytef*>(image.stored.data()), &outBytes,
            reinterpret_cast<const Bytef*>(blob.data()), static_cast<uLong>(blob.size()));
        if (rc != Z_OK || outBytes != rawBytes)
            return Error {at + ": the compressed pixel data is damaged or does not hold " + std::to_string(columns) +
                " x " + std::to_string(rows) + " pixels"};
    } else {
        return Error {at + ": unknown pixel encoding '" + encoding + "'"};
    }
    return image;
}

Result<std::optional<std::pair<int, int>>> kitImageSize(SqliteConnection& db, std::int64_t itemId)
{
    Statement st = db.prepare("SELECT rows, columns FROM kit_image WHERE item_id = ?");
    if (!st.bind(1, itemId).step())
        return std::optional<std::pair<int, int>>();
    if (Status size = checkSize(st.integer(0), st.integer(1), where(db, itemId)); !size)
        return Error {size.error()};
    return std::optional<std::pair<int, int>>(
        std::pair<int, int> {static_cast<int>(st.integer(0)), static_cast<int>(st.integer(1))});
}

} // namespace sg::core::store
