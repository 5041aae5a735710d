#include "core/study/PatientIdentity.h"

#include "core/util/PrintableText.h"

#include <cctype>
#include <vector>

namespace sg::core {
namespace {

std::string trimmed(const std::string& s)
{
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\0'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\0'))
        --e;
    return s.substr(b, e - b);
}

bool digits(const std::string& s, size_t from, size_t count)
{
    if (s.size() < from + count)
        return false;
    for (size_t i = from; i < from + count; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
    return true;
}

std::vector<std::string> split(const std::string& s, char sep)
{
    std::vector<std::string> parts(1);
    for (char c : s) {
        if (c == sep)
            parts.emplace_back();
        else
            parts.back() += c;
    }
    return parts;
}

// Joins the non-empty parts with sep.
std::string joined(const std::vector<std::string>& parts, const std::string& sep)
{
    std::string out;
    for (const std::string& p : parts) {
        if (p.empty())
            continue;
        if (!out.empty())
            out += sep;
        out += p;
    }
    return out;
}

} // namespace

std::string formatPersonName(const std::string& pn)
{
    const std::string alphabetic = split(trimmed(pn), '=').front();
    std::vector<std::string> c = split(alphabetic, '^');
    for (std::string& part : c)
        part = trimmed(part);
    c.resize(5);
    const std::string given = joined({c[1], c[2]}, " ");
    std::string name = c[0];
    if (!given.empty())
        name = name.empty() ? given : name + ", " + given;
    if (!c[3].empty())
        name = c[3] + " " + name;
    if (!c[4].empty())
        name += ", " + c[4];
    return name;
}

std::string formatDicomDate(const std::string& da)
{
    const std::string d = trimmed(da);
    if (d.size() == 8 && digits(d, 0, 8))
        return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
    return d;
}

std::string formatDicomTime(const std::string& tm)
{
    const std::string t = trimmed(tm);
    if (digits(t, 0, 4))
        return t.substr(0, 2) + ":" + t.substr(2, 2);
    return t;
}

std::string formatAge(const std::string& as, const std::string& birthDate, const std::string& studyDate)
{
    const std::string a = trimmed(as);
    if (a.size() == 4 && digits(a, 0, 3)) {
        const char* units = a[3] == 'Y' ? "y" : a[3] == 'M' ? "mo" : a[3] == 'W' ? "wk" : a[3] == 'D' ? "d" : nullptr;
        if (units)
            return std::to_string(std::stoi(a.substr(0, 3))) + " " + units;
    }
    if (!a.empty())
        return a;
    const std::string b = trimmed(birthDate), s = trimmed(studyDate);
    if (b.size() != 8 || s.size() != 8 || !digits(b, 0, 8) || !digits(s, 0, 8))
        return {};
    int years = std::stoi(s.substr(0, 4)) - std::stoi(b.substr(0, 4));
    if (s.substr(4) < b.substr(4))
        --years; // birthday not reached yet in the study's year
    return years >= 0 && years < 150 ? std::to_string(years) + " y" : std::string();
}

PatientIdentity patientIdentity(const Study& study)
{
    auto field = [](const std::string& text) { return printableLine(text, kIdentityFieldChars); };
    PatientIdentity p;
    p.name = field(formatPersonName(study.patientName));
    p.id = field(trimmed(study.patientId));
    const std::string sex = trimmed(study.patientSex);
    p.sex = sex == "F" || sex == "M" || sex == "O" ? sex : field(sex);
    p.age = field(formatAge(study.patientAge, study.patientBirthDate, study.studyDate));
    p.birthDate = field(formatDicomDate(study.patientBirthDate));
    p.studyDate = field(formatDicomDate(study.studyDate));
    p.studyTime = field(formatDicomTime(study.studyTime));
    p.studyDescription = field(trimmed(study.description));
    p.accessionNumber = field(trimmed(study.accessionNumber));
    return p;
}

std::string PatientIdentity::patientLine() const
{
    return joined({name.empty() ? std::string("(no name)") : name, id.empty() ? std::string() : "ID " + id,
                      joined({sex, age}, " ")},
        " \xC2\xB7 ");
}

std::string PatientIdentity::nameLine() const
{
    return name.empty() ? std::string("(no name)") : name;
}

std::string PatientIdentity::detailsLine() const
{
    return joined({id.empty() ? std::string() : "ID " + id, joined({sex, age}, " ")}, " \xC2\xB7 ");
}

std::string PatientIdentity::studyLine() const
{
    const std::string when = joined({studyDate, studyTime}, " ");
    return joined({when.empty() ? std::string() : "Study " + when, studyDescription}, " \xC2\xB7 ");
}

} // namespace sg::core
