#pragma once
// What a project keeps instead of the identities in its DICOM files (DICOM PS3.15 Basic
// Application Confidentiality Profile, as far as a labeling project holds them; README,
// "De-identification"): no names, IDs, dates, institution, physicians, accession number or
// device serials; UIDs only as a keyed hash under a secret drawn for each project, so labels
// keyed by a SOP Instance UID still find their item; and for the check of free-text comments,
// keyed hashes of the words of each study's PatientName and of its PatientID.
#include <string>
#include <string_view>
#include <vector>

namespace sg::core {

// HMAC-SHA256 (hex) of a DICOM UID under the project's secret: the form in which a project
// stores, and finds, SOP Instance, Series Instance and Study Instance UIDs.
std::string uidHash(std::string_view secret, std::string_view uid);

// The keyed hashes kept for a study instead of its PatientName and PatientID: each word of the
// name of two characters or more, and the ID with everything but letters and digits left out.
// Words are compared as core/labels/IdentityTokens.h folds them (case and accents ignored).
std::vector<std::string> identityHashes(
    std::string_view secret, std::string_view patientName, std::string_view patientId);

// Whether `text` names the patient of those hashes: one of its words is a word of the name,
// or one to four consecutive words joined are the ID ("AB-123" and "ab 123" for AB123).
bool mentionsIdentity(std::string_view secret, std::string_view text, const std::vector<std::string>& hashes);

// Why a comment was refused. It never repeats the name or ID it found.
inline constexpr const char* kCommentNamesPatient =
    "the comment contains the patient's name or ID (from the study's DICOM files); comments are exported "
    "and must not identify the patient, reword it";

} // namespace sg::core
