#include "core/util/PrintableText.h"

#include <cstdio>

namespace sg::core {

std::string printableText(const std::string& text)
{
    std::string out;
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    auto escape = [&out](unsigned char c) {
        char esc[8];
        std::snprintf(esc, sizeof esc, c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\x%02X", c);
        out += esc;
    };
    for (size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        // The length a lead byte announces; 0 for a byte that cannot start a character.
        const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool valid = len > 0 && i + len <= n && !(c >= 0x80 && c < 0xC2);
        for (size_t k = 1; valid && k < len; ++k)
            valid = (s[i + k] & 0xC0) == 0x80;
        if (valid && len == 1 && (c < 0x20 || c == 0x7f)) {
            escape(c);
            ++i;
        } else if (valid) {
            out.append(text, i, len);
            i += len;
        } else {
            escape(c);
            ++i;
        }
    }
    return out;
}

} // namespace sg::core
