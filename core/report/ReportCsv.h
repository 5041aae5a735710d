#pragma once
// Every figure of the report in long format, one per line (documented in the README):
//   task,view,level,reference,other,figure,value
// task: grade | canal; view: "all" or a binarised view ("A vs B-D", "A-B vs C-D");
// level: "all" or a disc level ("L4/L5"). reference/other: the pair, or the rater alone
// (reference) for its counts, or both empty for figures of the whole scale (items,
// fleiss_kappa, fleiss_items). figure: the field's path in the stats JSON ("kappa.linear.se",
// "per_class.B.f1", "counts.A"), except that intervals end in .low/.high and confusion
// cells are "confusion.<reference class>.<other class>". value: the number at full
// precision (reads back to the same double); empty when the figure is undefined (null).
#include "core/report/ProjectReport.h"

#include <string>

namespace sg::core {

std::string projectReportToCsv(const ProjectReport& report);

} // namespace sg::core
