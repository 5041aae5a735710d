#include "app/cli/ScreenJson.h"

#include "core/labels/ItemKey.h"

namespace sg::cli {
namespace {

using Json = ScreenJsonDocument;

Json screenModelJson(const core::ModelInfo* info)
{
    if (!info)
        return nullptr;
    const std::string banner = core::modelStatusBanner(*info);
    return {{"name", info->name}, {"version", info->version},
        {"status", info->status.empty() ? Json(nullptr) : Json(info->status)},
        {"banner", banner.empty() ? Json(nullptr) : Json(banner)}, {"grade_temperature", info->gradeTemperature}};
}

} // namespace

Json screenJson(const std::vector<ScreenedSlice>& slices, const std::vector<core::SkippedFile>& skipped,
    const core::ModelInfo* info, bool deidentify)
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
        j["model"] = screenModelJson(info);
        return j;
    }
    j["skipped"] = Json::array();
    for (const core::SkippedFile& s : skipped)
        j["skipped"].push_back({{"file", s.file}, {"reason", s.reason}});
    j["model"] = screenModelJson(info); // name, version and the model card's status
    return j;
}

} // namespace sg::cli
