// spinegrade-cli screen STUDY_DIR [--json] [--model DIR]: the CNN's proposals for every
// axial slice of one study and the worst grade per disc level (JSON layout in the README).
#include "app/cli/CliCommands.h"
#include "app/cli/ReaderOptions.h"
#include "core/dicom/DicomReader.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"
#include "core/labels/LabelCsv.h"
#include "core/labels/Rsna.h"
#include "core/ml/ProposalModel.h"

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
};

const char* kGradeLetters[] = {"A", "B", "C", "D"};

// Rootlet slices with a canal: per level, the worst grade, the most probable slice among them.
struct LevelWorst {
    std::string level;
    int grade = -1;
    double probability = 0;
    std::string sopUid;
};

std::vector<LevelWorst> worstPerLevel(const std::vector<ScreenedSlice>& slices)
{
    std::map<core::Level, LevelWorst> byLevel;
    for (const ScreenedSlice& s : slices) {
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
        }
    }
    std::vector<LevelWorst> out;
    for (const auto& [level, w] : byLevel)
        out.push_back(w);
    return out;
}

Json toJson(const std::vector<ScreenedSlice>& slices, const std::vector<core::SkippedFile>& skipped)
{
    Json j;
    j["slices"] = Json::array();
    for (const ScreenedSlice& s : slices) {
        const core::SliceProposal& p = s.proposal;
        Json e;
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
        j["slices"].push_back(std::move(e));
    }
    j["levels"] = Json::array();
    for (const LevelWorst& w : worstPerLevel(slices))
        j["levels"].push_back({{"level", w.level}, {"worst_grade", kGradeLetters[w.grade]},
            {"probability", w.probability}, {"sop_uid", w.sopUid}});
    // Files and slices left out, so nothing is dropped silently.
    j["skipped"] = Json::array();
    for (const core::SkippedFile& s : skipped)
        j["skipped"].push_back({{"file", s.file}, {"reason", s.reason}});
    return j;
}

void printTable(const std::vector<ScreenedSlice>& slices, const core::ModelInfo& info)
{
    std::printf("model %s %s\n", info.name.c_str(), info.version.c_str());
    std::printf("%-6s %-6s %-22s %-14s %s\n", "level", "canal", "patch x,y,w,h", "rootlet/cord", "grade A/B/C/D");
    for (const ScreenedSlice& s : slices) {
        const core::SliceProposal& p = s.proposal;
        const std::string level = s.level ? std::string(core::levelName(*s.level)) : "-";
        if (!p.canalFound || !p.patch) {
            std::printf("%-6s %-6s (confidence %.2f)\n", level.c_str(), "none", p.canalConfidence);
            continue;
        }
        char patch[64];
        std::snprintf(patch, sizeof patch, "%.0f,%.0f,%.0f,%.0f", p.patch->x, p.patch->y, p.patch->w, p.patch->h);
        std::printf("%-6s %-6s %-22s %.2f/%.2f      %.2f/%.2f/%.2f/%.2f\n", level.c_str(),
            p.canal[1] > p.canal[0] ? "cord" : "root", patch, p.canal[0], p.canal[1], p.grade[0], p.grade[1],
            p.grade[2], p.grade[3]);
    }
    std::printf("\nworst grade per level:\n");
    for (const LevelWorst& w : worstPerLevel(slices))
        std::printf(
            "  %-6s %s  p=%.2f  %s\n", w.level.c_str(), kGradeLetters[w.grade], w.probability, w.sopUid.c_str());
}

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

int screen(const std::string& dir, bool json, const std::string& modelDir, const core::ReaderLimits& limits,
    const RsnaOptions& rsna = {})
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
            Json j = toJson({}, skipped);
            j["error"] = message;
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
    for (const core::LoadedSeries& series : loaded) {
        for (const core::LoadedStack& stack : series.stacks) {
            for (size_t i = 0; i < stack.slices.size(); ++i) {
                if (stack.slices[i].empty())
                    continue;
                images.push_back(&stack.slices[i]);
                screened.push_back({stack.stack->slices[i].sopInstanceUid, stack.stack->level, {}});
            }
        }
    }
    if (images.empty())
        return fail(dir + ": no slice of the study could be read (reasons above)");
    auto proposals = (*model)->proposeBatch(images);
    if (!proposals)
        return reportError(proposals.error());
    for (size_t k = 0; k < screened.size(); ++k)
        screened[k].proposal = (*proposals)[k];
    if (json)
        std::cout << toJson(screened, skipped).dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    else
        printTable(screened, (*model)->info());
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
        std::string model;
        std::shared_ptr<core::ReaderLimits> limits = std::make_shared<core::ReaderLimits>();
        RsnaOptions rsna;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("screen",
        "CNN proposals for every slice of one study (canal patch, rootlet/cord, Schizas grade) and the worst "
        "grade per disc level");
    cmd->add_option("STUDY_DIR", o->dir, "Folder of one DICOM study")->required();
    cmd->add_flag("--json", o->json, "Print the stable JSON described in the README");
    cmd->add_option("--model", o->model, "Model folder (default: $SPINEGRADE_MODEL_DIR or the shipped model)");
    cmd->add_option("--rsna-submission", o->rsna.submission,
        "Also write the RSNA 2024 challenge's spinal canal submission rows (row_id,normal_mild,moderate,severe) "
        "to this CSV file");
    cmd->add_option("--rsna-study-id", o->rsna.studyId,
        "The study_id of those rows (default: the study folder's name, as in train_images/{study_id})");
    addReaderLimitOptions(cmd, o->limits, true);
    cmd->callback([o, &exitCode] { exitCode = screen(o->dir, o->json, o->model, *o->limits, o->rsna); });
}

} // namespace sg::cli
