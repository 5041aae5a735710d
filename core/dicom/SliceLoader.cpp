#include "core/dicom/SliceLoader.h"

#include "core/dicom/DicomReader.h"
#include "core/dicom/StackBuilder.h"

namespace sg::core {

SliceImage sliceGeometry(const SliceRef& ref, const Stack& stack)
{
    SliceImage out;
    out.rows = stack.rows;
    out.columns = stack.columns;
    out.rowSpacing = stack.rowSpacing;
    out.columnSpacing = stack.columnSpacing;
    out.origin = ref.position;
    out.orientation = stack.orientation;
    out.headerWindow = ref.window;
    out.rescaleSlope = ref.rescaleSlope;
    out.rescaleIntercept = ref.rescaleIntercept;
    return out;
}

Result<SliceImage> loadSlice(const SliceRef& ref, const Stack& stack, const ReaderLimits& limits)
{
    if (stack.rows <= 0 || stack.columns <= 0 || stack.rows > limits.maxRows || stack.columns > limits.maxColumns)
        return Error {"slice of " + std::to_string(stack.columns) + "x" + std::to_string(stack.rows) +
            " pixels exceeds the limit of " + sliceLimitText(limits) + " (--max-slice)"};
    SliceImage out = sliceGeometry(ref, stack);
    out.stored.resize(static_cast<size_t>(stack.rows) * static_cast<size_t>(stack.columns));
    const PixelTarget target {ref.file, stack.rows, stack.columns, out.stored.data(), &out.type, ref.native};
    const std::vector<Status> s = readPixels({target}, limits);
    if (!s.front())
        return Error {s.front().error()};
    return out;
}

Result<SliceImage> readSliceFile(const std::string& file, const ReaderLimits& limits)
{
    std::vector<Result<SliceHeader>> header = readHeaders({file}, limits);
    if (!header.front())
        return Error {header.front().error()};
    // The scanner's own grouping turns the header into a stack of one slice with its geometry.
    const ScanResult one = buildStudies({*header.front()});
    if (one.studies.empty() || one.studies[0].series.empty() || one.studies[0].series[0].stacks.empty())
        return Error {one.skipped.empty() ? std::string("no image in the file") : one.skipped[0].reason};
    const Stack& stack = one.studies[0].series[0].stacks[0];
    return loadSlice(stack.slices.at(0), stack, limits);
}

} // namespace sg::core
