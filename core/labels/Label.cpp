#include "core/labels/Label.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace sg::core {

bool Label::sameValue(const Label& o) const
{
    return itemId == o.itemId && analyzerId == o.analyzerId && patch == o.patch && canal == o.canal &&
        grade == o.grade && subgrade == o.subgrade && comment == o.comment && secondsSpent == o.secondsSpent;
}

std::string_view canalName(Canal canal)
{
    return canal == Canal::Rootlet ? "rootlet" : "cord";
}

std::optional<Canal> parseCanal(std::string_view text)
{
    if (text == "rootlet")
        return Canal::Rootlet;
    if (text == "cord")
        return Canal::Cord;
    return std::nullopt;
}

std::string_view gradeName(Grade grade)
{
    static constexpr std::string_view names[] = {"A", "B", "C", "D"};
    return names[static_cast<int>(grade)];
}

std::optional<Grade> parseGrade(std::string_view text)
{
    for (Grade g : {Grade::A, Grade::B, Grade::C, Grade::D})
        if (text == gradeName(g))
            return g;
    return std::nullopt;
}

std::string subgradeName(int subgrade)
{
    std::string name = "A";
    name += static_cast<char>('0' + subgrade);
    return name;
}

std::optional<int> parseSubgrade(std::string_view text)
{
    if (text.size() == 2 && text[0] == 'A' && text[1] >= '1' && text[1] <= '4')
        return text[1] - '0';
    return std::nullopt;
}

Status validateLabel(const Label& label)
{
    if (label.grade && label.canal == Canal::Cord)
        return Status::failure("a cord slice cannot be graded: grades A-D describe the rootlets of the cauda equina");
    if (label.subgrade && (*label.subgrade < 1 || *label.subgrade > 4))
        return Status::failure("sub-grade must be A1, A2, A3 or A4");
    if (label.subgrade && label.grade != Grade::A)
        return Status::failure("sub-grade " + subgradeName(*label.subgrade) + " needs grade A");
    if (label.patch) {
        const Patch& p = *label.patch;
        // NaN compares false with everything: test finiteness first, or a NaN size passes "> 0".
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.w) || !std::isfinite(p.h))
            return Status::failure("the canal patch has a coordinate that is not a finite number (NaN or infinite)");
        if (p.w <= 0 || p.h <= 0)
            return Status::failure("the canal patch must have a positive width and height");
    }
    if (!std::isfinite(label.secondsSpent))
        return Status::failure("time spent is not a finite number (NaN or infinite)");
    if (label.secondsSpent < 0)
        return Status::failure("time spent cannot be negative");
    return Status::success();
}

std::string utcNow()
{
    using namespace std::chrono;
    const auto now = system_clock::now();
    const std::time_t t = system_clock::to_time_t(now);
    const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
        tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

} // namespace sg::core
