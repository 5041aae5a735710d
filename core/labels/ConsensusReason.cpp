#include "core/labels/ConsensusReason.h"

#include <cctype>

namespace sg::core {
namespace {

std::string normalised(std::string_view text)
{
    std::string out;
    for (char c : text) {
        if (c == ' ' || c == '-')
            c = '_';
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

} // namespace

const std::vector<ConsensusReason>& allConsensusReasons()
{
    static const std::vector<ConsensusReason> all {ConsensusReason::AnatomicalVariation, ConsensusReason::ImageQuality,
        ConsensusReason::BorderlineGrade, ConsensusReason::ReaderError, ConsensusReason::LevelMismatch,
        ConsensusReason::Other};
    return all;
}

std::string_view consensusReasonName(ConsensusReason reason)
{
    switch (reason) {
    case ConsensusReason::AnatomicalVariation: return "anatomical_variation";
    case ConsensusReason::ImageQuality: return "image_quality";
    case ConsensusReason::BorderlineGrade: return "borderline_grade";
    case ConsensusReason::ReaderError: return "reader_error";
    case ConsensusReason::LevelMismatch: return "level_mismatch";
    case ConsensusReason::Other: return "other";
    }
    return "other";
}

std::string_view consensusReasonTitle(ConsensusReason reason)
{
    switch (reason) {
    case ConsensusReason::AnatomicalVariation: return "Anatomical variation";
    case ConsensusReason::ImageQuality: return "Image quality";
    case ConsensusReason::BorderlineGrade: return "Borderline grade";
    case ConsensusReason::ReaderError: return "Reader error";
    case ConsensusReason::LevelMismatch: return "Level mismatch";
    case ConsensusReason::Other: return "Other";
    }
    return "Other";
}

std::optional<ConsensusReason> parseConsensusReason(std::string_view text)
{
    const std::string norm = normalised(trim(text));
    for (ConsensusReason r : allConsensusReasons())
        if (norm == consensusReasonName(r))
            return r;
    return std::nullopt;
}

std::optional<ReasonWithText> parseReasonWithText(std::string_view text)
{
    const size_t colon = text.find(':');
    const auto reason = parseConsensusReason(text.substr(0, colon));
    if (!reason)
        return std::nullopt;
    ReasonWithText out;
    out.reason = *reason;
    if (colon != std::string_view::npos)
        out.text = std::string(trim(text.substr(colon + 1)));
    return out;
}

std::string formatReasonWithText(ConsensusReason reason, std::string_view text)
{
    std::string out(consensusReasonName(reason));
    if (!text.empty())
        out += ": " + std::string(text);
    return out;
}

} // namespace sg::core
