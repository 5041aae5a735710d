// Compiled by tools.NodiscardStatus, which expects the compiler to say that a Status is
// dropped: a dropped Status is a dropped error.
#include "core/util/Status.h"

sg::core::Status save()
{
    return sg::core::Status::failure("cannot write the file");
}

void caller()
{
    save();
}
