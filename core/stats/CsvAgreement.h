#pragma once
// The agreement report of a label CSV (item,rater,task,label[,study]): exactly what
// `spinegrade-cli stats --csv FILE` prints, as one function, so the statistics tests can
// compare hundreds of label sets in one process instead of starting the CLI per set.
// The optional `study` column names each item's patient, which the bootstrap resamples;
// without it each item is its own cluster (and the report says so).
#include "core/stats/AgreementReport.h"
#include "core/util/Result.h"

#include <string>

namespace sg::core {

// bootstrap.replicates 0: no bootstrap figures.
Result<AgreementReport> agreementReportOfCsv(const std::string& path, BootstrapOptions bootstrap = {});

} // namespace sg::core
