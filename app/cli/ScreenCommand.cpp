// spinegrade-cli screen STUDY_DIR [--json] [--model DIR] [--report FILE] [--dicom-out DIR]: the
// CNN's proposals for every axial slice of one study and the worst grade per disc level. This
// file reads and screens the study and wires the options; what it prints and writes is in
// ScreenJson.h (--json), ScreenTable.h (the table), ScreenOutputs.h (the screening report and
// its DICOM copies) and ScreenRsnaSubmission.h (--rsna-submission).
#include "app/cli/CliCommands.h"
#include "app/cli/ReaderOptions.h"
#include "app/cli/ScreenJson.h"
#include "app/cli/ScreenOutputs.h"
#include "app/cli/ScreenRsnaSubmission.h"
#include "app/cli/ScreenTable.h"
#include "app/cli/ScreenedSlices.h"
#include "core/dicom/DicomReader.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"
#include "core/ml/ProposalModel.h"
#include "core/ml/ScreeningFindings.h"

#include <iostream>
#include <memory>

namespace sg::cli {
namespace {

struct Outputs {
    std::string report; // --report: PDF or HTML
    std::string dicomDir; // --dicom-out
    bool any() const { return !report.empty() || !dicomDir.empty(); }
};

struct RsnaOptions {
    std::string submission; // empty: none
    std::string studyId;
};

int screen(const std::string& dir, bool json, bool deidentify, const std::string& modelDir,
    const core::ReaderLimits& limits, const Outputs& outputs, const RsnaOptions& rsna = {})
{
    std::string rsnaId;
    if (!rsna.submission.empty()) {
        const auto id = rsnaStudyId(dir, rsna.studyId);
        if (!id)
            return reportError("--rsna-submission needs the study's RSNA id: give --rsna-study-id ID (digits), or "
                               "screen a folder named by it (train_images/{study_id})");
        rsnaId = *id;
    }
    auto model = core::ProposalModel::load(modelDir.empty() ? core::defaultModelDirectory() : modelDir);
    if (!model)
        return reportError("no proposals: " + model.error());
    if (const auto helper = core::findDicomReader(); !helper)
        return reportError(helper.error());
    const core::ScanResult scan = core::scanPath(dir, limits);
    std::vector<core::SkippedFile> skipped = scan.skipped;
    for (const core::SkippedFile& s : scan.skipped)
        std::cerr << "spinegrade-cli screen: skipped " << printablePath(s.file) << ": " << s.reason << '\n';
    // With --json a failure is JSON too (no slices, the files skipped and why, the error), so a
    // script always gets the reasons; the exit status still says it failed.
    auto fail = [&](const std::string& message) {
        if (json) {
            ScreenJsonDocument j = screenJson({}, skipped, &(*model)->info(), deidentify);
            j["error"] = deidentify ? std::string("the study could not be screened (see stderr)") : message;
            std::cout << j.dump(-1, ' ', false, ScreenJsonDocument::error_handler_t::replace) << '\n';
        }
        return reportError(message);
    };
    if (scan.studies.empty())
        return fail(dir + ": no DICOM study found");
    if (scan.studies.size() > 1)
        return fail(dir + ": holds " + std::to_string(scan.studies.size()) + " studies; give the folder of one study");
    // Every slice is read first, then proposed in one batch: Torch's worker threads then never
    // compete with the loader's threads, and one large batch costs least per slice.
    // A slice that cannot be read is skipped with its reason; the rest is screened.
    std::vector<core::LoadedSeries> loaded;
    core::LoadControl control;
    control.limits = limits;
    uint64_t studyBytes = 0;
    control.studyBytes = &studyBytes; // one budget for all series of the study
    for (const core::Series& series : scan.studies.front().series) {
        loaded.push_back(core::loadSeries(series, control));
        for (const core::SkippedFile& s : loaded.back().failed) {
            std::cerr << "spinegrade-cli screen: skipped " << printablePath(s.file) << ": " << s.reason << '\n';
            skipped.push_back(s);
        }
    }
    core::stopDicomReaders(); // all read: the readers' memory is accounted to this run
    std::vector<const core::SliceImage*> images;
    std::vector<ScreenedSlice> screened;
    std::vector<core::ScreenedSlice> places; // the same slices, where they lie (the report)
    const core::Study& study = scan.studies.front();
    for (size_t se = 0; se < loaded.size(); ++se) {
        const core::LoadedSeries& series = loaded[se];
        for (const core::LoadedStack& stack : series.stacks) {
            for (size_t i = 0; i < stack.slices.size(); ++i) {
                if (stack.slices[i].empty())
                    continue;
                images.push_back(&stack.slices[i]);
                screened.push_back({stack.stack->slices[i].sopInstanceUid, stack.stack->level, {},
                    stack.stack->slices[i].instanceNumber});
                places.push_back({stack.stack, static_cast<int>(i), &stack.slices[i], study.series[se].description,
                    study.series[se].modality, {}});
            }
        }
    }
    if (images.empty())
        return fail(dir + ": no slice of the study could be read (reasons above)");
    auto proposals = (*model)->proposeBatch(images);
    if (!proposals)
        return reportError(proposals.error());
    for (size_t k = 0; k < screened.size(); ++k)
        screened[k].proposal = places[k].proposal = (*proposals)[k];
    if (json)
        std::cout << screenJson(screened, skipped, &(*model)->info(), deidentify)
                         .dump(-1, ' ', false, ScreenJsonDocument::error_handler_t::replace)
                  << '\n';
    else
        printScreenTable(screened, (*model)->info());
    if (outputs.any()) {
        const core::ScreeningReport report =
            core::buildScreeningReport(study, (*model)->info(), core::modelStatusBanner((*model)->info()), places);
        if (const int status = writeScreenOutputs(report, outputs.report, outputs.dicomDir); status != 0)
            return status;
    }
    if (!rsna.submission.empty())
        return writeRsnaSubmission(rsna.submission, rsnaId, screened);
    return 0;
}

} // namespace

void addScreenCommand(CLI::App& app, int& exitCode)
{
    struct Options {
        std::string dir;
        bool json = false;
        bool deidentify = false;
        std::string model;
        Outputs outputs;
        std::shared_ptr<core::ReaderLimits> limits = std::make_shared<core::ReaderLimits>();
        RsnaOptions rsna;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("screen",
        "CNN proposals for every slice of one study (canal patch, rootlet/cord, Schizas grade) and the worst "
        "grade per disc level");
    cmd->add_option("STUDY_DIR", o->dir, "Folder of one DICOM study")->required();
    cmd->add_flag("--json", o->json, "Print the stable JSON described in the README");
    cmd->add_flag("--deidentify", o->deidentify,
        "With --json: slices named by key (S001 L4/L5 #3) instead of SOP UID, skipped files counted, not named");
    cmd->add_option("--model", o->model, "Model folder (default: $SPINEGRADE_MODEL_DIR or the shipped model)");
    cmd->add_option("--report", o->outputs.report,
        "Write the one-page screening report (patient, model, worst grade per level, key images): FILE.pdf or "
        "FILE.html");
    cmd->add_option("--dicom-out", o->outputs.dicomDir,
        "Write the key images (Secondary Capture, patch burned in) and the report (Encapsulated PDF) as DICOM "
        "into DIR, as new series of the study");
    cmd->add_option("--rsna-submission", o->rsna.submission,
        "Also write the RSNA 2024 challenge's spinal canal submission rows (row_id,normal_mild,moderate,severe) "
        "to this CSV file");
    cmd->add_option("--rsna-study-id", o->rsna.studyId,
        "The study_id of those rows (default: the study folder's name, as in train_images/{study_id})");
    addReaderLimitOptions(cmd, o->limits, true);
    cmd->callback([o, &exitCode] {
        exitCode = screen(o->dir, o->json, o->deidentify, o->model, *o->limits, o->outputs, o->rsna);
    });
}

} // namespace sg::cli
