#pragma once
// Text from outside the program (file names above all) made safe to print on one line: a
// file may be named with a newline, an escape sequence or bytes that are not UTF-8, and
// printed raw such a name forges log lines or garbles a terminal. Valid UTF-8 stays as it is;
// control characters become \n, \t or \xHH, and every byte of invalid UTF-8 becomes \xHH.
#include <string>

namespace sg::core {

std::string printableText(const std::string& text);

} // namespace sg::core
