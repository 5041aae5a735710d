#pragma once
// The versions of the libraries core is built with, for Help > About and bug reports. Each
// library's own header or call answers; nothing here is typed by hand.
#include <string>

namespace sg::core {

std::string itkVersion(); // ITK_VERSION_STRING, e.g. "5.2"
std::string gdcmVersion(); // GDCM_VERSION, e.g. "3.0.21"
std::string sqliteVersion(); // the SQLite linked at run time (sqlite3_libversion)

} // namespace sg::core
