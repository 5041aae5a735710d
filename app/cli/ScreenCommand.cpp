// spinegrade-cli screen STUDY_DIR [--json] [--model DIR]: the CNN's proposals for every
// axial slice of one study and the worst grade per disc level (JSON layout in the README).
#include "app/cli/CliCommands.h"
#include "app/cli/ReaderOptions.h"
#include "core/dicom/DicomReader.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"
#include "core/labels/ItemKey.h"
#include "core/ml/ProposalModel.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
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
struct LevelWorst {
    std::string level;
    int grade = -1;
    double probability = 0;
    std::string sopUid;
    std::int64_t index = 0; // of the slice in the screened list
};

std::vector<LevelWorst> worstPerLevel(const std::vector<ScreenedSlice>& slices)
{
    std::map<core::Level, LevelWorst> byLevel;
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

// With `deidentify`, slices are named by their key ("S001 L4/L5 #3": level and ordinal by
// instance number, core/labels/ItemKey.h) instead of their SOP UID, and skipped files are
// counted, not named (README "De-identification").
Json toJson(
    const std::vector<ScreenedSlice>& slices, const std::vector<core::SkippedFile>& skipped, bool deidentify = false)
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
        j["slices"].push_back(std::move(e));
    }
    j["levels"] = Json::array();
    for (const LevelWorst& w : worstPerLevel(slices))
        j["levels"].push_back(
            {{"level", w.level}, {"worst_grade", kGradeLetters[w.grade]}, {"probability", w.probability},
                {deidentify ? "key" : "sop_uid", deidentify ? keys.key(w.index) : w.sopUid}});
    // Files and slices left out, so nothing is dropped silently.
    if (deidentify) {
        j["skipped"] = skipped.size();
        return j;
    }
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

int screen(
    const std::string& dir, bool json, bool deidentify, const std::string& modelDir, const core::ReaderLimits& limits)
{
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
            Json j = toJson({}, skipped, deidentify);
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
    for (const core::LoadedSeries& series : loaded) {
        for (const core::LoadedStack& stack : series.stacks) {
            for (size_t i = 0; i < stack.slices.size(); ++i) {
                if (stack.slices[i].empty())
                    continue;
                images.push_back(&stack.slices[i]);
                screened.push_back({stack.stack->slices[i].sopInstanceUid, stack.stack->level, {},
                    stack.stack->slices[i].instanceNumber});
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
        std::cout << toJson(screened, skipped, deidentify).dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    else
        printTable(screened, (*model)->info());
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
        std::shared_ptr<core::ReaderLimits> limits = std::make_shared<core::ReaderLimits>();
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
    addReaderLimitOptions(cmd, o->limits, true);
    cmd->callback([o, &exitCode] { exitCode = screen(o->dir, o->json, o->deidentify, o->model, *o->limits); });
}

} // namespace sg::cli
