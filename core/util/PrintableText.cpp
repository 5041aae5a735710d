#include "core/util/PrintableText.h"

#include <cstdio>

namespace sg::core {
namespace {

// The code point of a valid UTF-8 sequence of len bytes at s.
char32_t codePoint(const unsigned char* s, size_t len)
{
    if (len == 1)
        return s[0];
    char32_t cp = s[0] & (0x7F >> len);
    for (size_t k = 1; k < len; ++k)
        cp = (cp << 6) | (s[k] & 0x3F);
    return cp;
}

// C1 controls, bidirectional controls, and the Unicode line and paragraph separators (a
// terminal or editor may break the line there: one message would read as two).
bool isHiddenControl(char32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069);
}

} // namespace

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
        } else if (valid && isHiddenControl(codePoint(s + i, len))) {
            char esc[16];
            std::snprintf(esc, sizeof esc, "\\u{%04X}", static_cast<unsigned>(codePoint(s + i, len)));
            out += esc;
            i += len;
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

std::string printableExcerpt(const std::string& text, std::size_t maxBytes)
{
    if (text.size() <= maxBytes)
        return printableText(text);
    // Cut before a continuation byte, so the excerpt does not end in half a character.
    size_t cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return printableText(text.substr(0, cut)) + "... (" + std::to_string(text.size() - cut) + " more bytes)";
}

std::string freeTextProblem(const std::string& text)
{
    // Line breaks and tabs are part of a note; every other control character is not.
    std::string plain = text;
    for (char& c : plain)
        if (c == '\n' || c == '\t' || c == '\r')
            c = ' ';
    for (const char* separator : {"\xE2\x80\xA8", "\xE2\x80\xA9"}) // U+2028, U+2029: line breaks too
        for (size_t at = plain.find(separator); at != std::string::npos; at = plain.find(separator, at))
            plain.replace(at, 3, "   ");
    const std::string printable = printableText(plain);
    if (printable == plain)
        return "";
    // Where the first problem is: printableText changed the text from that byte on.
    size_t at = 0;
    while (at < plain.size() && at < printable.size() && plain[at] == printable[at])
        ++at;
    return "it holds a control character or invalid UTF-8 at byte " + std::to_string(at + 1) +
        " (free text is plain, printable text)";
}

} // namespace sg::core

namespace sg::core {

std::string printableLine(const std::string& text, size_t maxChars)
{
    const std::string safe = printableText(text); // valid UTF-8 from here on
    std::string out;
    size_t chars = 0;
    const auto* s = reinterpret_cast<const unsigned char*>(safe.data());
    for (size_t i = 0; i < safe.size();) {
        const unsigned char c = s[i];
        const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k < len && i + k < safe.size(); ++k)
            cp = (cp << 6) | (s[i + k] & 0x3F);
        if (maxChars > 0 && chars == maxChars) {
            out += "\xE2\x80\xA6"; // …
            break;
        }
        const bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
            cp == 0x200F || cp == 0x061C;
        if (bidi) {
            char esc[16];
            std::snprintf(esc, sizeof esc, "\\u{%04X}", static_cast<unsigned>(cp));
            out += esc;
        } else
            out.append(safe, i, len);
        i += len;
        ++chars;
    }
    return out;
}

} // namespace sg::core
