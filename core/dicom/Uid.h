#pragma once
// DICOM UIDs under the 2.25 root (ISO/IEC 9834-8: a UUID as a decimal number).
#include <string>
#include <string_view>

namespace sg::core {

// The same key always gives the same UID, so generated studies are reproducible.
std::string uidFromKey(std::string_view key);

} // namespace sg::core
