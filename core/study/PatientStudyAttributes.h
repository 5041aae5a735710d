#pragma once
// The Patient and General Study attributes a study keeps beside those it is grouped and named by
// (its UID, description, patient name and ID, date): read from each file's header (SliceHeader),
// kept per study as its first file has them (Study), shown by the clinician viewer and copied
// into the screening's DICOM output. Declared once, so the header and the study cannot drift.
#include <string>

namespace sg::core {

struct PatientStudyAttributes {
    std::string patientSex;
    std::string patientBirthDate;
    std::string patientAge;
    std::string studyTime;
    std::string studyId;
    std::string accessionNumber;
    std::string referringPhysician;
    std::string specificCharacterSet; // (0008,0005): how the text above is encoded
};

} // namespace sg::core
