#pragma once
// A clinician's screening of one study, as the screening report (PDF/HTML) and its DICOM copies
// show it: whose study, which model, and per disc level the worst grade the CNN calls, its
// probability and the slice that shows it (the key image, with the CNN's patch). Plain data:
// core/ml/ScreeningFindings builds it from the proposals; ui/report/ScreeningReportExport paints
// it with Qt Gui only (the CLI's `screen --report`), core/screening/ScreeningDicom writes it as DICOM.
#include "core/labels/Label.h"
#include "core/study/SliceImage.h"
#include "core/study/Study.h"

#include <optional>
#include <string>
#include <vector>

namespace sg::core {

struct ScreeningLevel {
    std::string level; // "L4/L5"
    // Nullopt: not graded, and `note` says why (no slice with a canal on rootlets, nothing read).
    std::optional<Grade> grade;
    double probability = 0; // of that grade, on that slice
    std::string note;
    int sliceNumber = 0; // 1-based, within the level's stack of slices (the viewer's "Slice 3 / 5")
    int sliceCount = 0;
    int instanceNumber = 0; // the file's InstanceNumber
    std::string sopInstanceUid; // of the key image's source slice
    std::string seriesDescription;
    std::string modality; // of the source series ("MR"): the key image's source reference
    // The key image: the graded slice, alive as long as whoever built the report keeps the study.
    const SliceImage* image = nullptr;
    std::optional<Patch> patch; // the CNN's patch on it (stored pixel frame)
};

struct ScreeningReport {
    Study study; // identity and study attributes (its series are not needed and left empty)
    std::string modelName;
    std::string modelVersion;
    std::string modelStatus; // the model card's status ("research use, trained on synthetic studies")
    std::vector<ScreeningLevel> levels; // cranial to caudal
    std::string created; // local date and time the screening ran, "2026-12-01 17:05"
};

inline const char* gradeLetter(Grade g)
{
    static const char* letters[] = {"A", "B", "C", "D"};
    return letters[static_cast<int>(g)];
}

} // namespace sg::core
