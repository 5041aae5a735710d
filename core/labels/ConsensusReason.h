#pragma once
// Why the lead decided a consensus the way they did: a code from a fixed list (so a report
// can count them per level) plus free text.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sg::core {

enum class ConsensusReason { AnatomicalVariation, ImageQuality, BorderlineGrade, ReaderError, LevelMismatch, Other };

const std::vector<ConsensusReason>& allConsensusReasons(); // in the order above
// "anatomical_variation", "image_quality", "borderline_grade", "reader_error",
// "level_mismatch", "other": what files, the CLI and the database store.
std::string_view consensusReasonName(ConsensusReason reason);
// "Anatomical variation", ...: what a person reads.
std::string_view consensusReasonTitle(ConsensusReason reason);
// Accepts the name or the title, any case, spaces/dashes for underscores.
std::optional<ConsensusReason> parseConsensusReason(std::string_view text);

struct ReasonWithText {
    ConsensusReason reason = ConsensusReason::Other;
    std::string text; // free text, may be empty
};
// "borderline_grade" or "borderline_grade: CSF seen on the slice above"; nullopt when the
// code before the colon is not one of the list.
std::optional<ReasonWithText> parseReasonWithText(std::string_view text);
std::string formatReasonWithText(ConsensusReason reason, std::string_view text); // the inverse

} // namespace sg::core
