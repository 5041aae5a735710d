// spinegrade-cli screen STUDY_DIR [--json] [--model DIR] [--report FILE] [--dicom-out DIR]: the
// CNN's proposals for every axial slice of one study and the worst grade per disc level (JSON
// layout in the README); the screening report and its DICOM copies (ScreenOutputs.h).
#include "app/cli/CliCommands.h"
#include "app/cli/ReaderOptions.h"
#include "app/cli/ScreenOutputs.h"
#include "core/dicom/DicomReader.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"
#include "core/labels/ItemKey.h"
#include "core/labels/LabelCsv.h"
#include "core/labels/Rsna.h"
#include "core/ml/OutOfDistribution.h"
#include "core/ml/ProposalModel.h"
#include "core/ml/ScreeningFindings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

namespace sg::cli {
namespace {

using Json = nlohmann::ordered_json; // keys in the documented order

struct ScreenedSlice {
    std::string sopUid;
    std::optional<core::Level> level;
    core::SliceProposal proposal;
    int instanceNumber = 0; // for the slice's key (--deidentify)
};

const char* kGradeLetters[] = {"A", "B", "C", "D"};

// Rootlet slices with a canal: per level, the worst grade, the most probable slice among them.
// A level whose slices are all out of distribution is listed with the reason instead.
struct LevelWorst {
    std::string level;
    int grade = -1;
    double probability = 0;
    std::string sopUid;
    std::string notGraded; // grade < 0: why (core::levelNotGradedReason)
    std::int64_t index = 0; // of the slice in the screened list
};

std::vector<LevelWorst> worstPerLevel(const std::vector<ScreenedSlice>& slices)
{
    std::map<core::Level, LevelWorst> byLevel;
    std::map<core::Level, std::vector<const core::SliceProposal*>> perLevel;
    for (const ScreenedSlice& s : slices)
        if (s.level)
            perLevel[*s.level].push_back(&s.proposal);
    for (const auto& [level, proposals] : perLevel)
        if (std::string why = core::levelNotGradedReason(proposals); !why.empty())
            byLevel[level] = LevelWorst {std::string(core::levelName(level)), -1, 0, {}, why};
    for (std::int64_t k = 0; k < static_cast<std::int64_t>(slices.size()); ++k) {
        const ScreenedSlice& s = slices[static_cast<size_t>(k)];
        const auto grade = core::proposedGrade(s.proposal); // rootlet slices with a canal only
        if (!s.level || !grade)
            continue;
        LevelWorst& w = byLevel[*s.level];
        const int g = static_cast<int>(*grade);
        const double prob = s.proposal.grade[static_cast<size_t>(g)];
        const std::optional<core::Grade> worst =
            w.grade < 0 ? std::nullopt : std::optional<core::Grade>(static_cast<core::Grade>(w.grade));
        if (core::worseFinding(*grade, prob, worst, w.probability)) {
            w.level = std::string(core::levelName(*s.level));
            w.grade = g;
            w.probability = prob;
            w.sopUid = s.sopUid;
            w.index = k;
        }
    }
    std::vector<LevelWorst> out;
    for (const auto& [level, w] : byLevel)
        out.push_back(w);
    return out;
}

Json modelJson(const core::ModelInfo* info)
{
    if (!info)
        return nullptr;
    const std::string banner = core::modelStatusBanner(*info);
    return {{"name", info->name}, {"version", info->version},
        {"status", info->status.empty() ? Json(nullptr) : Json(info->status)},
        {"banner", banner.empty() ? Json(nullptr) : Json(banner)}, {"grade_temperature", info->gradeTemperature}};
}

// With `deidentify`, slices are named by their key ("S001 L4/L5 #3": level and ordinal by
// instance number, core/labels/ItemKey.h) instead of their SOP UID, and skipped files are
// counted, not named (README "De-identification").
Json toJson(const std::vector<ScreenedSlice>& slices, const std::vector<core::SkippedFile>& skipped,
    const core::ModelInfo* info, bool deidentify = false)
{
    std::vector<core::ItemKeySource> sources;
    for (size_t k = 0; k < slices.size(); ++k)
        sources.push_back({static_cast<std::int64_t>(k), 1, slices[k].level, slices[k].instanceNumber, {}});
    const core::ItemKeys keys(std::move(sources));
    Json j;
    j["slices"] = Json::array();
    for (size_t k = 0; k < slices.size(); ++k) {
        const ScreenedSlice& s = slices[k];
        const core::SliceProposal& p = s.proposal;
        Json e;
        if (deidentify)
            e["key"] = keys.key(static_cast<std::int64_t>(k));
        else
            e["sop_uid"] = s.sopUid;
        e["level"] = s.level ? Json(std::string(core::levelName(*s.level))) : Json(nullptr);
        e["canal_found"] = p.canalFound;
        if (p.canalFound && p.patch) {
            e["patch"] = {{"x", p.patch->x}, {"y", p.patch->y}, {"w", p.patch->w}, {"h", p.patch->h}};
            e["canal"] = {{"rootlet", p.canal[0]}, {"cord", p.canal[1]}};
            e["grade"] = {{"A", p.grade[0]}, {"B", p.grade[1]}, {"C", p.grade[2]}, {"D", p.grade[3]}};
        } else { // no canal: nothing to show or rate
            e["patch"] = nullptr;
            e["canal"] = nullptr;
            e["grade"] = nullptr;
        }
        e["not_graded"] = p.notGraded.empty() ? Json(nullptr) : Json(p.notGraded);
        j["slices"].push_back(std::move(e));
    }
    j["levels"] = Json::array();
    const char* const slice = deidentify ? "key" : "sop_uid";
    for (const LevelWorst& w : worstPerLevel(slices)) {
        if (w.grade < 0)
            j["levels"].push_back({{"level", w.level}, {"worst_grade", nullptr}, {"probability", nullptr},
                {slice, nullptr}, {"not_graded", w.notGraded}});
        else
            j["levels"].push_back(
                {{"level", w.level}, {"worst_grade", kGradeLetters[w.grade]}, {"probability", w.probability},
                    {slice, deidentify ? Json(keys.key(w.index)) : Json(w.sopUid)}, {"not_graded", nullptr}});
    }
    // Files and slices left out, so nothing is dropped silently.
    if (deidentify) {
        j["skipped"] = skipped.size();
        j["model"] = modelJson(info);
        return j;
    }
    j["skipped"] = Json::array();
    for (const core::SkippedFile& s : skipped)
        j["skipped"].push_back({{"file", s.file}, {"reason", s.reason}});
    j["model"] = modelJson(info); // name, version and the model card's status
    return j;
}

void printTable(const std::vector<ScreenedSlice>& slices, const core::ModelInfo& info)
{
    std::printf("model %s %s\n", info.name.c_str(), info.version.c_str());
    if (const std::string banner = core::modelStatusBanner(info); !banner.empty())
        std::printf("status: %s\n", banner.c_str());
    else
        std::printf("status: validated on %s\n", info.validatedOn.c_str());
    std::printf("probabilities after temperature scaling (T = %.2f)\n", info.gradeTemperature);
    std::printf("%-6s %-6s %-22s %-14s %s\n", "level", "canal", "patch x,y,w,h", "rootlet/cord", "grade A/B/C/D");
    for (const ScreenedSlice& s : slices) {
        const core::SliceProposal& p = s.proposal;
        const std::string level = s.level ? std::string(core::levelName(*s.level)) : "-";
        if (!p.canalFound || !p.patch) {
            std::printf("%-6s %-6s (confidence %.2f) not graded: %s\n", level.c_str(), "none", p.canalConfidence,
                p.notGraded.empty() ? "no canal found" : p.notGraded.c_str());
            continue;
        }
        char patch[64];
        std::snprintf(patch, sizeof patch, "%.0f,%.0f,%.0f,%.0f", p.patch->x, p.patch->y, p.patch->w, p.patch->h);
        std::printf("%-6s %-6s %-22s %.2f/%.2f      %.2f/%.2f/%.2f/%.2f\n", level.c_str(),
            p.canal[1] > p.canal[0] ? "cord" : "root", patch, p.canal[0], p.canal[1], p.grade[0], p.grade[1],
            p.grade[2], p.grade[3]);
    }
    std::printf("\nworst grade per level:\n");
    for (const LevelWorst& w : worstPerLevel(slices)) {
        if (w.grade < 0)
            std::printf("  %-6s not graded: %s\n", w.level.c_str(), w.notGraded.c_str());
        else
            std::printf(
                "  %-6s %s  p=%.2f  %s\n", w.level.c_str(), kGradeLetters[w.grade], w.probability, w.sopUid.c_str());
    }
}

struct Outputs {
    std::string report; // --report: PDF or HTML
    std::string dicomDir; // --dicom-out
    bool any() const { return !report.empty() || !dicomDir.empty(); }
};

// --rsna-submission: the RSNA 2024 challenge's spinal canal rows, one per level, from the grade
// probabilities of the slice that stands for the level above (its worst); a level with no
// graded slice gets 1/3 each and a note on stderr.
int writeRsnaSubmission(const std::string& path, const std::string& studyId, const std::vector<ScreenedSlice>& slices)
{
    std::map<core::Level, std::array<double, 4>> byLevel;
    for (const LevelWorst& w : worstPerLevel(slices))
        for (const ScreenedSlice& s : slices)
            if (s.sopUid == w.sopUid && s.level)
                byLevel[*s.level] = {
                    s.proposal.grade[0], s.proposal.grade[1], s.proposal.grade[2], s.proposal.grade[3]};
    std::vector<core::RsnaSubmissionRow> rows;
    for (core::Level level : core::kAllLevels) {
        const auto it = byLevel.find(level);
        if (it == byLevel.end())
            std::cerr << "spinegrade-cli screen: no graded slice at " << core::levelName(level)
                      << ": the submission row says 1/3 each\n";
        rows.push_back(core::rsnaSubmissionRow(
            studyId, level, it == byLevel.end() ? std::nullopt : std::optional<std::array<double, 4>>(it->second)));
    }
    if (core::Status written = core::writeTextFile(path, core::formatRsnaSubmission(rows)); !written)
        return reportError(written.error());
    std::cerr << "RSNA submission rows (A -> normal_mild, B -> moderate, C + D -> severe) written to " << path << '\n';
    return 0;
}

// The study's RSNA id: given, or the name of its folder (train_images/{study_id}).
std::optional<std::string> rsnaStudyId(const std::string& dir, const std::string& given)
{
    const std::string id = given.empty() ? std::filesystem::path(dir).lexically_normal().filename().string() : given;
    if (core::isRsnaId(id))
        return id;
    if (given.empty() && id.empty()) // "study/" names its folder in the parent's entry
        if (const std::string parent = std::filesystem::path(dir).lexically_normal().parent_path().filename().string();
            core::isRsnaId(parent))
            return parent;
    return std::nullopt;
}

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
            Json j = toJson({}, skipped, &(*model)->info(), deidentify);
            j["error"] = deidentify ? std::string("the study could not be screened (see stderr)") : message;
            std::cout << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
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
        std::cout << toJson(screened, skipped, &(*model)->info(), deidentify)
                         .dump(-1, ' ', false, Json::error_handler_t::replace)
                  << '\n';
    else
        printTable(screened, (*model)->info());
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
