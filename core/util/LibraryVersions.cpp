#include "core/util/LibraryVersions.h"

// Only the configuration headers: no ITK or GDCM code is compiled here.
#include <gdcmConfigure.h>
#include <itkConfigure.h>
#include <sqlite3.h>

namespace sg::core {

std::string itkVersion()
{
    return ITK_VERSION_STRING;
}

std::string gdcmVersion()
{
    return GDCM_VERSION;
}

std::string sqliteVersion()
{
    return sqlite3_libversion();
}

} // namespace sg::core
