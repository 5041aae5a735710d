#include "core/labels/IdentityTokens.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

namespace sg::core {
namespace {

std::u16string toUtf16(std::string_view s)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    u_strFromUTF8(nullptr, 0, &length, s.data(), static_cast<int32_t>(s.size()), &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return {};
    status = U_ZERO_ERROR;
    std::u16string out(static_cast<size_t>(length), u'\0');
    u_strFromUTF8(
        reinterpret_cast<UChar*>(out.data()), length, nullptr, s.data(), static_cast<int32_t>(s.size()), &status);
    return U_SUCCESS(status) ? out : std::u16string();
}

std::u16string normalize(const UNormalizer2* form, const std::u16string& in)
{
    UErrorCode status = U_ZERO_ERROR;
    const auto* src = reinterpret_cast<const UChar*>(in.data());
    const auto srcLength = static_cast<int32_t>(in.size());
    int32_t length = unorm2_normalize(form, src, srcLength, nullptr, 0, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return {};
    status = U_ZERO_ERROR;
    std::u16string out(static_cast<size_t>(length), u'\0');
    unorm2_normalize(form, src, srcLength, reinterpret_cast<UChar*>(out.data()), length, &status);
    return U_SUCCESS(status) ? out : std::u16string();
}

} // namespace

std::vector<std::string> identityTokens(std::string_view text)
{
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* nfkcCf = unorm2_getNFKCCasefoldInstance(&status);
    const UNormalizer2* nfd = unorm2_getNFDInstance(&status);
    if (U_FAILURE(status))
        return {};
    // Case folded, then decomposed so that accents become marks of their own, which are dropped.
    const std::u16string folded = normalize(nfd, normalize(nfkcCf, toUtf16(text)));
    std::vector<std::string> tokens;
    std::string word;
    const auto length = static_cast<int32_t>(folded.size());
    for (int32_t i = 0; i <= length;) {
        UChar32 c = 0;
        if (i < length)
            U16_NEXT(folded.data(), i, length, c);
        else
            ++i; // past the end: close the last word
        const int8_t type = c == 0 ? 0 : u_charType(c);
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK)
            continue;
        if (c != 0 && u_isalnum(c)) {
            char buf[4];
            int32_t n = 0;
            UBool error = false;
            U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, error);
            if (!error)
                word.append(buf, static_cast<size_t>(n));
            continue;
        }
        if (!word.empty())
            tokens.push_back(std::move(word));
        word.clear();
    }
    return tokens;
}

} // namespace sg::core
