#pragma once
// One analyzer's label of one item (an axial slice): the three tools of the study
// (patch, rootlet vs cord, Schizas grade) plus a comment and the time it took.
#include "core/util/Status.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sg::core {

enum class Canal { Rootlet, Cord };
enum class Grade { A, B, C, D };

struct Patch {
    double x = 0; // pixels, top-left corner in the slice's column/row frame
    double y = 0;
    double w = 0;
    double h = 0;
    bool operator==(const Patch&) const = default;
};

struct Label {
    std::int64_t itemId = 0;
    std::int64_t analyzerId = 0;
    std::optional<Patch> patch;
    std::optional<Canal> canal;
    std::optional<Grade> grade;
    std::optional<int> subgrade; // 1..4 for A1..A4; only with grade A
    std::string comment;
    double secondsSpent = 0;
    std::string timestamp; // UTC ISO 8601, set by the store when the label is saved

    // Same label value; the timestamp says when, not what, so it is not compared.
    bool sameValue(const Label& other) const;
};

std::string_view canalName(Canal canal); // "rootlet", "cord"
std::optional<Canal> parseCanal(std::string_view);
std::string_view gradeName(Grade grade); // "A".."D"
std::optional<Grade> parseGrade(std::string_view);
std::string subgradeName(int subgrade); // "A1".."A4"
std::optional<int> parseSubgrade(std::string_view); // "A1".."A4" -> 1..4

// The rules of a label, with messages an analyzer understands:
// no grade on a cord slice, sub-grades only with grade A, a patch with a positive size.
Status validateLabel(const Label& label);

// Now in UTC, ISO 8601 with milliseconds: "2026-11-27T23:59:01.123Z".
std::string utcNow();

} // namespace sg::core
