#include "core/labels/RaterName.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <vector>

namespace sg::core {
namespace {

std::u16string toUtf16(std::string_view s, bool& ok)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    u_strFromUTF8(nullptr, 0, &length, s.data(), static_cast<int32_t>(s.size()), &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
        ok = false;
        return {};
    }
    status = U_ZERO_ERROR;
    std::u16string out(static_cast<size_t>(length), u'\0');
    u_strFromUTF8(
        reinterpret_cast<UChar*>(out.data()), length, nullptr, s.data(), static_cast<int32_t>(s.size()), &status);
    ok = U_SUCCESS(status);
    return out;
}

bool hasBadControl(std::string_view s)
{
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7F)
            return true;
    }
    return false;
}

bool edgeSpace(std::string_view s)
{
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    return !s.empty() && (space(s.front()) || space(s.back()));
}

std::string quoted(const std::string& name)
{
    return "'" + name + "'";
}

} // namespace

std::string raterNameKey(std::string_view name)
{
    bool ok = true;
    const std::u16string in = toUtf16(name, ok);
    if (!ok)
        return {};
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* nfkcCf = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status))
        return {};
    const auto* src = reinterpret_cast<const UChar*>(in.data());
    const auto srcLength = static_cast<int32_t>(in.size());
    int32_t length = unorm2_normalize(nfkcCf, src, srcLength, nullptr, 0, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return {};
    status = U_ZERO_ERROR;
    std::u16string folded(static_cast<size_t>(length), u'\0');
    length = unorm2_normalize(nfkcCf, src, srcLength, reinterpret_cast<UChar*>(folded.data()), length, &status);
    if (U_FAILURE(status))
        return {};
    // Back to UTF-8 code point by code point, leaving out every white space.
    std::string key;
    for (int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U16_NEXT(folded.data(), i, length, c);
        if (u_isUWhiteSpace(c))
            continue;
        char buf[4];
        int32_t n = 0;
        UBool error = false;
        U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, error);
        if (error)
            return {};
        key.append(buf, static_cast<size_t>(n));
    }
    return key;
}

Status checkNewRaterName(const std::string& name, const RaterNameContext& context, std::string_view what)
{
    const std::string label = std::string(what) + " " + quoted(name);
    if (name.empty())
        return Status::failure("an empty " + std::string(what) + " is not allowed");
    bool utf8 = true;
    toUtf16(name, utf8);
    if (!utf8 || hasBadControl(name))
        return Status::failure("the " + label + " is not plain UTF-8 text (control characters or invalid bytes)");
    if (edgeSpace(name))
        return Status::failure("the " + label + " begins or ends with a space; remove it");
    const std::string key = raterNameKey(name);
    if (key.empty())
        return Status::failure("the " + label + " has no visible character");
    if (key == raterNameKey(kConsensusRater))
        return Status::failure("the " + label + " is reserved: '" + std::string(kConsensusRater) +
            "' is the lead's consensus in the statistics; choose another name");
    for (const std::string& model : context.models)
        if (raterNameKey(model) == key)
            return Status::failure("the " + label + (model == name ? " is" : " reads the same as") + " the CNN model " +
                quoted(model) + ", a rater of this project; choose another name");
    for (const std::string& analyzer : context.analyzers) {
        if (analyzer == name)
            return Status::failure("there is already an analyzer named " + quoted(name));
        if (raterNameKey(analyzer) == key)
            return Status::failure("the " + label + " differs from the existing analyzer " + quoted(analyzer) +
                " only by case, spaces or Unicode form; use " + quoted(analyzer) +
                " to mean that analyzer, or choose a clearly different name");
    }
    return Status::success();
}

} // namespace sg::core
