// Compiled by tools.NodiscardResult, which expects the compiler to say that a Result is
// dropped: a dropped Result is a dropped error.
#include "core/util/Result.h"

sg::core::Result<int> count()
{
    return sg::core::Error {"cannot read the file"};
}

void caller()
{
    count();
}
