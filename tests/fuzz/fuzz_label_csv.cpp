// libFuzzer target for the label CSV reader (core/labels/LabelCsv, core/util/Csv): any bytes
// must give rows or an error value, never a crash, a hang or a sanitizer report. What it
// accepts must survive a write and a second read unchanged (the export -> import round trip),
// and every text cell must read back as the value written.
#include "core/labels/LabelCsv.h"
#include "core/util/Csv.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort(); // libFuzzer saves the input that got here
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto rows = sg::core::parseLabelCsv(text, "fuzz.csv");
    if (rows) {
        const sg::core::LabelColumns columns = rows->empty() ? sg::core::LabelColumns {} : rows->front().columns;
        auto again = sg::core::parseLabelCsv(sg::core::formatLabelCsv(*rows, columns), "again.csv");
        check(again.ok() && again->size() == rows->size());
        for (size_t i = 0; i < rows->size(); ++i) {
            const auto& a = (*rows)[i];
            const auto& b = (*again)[i];
            check(a.item == b.item && a.rater == b.rater && a.task == b.task && a.label == b.label);
            check(a.patch == b.patch && a.subgrade == b.subgrade && a.comment == b.comment && a.seconds == b.seconds);
        }
    } else {
        check(!rows.error().empty());
    }
    // Any value as a text cell: one record of one field that reads back as the value.
    const std::string cell = sg::core::csvTextCell(text) + "\n";
    sg::core::CsvReader reader(cell);
    sg::core::CsvRecord record;
    const bool read = reader.next(record);
    if (text.empty()) {
        check(!read); // an empty line is no record
    } else {
        check(read && record.fields.size() == 1 && reader.error().empty());
        check(sg::core::csvTextValue(record.fields[0]) == text);
    }
    return 0;
}
