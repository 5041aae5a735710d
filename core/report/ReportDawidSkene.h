#pragma once
// The report's short Dawid-Skene appendix (core/stats/DawidSkene.h): per task, the latent
// class priors and each analyzer's estimated probability of giving each true class its own
// label, with how EM ended. Self-contained, so the report's layout can place it anywhere; the
// full matrices are in the JSON and CSV-free stats JSON (`dawid_skene`).
#include "core/stats/AgreementReport.h"

#include <ostream>

namespace sg::core {

// Writes nothing when no task has an estimate (a report without analyzers' labels).
void writeDawidSkeneHtml(std::ostream& out, const AgreementReport& report);

} // namespace sg::core
