// The DICOM writer plugin: the only code that links ITK/GDCM's writer (DicomWriterPlugin.h).
#include "core/dicom/DicomWriterPlugin.h"
#include "core/dicom/writer/DerivedObjects.h"

#include <itkGDCMImageIO.h>
#include <itkImage.h>
#include <itkImageFileWriter.h>
#include <itkMetaDataObject.h>

#include <cstdio>
#include <sstream>

namespace sg::core {
namespace {

std::string decimal(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

void put(itk::MetaDataDictionary& dict, const std::string& tag, const std::string& value)
{
    itk::EncapsulateMetaData<std::string>(dict, tag, value);
}

Status writeWithItk(const std::string& file, const DicomSeriesInfo& series, const DicomSliceData& slice)
{
    if (slice.rows <= 0 || slice.columns <= 0 || slice.pixels.size() != static_cast<size_t>(slice.rows) * slice.columns)
        return Status::failure("slice pixel buffer does not match its size");

    // A one-slice 3D image: ITK then writes ImagePositionPatient and the oblique
    // ImageOrientationPatient from the image's own origin and direction.
    using Image = itk::Image<int16_t, 3>;
    auto image = Image::New();
    Image::RegionType region;
    region.SetSize({static_cast<itk::SizeValueType>(slice.columns), static_cast<itk::SizeValueType>(slice.rows), 1});
    image->SetRegions(region);
    image->Allocate();
    std::copy(slice.pixels.begin(), slice.pixels.end(), image->GetBufferPointer());
    const Vec3 n = slice.orientation.normal();
    Image::DirectionType dir;
    for (int i = 0; i < 3; ++i) {
        dir[i][0] = slice.orientation.row[i];
        dir[i][1] = slice.orientation.column[i];
        dir[i][2] = n[i];
    }
    image->SetDirection(dir);
    image->SetOrigin(slice.position.data());
    // ITK writes SpacingBetweenSlices from the third spacing.
    const double spacing[3] = {
        slice.columnSpacing, slice.rowSpacing, slice.sliceSpacing > 0 ? slice.sliceSpacing : slice.sliceThickness};
    image->SetSpacing(spacing);

    auto io = itk::GDCMImageIO::New();
    io->KeepOriginalUIDOn();
    itk::MetaDataDictionary& dict = io->GetMetaDataDictionary();
    put(dict, "0008|0016", "1.2.840.10008.5.1.4.1.1.4"); // MR Image Storage
    put(dict, "0008|0018", slice.sopInstanceUid);
    put(dict, "0008|0060", "MR");
    put(dict, "0008|0008", series.imageType);
    put(dict, "0008|0070", series.manufacturer);
    put(dict, "0018|0020", series.scanningSequence);
    put(dict, "0018|0021", series.sequenceVariant);
    put(dict, "0018|0022", "");
    put(dict, "0018|0023", series.acquisitionType);
    put(dict, "0018|0080", decimal(series.repetitionTime));
    put(dict, "0018|0081", decimal(series.echoTime));
    put(dict, "0018|0091", std::to_string(series.echoTrainLength));
    put(dict, "0018|5100", series.patientPosition);
    // Laterality (type 2C): dciodvfy cannot evaluate its condition and reports an absent
    // one as an error, an empty one only as a warning.
    put(dict, "0020|0060", "");
    put(dict, "0008|0020", series.studyDate);
    put(dict, "0008|0021", series.studyDate);
    put(dict, "0008|0030", "120000");
    put(dict, "0008|0031", "120000");
    put(dict, "0008|0050", series.accessionNumber);
    put(dict, "0008|0090", series.referringPhysician);
    if (!series.institutionName.empty())
        put(dict, "0008|0080", series.institutionName);
    if (!series.stationName.empty())
        put(dict, "0008|1010", series.stationName);
    if (!series.deviceSerialNumber.empty())
        put(dict, "0018|1000", series.deviceSerialNumber);
    put(dict, "0008|1030", series.studyDescription);
    put(dict, "0008|103e", series.seriesDescription);
    put(dict, "0010|0010", series.patientName);
    put(dict, "0010|0020", series.patientId);
    put(dict, "0010|0030", "");
    put(dict, "0010|0040", "O");
    put(dict, "0020|000d", series.studyInstanceUid);
    put(dict, "0020|000e", series.seriesInstanceUid);
    put(dict, "0020|0010", "1");
    put(dict, "0020|0011", std::to_string(series.seriesNumber));
    put(dict, "0020|0013", std::to_string(slice.instanceNumber));
    put(dict, "0020|0052", series.studyInstanceUid + ".1");
    put(dict, "0020|1040", "");
    put(dict, "0028|0004", "MONOCHROME2");
    put(dict, "0018|0050", decimal(slice.sliceThickness));
    put(dict, "0028|1052", decimal(slice.rescaleIntercept));
    put(dict, "0028|1053", decimal(slice.rescaleSlope));
    put(dict, "0028|1054", "US");
    if (slice.window) {
        put(dict, "0028|1050", decimal(slice.window->center));
        put(dict, "0028|1051", decimal(slice.window->width));
    }

    auto writer = itk::ImageFileWriter<Image>::New();
    writer->SetInput(image);
    writer->SetImageIO(io);
    writer->SetFileName(file);
    writer->UseInputMetaDataDictionaryOff();
    try {
        writer->Update();
    } catch (const itk::ExceptionObject& e) {
        return Status::failure("cannot write " + file + ": " + e.GetDescription());
    }
    return Status::success();
}

class ItkDicomWriter final : public DicomWriterBackend {
public:
    Status writeSlice(const std::string& file, const DicomSeriesInfo& series, const DicomSliceData& slice) override
    {
        try {
            return writeWithItk(file, series, slice);
        } catch (const std::exception& e) { // ITK may throw from anywhere (allocation, IO)
            return Status::failure("cannot write " + file + ": " + e.what());
        }
    }
    Status writeSecondaryCapture(
        const std::string& file, const DicomDerivedSeries& series, const DicomRgbImage& image) override
    {
        try {
            return writer::writeSecondaryCaptureGdcm(file, series, image);
        } catch (const std::exception& e) {
            return Status::failure("cannot write " + file + ": " + e.what());
        }
    }
    Status writeEncapsulatedPdf(
        const std::string& file, const DicomDerivedSeries& series, const DicomPdfDocument& pdf) override
    {
        try {
            return writer::writeEncapsulatedPdfGdcm(file, series, pdf);
        } catch (const std::exception& e) {
            return Status::failure("cannot write " + file + ": " + e.what());
        }
    }
};

} // namespace
} // namespace sg::core

extern "C" __attribute__((visibility("default"))) std::uint64_t sg_dicom_writer_abi()
{
    return sg::core::kDicomWriterAbi;
}

extern "C" __attribute__((visibility("default"))) sg::core::DicomWriterBackend* sg_dicom_writer_backend()
{
    static sg::core::ItkDicomWriter writer; // lives until the process ends, as the plugin does
    return &writer;
}
