#include "core/stats/CsvAgreement.h"

#include "core/labels/LabelCsv.h"
#include "core/stats/RatingTable.h"

#include <unordered_map>

namespace sg::core {

Result<AgreementReport> agreementReportOfCsv(const std::string& path, BootstrapOptions bootstrap)
{
    const auto rows = readLabelCsv(path);
    if (!rows)
        return Error {rows.error()};
    // One item, one patient: an item named in two studies is a broken file, not a choice.
    std::unordered_map<std::string, const LabelRow*> studyOf;
    for (const LabelRow& row : *rows) {
        if (row.study.empty())
            continue;
        const auto [it, added] = studyOf.emplace(row.item, &row);
        if (!added && it->second->study != row.study)
            return Error {path + " line " + std::to_string(row.line) + ": item '" + row.item + "' is in study '" +
                row.study + "', but line " + std::to_string(it->second->line) + " puts it in study '" +
                it->second->study + "'"};
    }
    RatingTable table;
    addLabelRows(table, *rows);
    AgreementReport report = computeAgreementReport(table);
    addBootstrap(report, table, bootstrap);
    return report;
}

} // namespace sg::core
