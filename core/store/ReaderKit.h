#pragma once
// Reader kits: blinding by construction. A kit (.sgkit) is a file with the project schema that
// holds ONLY one analyzer's worklist in their order, their own labels and label history, the
// slices they need (pseudonymous keys, the pixels in kit_image, no PHI, no paths, no UIDs) and
// the CNN's proposals (in a blind project only its patch). It is built by copying selected rows
// into a new file, never by copying the project and deleting (deleted rows survive in free pages).
// The analyzer opens it like a project, labels it offline, and sends it back; the lead merges it.
#include "core/store/ProjectStore.h"
#include "core/study/SliceImage.h"
#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <cstdint>
#include <optional>
#include <string>

namespace sg::core {

struct KitInfo {
    std::string kitId; // random, one per export
    std::string projectId; // the sending project's id (setting project_id)
    std::int64_t analyzerId = 0;
    std::string analyzerName;
    bool assisted = false;
    std::string createdAt;
    std::int64_t baseHistoryId = 0; // history rows up to this id were copied from the project
};

struct KitExportSummary {
    KitInfo info;
    int items = 0; // distinct items (slices) in the kit
    int entries = 0; // worklist entries (first reads and re-reads)
    int labels = 0; // the analyzer's labels already given
    int predictions = 0;
    std::uint64_t bytes = 0; // size of the kit file
};

struct KitImportSummary {
    KitInfo info;
    int mergedRows = 0; // history rows merged (0: the kit was received before, nothing changed)
    int changedLabels = 0; // labels (item and read) those rows changed
};

// The project's id (setting project_id; schema 9 gives every project one).
Result<std::string> projectId(ProjectStore& project);

// Writes the kit for `analyzerName` to `kitPath` (must not exist; written under a temporary
// name and renamed when complete). Reads every needed slice's DICOM file.
Result<KitExportSummary> exportReaderKit(ProjectStore& project, const std::string& analyzerName,
    const std::string& kitPath, Progress& progress = Progress::none());

// Merges a kit's new label history into the project, all or nothing. Refused (with the file
// named and why; nothing changed) if the kit is not a kit, belongs to another project or
// analyzer, holds any other analyzer's rows, a label outside that analyzer's worklist, or a
// history that does not replay to its labels (an edited row). Receiving a kit again merges only
// rows not received before. `receivedBy`: the lead who received it (recorded), if known.
Result<KitImportSummary> importReaderKit(ProjectStore& project, const std::string& kitPath,
    const std::optional<Analyzer>& receivedBy = std::nullopt, Progress& progress = Progress::none());

// The kit's description; nullopt when the store is a project, not a kit.
Result<std::optional<KitInfo>> readKitInfo(ProjectStore& store);

// The pixels and geometry of an item, from a kit's kit_image (untrusted: sizes are checked).
// Opens its own read-only connection: call it on any thread.
Result<SliceImage> readKitImage(const std::string& kitPath, std::int64_t itemId);

} // namespace sg::core
