#pragma once
// How labels read in the labeling GUI, and how a skip is stored: a label with neither canal
// nor grade whose comment is "skipped: <reason>", so the item counts as handled.
#include "core/labels/Label.h"

#include <QString>

namespace sg::ui {

QString skipComment(const QString& reason);
bool isSkip(const sg::core::Label& label);
// "rootlet, grade A2", "cord", or the skip comment: a label in a few words.
QString describe(const sg::core::Label& label);

} // namespace sg::ui
