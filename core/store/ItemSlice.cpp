#include "core/store/ItemSlice.h"

#include "core/dicom/DicomScanner.h"
#include "core/dicom/SliceLoader.h"
#include "core/store/ProjectStore.h"

namespace sg::core {

Result<SliceImage> loadItemSlice(const ProjectStore& store, const Item& item)
{
    const ScanResult scan = scanPath(item.file);
    for (const Study& study : scan.studies)
        for (const Series& series : study.series)
            for (const Stack& stack : series.stacks)
                for (const SliceRef& ref : stack.slices)
                    if (store.uidHash(ref.sopInstanceUid) == item.sopUidHash)
                        return loadSlice(ref, stack);
    if (!scan.skipped.empty())
        return Error {scan.skipped.front().file + ": " + scan.skipped.front().reason};
    return Error {item.file + ": not the slice this project imported there (another SOP Instance UID)"};
}

} // namespace sg::core
