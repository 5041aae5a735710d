#pragma once
// The words of a person's name or of free text, in the form in which a comment is compared
// with the study's PatientName and PatientID (core/store/Deidentify.h): Unicode NFKC with case
// folding, accents removed ("Doé" = "DOE" = "ｄｏｅ"), split at everything that is not a
// letter or a digit (the DICOM name separators ^ and = too). ICU stays in the .cpp.
#include <string>
#include <string_view>
#include <vector>

namespace sg::core {

// The folded words of `text`, in order; empty for text that is not UTF-8.
std::vector<std::string> identityTokens(std::string_view text);

} // namespace sg::core
