#pragma once
// The readable form of an agreement report for the terminal: the paper's table first
// (task x pair: n, agreement, macro-F1, kappa with CI and Landis-Koch band), then details.
#include "core/stats/AgreementReport.h"

#include <string>

namespace sg::core {

std::string agreementReportToText(const AgreementReport& report);

} // namespace sg::core
