#include "app/cli/RsnaLabels.h"

#include "app/cli/CliCommands.h"
#include "app/cli/LeadSignIn.h"
#include "app/cli/RootOption.h"
#include "core/store/RsnaTransfer.h"

#include <iostream>
#include <set>

namespace sg::cli {

int importRsnaLabels(
    const std::string& db, const std::string& dir, double maxCsvMb, const std::string& as, const std::string& root)
{
    if (!(maxCsvMb > 0))
        return reportError("--max-csv-mb must be a positive number of megabytes");
    core::Analyzer lead;
    if (const int refused = signInLead(db, as, "labels import --rsna", &lead))
        return refused;
    std::cout << core::rsnaCrosswalkText() << '\n';
    // The three files are read and checked before the project is opened: a bad row changes nothing.
    auto data = core::readRsnaDataset(dir, static_cast<std::uint64_t>(maxCsvMb * 1024 * 1024));
    if (!data)
        return reportError(data.error());
    auto store = core::ProjectStore::open(db, projectOptions(root));
    if (!store)
        return reportError(store.error());
    if (!(*store)->migrationBackup().empty())
        std::cerr << "upgraded " << db << " to this version's format; the file as it was is kept as "
                  << (*store)->migrationBackup() << '\n';
    auto summary = core::importRsnaLabels(**store, lead, *data, dir);
    if (!summary)
        return reportError(summary.error());
    for (const std::string& w : summary->levelWarnings)
        std::cerr << "spinegrade-cli: " << w << '\n';
    std::cout << summary->points << " spinal canal point(s) of axial series read as rater '" << core::kRsnaRater
              << "', " << summary->labels.changedLabels << " label(s) created or changed; skipped "
              << summary->otherSeriesRows << " spinal canal row(s) of other series (sagittal) and "
              << summary->otherConditionRows << " row(s) of other conditions\n";
    return 0;
}

int exportRsnaLabels(const std::string& db, const std::string& dir, const std::optional<std::string>& rater)
{
    core::OpenOptions readOnly;
    readOnly.readOnly = true; // an export only reads
    auto store = core::ProjectStore::open(db, readOnly);
    if (!store)
        return reportError(store.error());
    std::optional<std::string> who = rater;
    if (who && who->empty()) {
        // Neither --rater nor --consensus: the one rater with grades, if there is exactly one.
        auto rows = core::exportLabelRows(**store); // every label, with its rater's name
        if (!rows)
            return reportError(rows.error());
        std::set<std::string> withGrades;
        for (const core::LabelRow& row : *rows)
            if (row.task == core::Task::Grade && !row.label.empty())
                withGrades.insert(row.rater);
        if (withGrades.size() != 1) {
            std::string names;
            for (const std::string& n : withGrades)
                names += (names.empty() ? "" : ", ") + n;
            return reportError("labels export --rsna: give --rater NAME or --consensus (raters with grades: " +
                (names.empty() ? std::string("none") : names) + ")");
        }
        who = *withGrades.begin();
    }
    auto summary = core::exportRsnaLabels(**store, dir, who);
    if (!summary)
        return reportError(summary.error());
    std::cout << core::rsnaCrosswalkText() << '\n';
    std::cout << "labels of " << (who ? "rater '" + *who + "'" : std::string("the consensus")) << ": "
              << summary->studies << " stud(ies), " << summary->levels << " level(s) written to " << dir << " ("
              << core::kRsnaTrainCsv << ", " << core::kRsnaCoordinatesCsv << ", " << core::kRsnaSeriesCsv << ")";
    if (summary->withoutPatch > 0)
        std::cout << "; " << summary->withoutPatch << " level(s) without a patch have no coordinate row";
    if (summary->gradedWithoutLevel > 0)
        std::cout << "; " << summary->gradedWithoutLevel << " graded slice(s) without a level left out";
    std::cout << '\n';
    return 0;
}

} // namespace sg::cli
