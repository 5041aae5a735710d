#pragma once
// Text from outside the program (file names above all) made safe to print on one line: a
// file may be named with a newline, an escape sequence or bytes that are not UTF-8, and
// printed raw such a name forges log lines or garbles a terminal. Valid UTF-8 stays as it is;
// control characters become \n, \t or \xHH, and every byte of invalid UTF-8 becomes \xHH.
// The C1 controls (U+0080..U+009F, which some terminals obey) and the bidirectional
// controls (U+202A..U+202E, U+2066..U+2069, which reorder what a reader sees: "txt.exe"
// shown as "exe.txt") become \u{HHHH}, and so do the line and paragraph separators U+2028 and
// U+2029 (a line break to some terminals and editors).

#include <cstddef>
#include <string>

namespace sg::core {

std::string printableText(const std::string& text);

// printableText of at most maxBytes of text, then "... (N more bytes)": a message that quotes
// a 10 MB cell stays one readable line.
std::string printableExcerpt(const std::string& text, std::size_t maxBytes = 200);

// Why free text typed by a person (a comment, a consensus note) cannot be stored: it holds a
// control character, a bidirectional control or invalid UTF-8. Empty when it can.
std::string freeTextProblem(const std::string& text);

// printableText for text drawn beside other text (a patient's name in the viewer's corner, a
// report): bidirectional formatting characters (U+202A-U+202E, U+2066-U+2069, U+200E/F,
// U+061C), which reorder what follows them ("Trojan source"), become \u{202E}; the result is
// cut after maxChars characters with "…" (0: no limit).
std::string printableLine(const std::string& text, size_t maxChars = 0);

} // namespace sg::core
