#pragma once
// The agreement report of a label CSV (item,rater,task,label): exactly what
// `spinegrade-cli stats --csv FILE` prints, as one function, so the statistics tests can
// compare hundreds of label sets in one process instead of starting the CLI per set.
#include "core/stats/AgreementReport.h"
#include "core/util/Result.h"

#include <string>

namespace sg::core {

Result<AgreementReport> agreementReportOfCsv(const std::string& path);

} // namespace sg::core
