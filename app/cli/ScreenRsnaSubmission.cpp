#include "app/cli/ScreenRsnaSubmission.h"

#include "app/cli/CliCommands.h"
#include "core/labels/LabelCsv.h"
#include "core/labels/Rsna.h"

#include <array>
#include <filesystem>
#include <iostream>
#include <map>

namespace sg::cli {

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

} // namespace sg::cli
