#pragma once
// How labels read in the labeling GUI, and how a skip is stored: a label with neither canal
// nor grade whose comment is "skipped: <reason>", so the item counts as handled.
#include "core/labels/Label.h"

#include <QString>

#include <optional>

namespace sg::ui {

QString skipComment(const QString& reason);
bool isSkip(const sg::core::Label& label);
// "rootlet, grade A2", "cord", or the skip comment: a label in a few words.
QString describe(const sg::core::Label& label);
// "72 × 72 px (33.8 × 33.8 mm) at x 120, y 98": whole pixels, millimetres when the pixel
// spacing (mm per column, per row) is known (> 0); "none" without a patch.
QString patchText(const std::optional<sg::core::Patch>& patch, double columnSpacing = 0, double rowSpacing = 0);

} // namespace sg::ui
