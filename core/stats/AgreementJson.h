#pragma once
// The stable JSON of `spinegrade-cli stats --json` (documented in the README). Doubles are
// printed so they read back to the same double; undefined figures are null.
#include "core/stats/AgreementReport.h"

#include <string>

namespace sg::core {

std::string agreementReportToJson(const AgreementReport& report, int indent = 2);

} // namespace sg::core
