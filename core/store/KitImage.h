#pragma once
// A slice's pixels and geometry as one kit_image row (core/store/ReaderKit.h), both ways.
// Decoding treats the row as hostile: sizes within the DICOM reader's limits, blobs of exactly
// the size the header promises, finite geometry; otherwise an error, never a crash.
#include "core/store/SqliteConnection.h"
#include "core/study/SliceImage.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <cstdint>
#include <optional>
#include <utility>

namespace sg::core::store {

// Inserts (or replaces) the image of `itemId`; 16-bit stored pixels only.
Status writeKitImage(SqliteConnection& db, std::int64_t itemId, const SliceImage& image);
// The item's image; `source` names the file in messages.
Result<SliceImage> readKitImageRow(SqliteConnection& db, std::int64_t itemId);
// Rows x columns of the item's image, checked like readKitImageRow's; nullopt without one.
Result<std::optional<std::pair<int, int>>> kitImageSize(SqliteConnection& db, std::int64_t itemId);

} // namespace sg::core::store
