#pragma once
// The RSNA 2024 Lumbar Spine Degenerative Classification (LSDC) format, spinal canal part:
//   train.csv                        study_id, spinal_canal_stenosis_l1_l2 .. _l5_s1 (and other
//                                    conditions, ignored): Normal/Mild, Moderate, Severe or empty
//   train_label_coordinates.csv      study_id, series_id, instance_number, condition, level, x, y
//   train_series_descriptions.csv    study_id, series_id, series_description
//   train_images/{study_id}/{series_id}/{instance_number}.dcm
// Severity and Schizas grade meet through one crosswalk (rsnaCrosswalkText): RSNA's three
// classes cannot tell C from D, so an import never gives D and an export writes C and D both
// as Severe. Reading is strict like the label CSV: the first bad row rejects the data set,
// named by file and line; ids are digits only, so none can climb out of train_images.
#include "core/labels/Label.h"
#include "core/study/Level.h"
#include "core/util/Csv.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sg::core {

inline constexpr const char* kRsnaRater = "rsna"; // the rater an RSNA import's labels carry
inline constexpr const char* kRsnaCanalCondition = "Spinal Canal Stenosis";
inline constexpr const char* kRsnaAxialSeries = "Axial T2"; // series_description of the axial series
inline constexpr const char* kRsnaTrainCsv = "train.csv";
inline constexpr const char* kRsnaCoordinatesCsv = "train_label_coordinates.csv";
inline constexpr const char* kRsnaSeriesCsv = "train_series_descriptions.csv";

// "Normal/Mild -> A, Moderate -> B, Severe -> C; on export A -> Normal/Mild, B -> Moderate,
// C and D -> Severe (RSNA's Severe does not tell C from D, so D is never imported)".
std::string rsnaCrosswalkText();
std::optional<Grade> gradeFromRsnaSeverity(std::string_view severity); // nullopt: not a severity
std::string_view rsnaSeverity(Grade grade);
std::string rsnaLevelColumn(Level level); // "spinal_canal_stenosis_l4_l5"
std::string_view rsnaLevelName(Level level); // "L4/L5"
// An RSNA id: 1 to 18 decimal digits without a leading zero (fits a 64-bit integer; never a
// path part other than a number).
bool isRsnaId(std::string_view text);
// "{dir}/train_images/{study}/{series}/{instance}.dcm"
std::string rsnaImagePath(const std::string& dir, const std::string& study, const std::string& series, int instance);

// One canal point on an axial series, with the severity train.csv gives its study and level.
struct RsnaCanalPoint {
    std::string studyId;
    std::string seriesId;
    int instanceNumber = 0;
    Level level = Level::L4L5;
    double x = 0; // column, pixels
    double y = 0; // row, pixels
    Grade grade = Grade::A; // by the crosswalk
    int line = 0; // line in train_label_coordinates.csv
};

struct RsnaDataset {
    std::vector<RsnaCanalPoint> points;
    int otherConditionRows = 0; // coordinate rows of other conditions (foramina, recesses)
    int otherSeriesRows = 0; // spinal canal rows on a series that is not Axial T2 (sagittal)
    std::string coordinatesPath; // for messages
};

// Reads and checks the three files of `dir` (each at most `limitBytes`). Every spinal canal
// row on an axial series needs its study's severity at its level in train.csv and its series
// in train_series_descriptions.csv.
Result<RsnaDataset> readRsnaDataset(const std::string& dir, std::uint64_t limitBytes = kDefaultCsvLimitBytes);

// What an export writes per study and level: the grade, where it was read, the canal point.
struct RsnaLevelLabel {
    std::string studyId;
    std::string seriesId;
    int instanceNumber = 0;
    Level level = Level::L4L5;
    Grade grade = Grade::A;
    std::optional<std::pair<double, double>> point; // none: no coordinate row (no patch)
};

// The three files' text: studies in numeric order, levels L1/L2 to L5/S1; train.csv has the
// five spinal canal columns only (SpineGrade grades nothing else), empty where a level has no
// label. Numbers are written so they read back exactly.
struct RsnaFiles {
    std::string train;
    std::string coordinates;
    std::string series;
};
RsnaFiles formatRsnaDataset(std::vector<RsnaLevelLabel> labels);
Status writeRsnaDataset(const std::string& dir, const std::vector<RsnaLevelLabel>& labels);

// The challenge's submission rows for the spinal canal of one study, from a level's Schizas
// grade probabilities (A, B, C, D): normal_mild = A, moderate = B, severe = C + D, scaled to sum
// to 1. A level without probabilities gets 1/3 each (and a note on the caller's side).
struct RsnaSubmissionRow {
    std::string rowId; // "{study_id}_spinal_canal_stenosis_l4_l5"
    double normalMild = 0;
    double moderate = 0;
    double severe = 0;
};
RsnaSubmissionRow rsnaSubmissionRow(
    const std::string& studyId, Level level, const std::optional<std::array<double, 4>>& gradeProbabilities);
// "row_id,normal_mild,moderate,severe" then the rows; numbers in the shortest text that reads
// back as the same double (no rounding to a few digits that would no longer sum to 1).
std::string formatRsnaSubmission(const std::vector<RsnaSubmissionRow>& rows);

} // namespace sg::core
