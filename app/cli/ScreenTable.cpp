#include "app/cli/ScreenTable.h"

#include <cstdio>
#include <string>

namespace sg::cli {

void printScreenTable(const std::vector<ScreenedSlice>& slices, const core::ModelInfo& info)
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

} // namespace sg::cli
