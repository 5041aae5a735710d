#pragma once
// The report as JSON: the stable statistics JSON of `stats --json` under "tasks", unchanged,
// plus the report's own parts: "project" (summary and progress) and "disagreements".
#include "core/report/ProjectReport.h"

#include <string>

namespace sg::core {

std::string projectReportToJson(const ProjectReport& report, int indent = 2);

} // namespace sg::core
