#include "core/stats/CsvAgreement.h"

#include "core/labels/LabelCsv.h"
#include "core/stats/RatingTable.h"

namespace sg::core {

Result<AgreementReport> agreementReportOfCsv(const std::string& path)
{
    const auto rows = readLabelCsv(path);
    if (!rows)
        return Error {rows.error()};
    RatingTable table;
    addLabelRows(table, *rows);
    return computeAgreementReport(table);
}

} // namespace sg::core
