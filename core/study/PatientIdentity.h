#pragma once
// Whose study it is, as a clinician reads it: the DICOM Patient and General Study attributes
// formatted for display ("DOE^JANE" -> "DOE, JANE", "20260101" -> "2026-01-01") and made safe
// to draw on one line (core/util/PrintableText). Only the clinician viewer and the screening
// report show it; labeling and review never do (blinding, issue 13).
#include "core/study/Study.h"

#include <cstddef>
#include <string>

namespace sg::core {

struct PatientIdentity {
    std::string name; // "DOE, JANE"; empty when the files have none
    std::string id;
    std::string sex; // "F", "M", "O" or empty
    std::string age; // "45 y", from PatientAge or else birth and study date; empty when unknown
    std::string birthDate; // "1981-04-02"
    std::string studyDate; // "2026-01-01"
    std::string studyTime; // "12:00"
    std::string studyDescription;
    std::string accessionNumber;

    // "DOE, JANE · ID 12345 · F 45 y", the parts that are known.
    std::string patientLine() const;
    // The same in two: the name ("(no name)" when none), then "ID 12345 · F 45 y" (may be empty).
    std::string nameLine() const;
    std::string detailsLine() const;
    // "Study 2026-01-01 12:00 · Lumbar spine", the parts that are known.
    std::string studyLine() const;
};

// The longest name or ID shown, in characters; longer text ends in "…" (a 10,000-character
// PatientName must not push the rest of the corner off the screen).
inline constexpr size_t kIdentityFieldChars = 64;

PatientIdentity patientIdentity(const Study& study);

// PN value: components FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX, "=" before ideographic and phonetic
// groups (only the first, alphabetic group is shown). "DOE^JANE" -> "DOE, JANE".
std::string formatPersonName(const std::string& pn);
// DA value YYYYMMDD -> YYYY-MM-DD; anything else is shown as it is (escaped).
std::string formatDicomDate(const std::string& da);
// TM value HHMMSS.frac -> HH:MM; anything else as it is.
std::string formatDicomTime(const std::string& tm);
// AS value "045Y" -> "45 y" (D, W, M, Y); empty, or from the dates when AS is missing.
std::string formatAge(const std::string& as, const std::string& birthDate, const std::string& studyDate);

} // namespace sg::core
