// spinegrade-dicom-reader: the helper process in which GDCM parses and decodes DICOM files.
// The program starts a few of these (posix_spawn) and sends them requests on stdin; a file
// that crashes or exhausts a reader costs that reader, never the program.
//   spinegrade-dicom-reader [--address-space BYTES]
#include "core/dicom/reader/ReaderServer.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--address-space" && i + 1 < argc) {
            const unsigned long long bytes = std::strtoull(argv[++i], nullptr, 10);
#if defined(__SANITIZE_ADDRESS__)
            (void)bytes; // AddressSanitizer reserves terabytes of shadow memory up front
#else
            // A file asking for more memory than any allowed slice needs fails with
            // bad_alloc in this process instead of growing until the machine swaps.
            if (bytes > 0) {
                const rlimit limit {bytes, bytes};
                if (::setrlimit(RLIMIT_AS, &limit) != 0)
                    std::perror("spinegrade-dicom-reader: setrlimit(RLIMIT_AS)");
            }
#endif
        } else if (arg == "--help") {
            std::puts("spinegrade-dicom-reader: the DICOM reading helper of SpineGrade; "
                      "it is started by the program, not by hand.");
            return 0;
        } else {
            std::fprintf(stderr, "spinegrade-dicom-reader: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    return sg::core::reader::serveRequests(STDIN_FILENO, STDOUT_FILENO);
}
