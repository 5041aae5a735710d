#pragma once
// The report's intra-rater section: each analyzer's first read against their blinded re-read
// (test-retest), one small table. Self-contained, so the report's layout can place it where
// it fits; nothing is written when the project scheduled no re-reads.
#include "core/stats/AgreementReport.h"

#include <ostream>

namespace sg::core {

void writeIntraRaterHtml(std::ostream& out, const AgreementReport& report);

} // namespace sg::core
