#pragma once
// Text from outside the program (file names above all) made safe to print on one line: a
// file may be named with a newline, an escape sequence or bytes that are not UTF-8, and
// printed raw such a name forges log lines or garbles a terminal. Valid UTF-8 stays as it is;
// control characters become \n, \t or \xHH, and every byte of invalid UTF-8 becomes \xHH.
#include <cstddef>
#include <string>

namespace sg::core {

std::string printableText(const std::string& text);

// printableText for text drawn beside other text (a patient's name in the viewer's corner, a
// report): bidirectional formatting characters (U+202A-U+202E, U+2066-U+2069, U+200E/F,
// U+061C), which reorder what follows them ("Trojan source"), become \u{202E}; the result is
// cut after maxChars characters with "…" (0: no limit).
std::string printableLine(const std::string& text, size_t maxChars = 0);

} // namespace sg::core
