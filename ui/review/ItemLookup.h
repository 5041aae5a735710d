#pragma once
// "Go to item…": the item a typed key ("S001 L4/L5 #3") or SOP instance UID names in a
// project, through the one key function (core/labels/ItemKey.h). Reads the project on its
// own read-only connection: a lookup never writes and never waits for a writer.
#include "core/util/Result.h"

#include <QString>

#include <cstdint>

namespace sg::ui {

struct FoundItem {
    std::int64_t itemId = 0;
    QString key; // canonical form, "S001 L4/L5 #3"
};

// The error says what was typed and where it was looked for, in words a user acts on.
sg::core::Result<FoundItem> findItemByKey(const QString& projectPath, const QString& text);

} // namespace sg::ui
