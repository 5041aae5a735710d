// Secondary Capture and Encapsulated PDF objects, each a new instance in the source's study.
// Every module the IODs require is written, type 2 attributes empty where the source had none,
// so dciodvfy (dicom3tools) finds no error (tests/cli/tst_ScreenDicom.cpp runs it).
#include "core/dicom/writer/DerivedObjects.h"

#include <gdcmAttribute.h>
#include <gdcmDataElement.h>
#include <gdcmDataSet.h>
#include <gdcmFile.h>
#include <gdcmFileMetaInformation.h>
#include <gdcmItem.h>
#include <gdcmSequenceOfItems.h>
#include <gdcmTransferSyntax.h>
#include <gdcmVR.h>
#include <gdcmWriter.h>

#include <cstring>

namespace sg::core::writer {
namespace {

// A value padded to an even length as its VR wants: UI and OB with a NUL, text with a space.
void put(gdcm::DataSet& ds, uint16_t group, uint16_t element, gdcm::VR vr, std::string value)
{
    if (value.size() % 2)
        value += (vr == gdcm::VR::UI || vr == gdcm::VR::OB) ? '\0' : ' ';
    gdcm::DataElement de(gdcm::Tag(group, element));
    de.SetVR(vr);
    de.SetByteValue(value.data(), static_cast<uint32_t>(value.size()));
    ds.Replace(de);
}

void putU16(gdcm::DataSet& ds, uint16_t group, uint16_t element, uint16_t v)
{
    gdcm::DataElement de(gdcm::Tag(group, element));
    de.SetVR(gdcm::VR::US);
    const char bytes[2] = {static_cast<char>(v & 0xff), static_cast<char>(v >> 8)}; // little endian
    de.SetByteValue(bytes, 2);
    ds.Replace(de);
}

void putU32(gdcm::DataSet& ds, uint16_t group, uint16_t element, uint32_t v)
{
    gdcm::DataElement de(gdcm::Tag(group, element));
    de.SetVR(gdcm::VR::UL);
    const char bytes[4] = {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff),
        static_cast<char>((v >> 16) & 0xff), static_cast<char>(v >> 24)};
    de.SetByteValue(bytes, 4);
    ds.Replace(de);
}

void putSequence(gdcm::DataSet& ds, uint16_t group, uint16_t element, const std::vector<gdcm::DataSet>& items)
{
    gdcm::SmartPointer<gdcm::SequenceOfItems> sq = new gdcm::SequenceOfItems;
    sq->SetLengthToUndefined();
    for (const gdcm::DataSet& nested : items) {
        gdcm::Item item;
        item.SetVLToUndefined();
        item.SetNestedDataSet(nested);
        sq->AddItem(item);
    }
    gdcm::DataElement de(gdcm::Tag(group, element));
    de.SetVR(gdcm::VR::SQ);
    de.SetValue(*sq);
    de.SetVLToUndefined();
    ds.Replace(de);
}

void putReferences(gdcm::DataSet& ds, uint16_t group, uint16_t element, const std::vector<DicomReference>& refs)
{
    if (refs.empty())
        return; // the sequences are type 3 / 1C: absent rather than empty
    std::vector<gdcm::DataSet> items;
    for (const DicomReference& r : refs) {
        gdcm::DataSet item;
        put(item, 0x0008, 0x1150, gdcm::VR::UI, r.sopClassUid);
        put(item, 0x0008, 0x1155, gdcm::VR::UI, r.sopInstanceUid);
        items.push_back(item);
    }
    putSequence(ds, group, element, items);
}

bool ascii(const std::string& s)
{
    for (unsigned char c : s)
        if (c >= 0x80)
            return false;
    return true;
}

// SOP Common, Patient, General Study, the series' UID and number, General and SC Equipment.
void putCommon(gdcm::DataSet& ds, const DicomDerivedSeries& s, const char* sopClass, const std::string& sopInstance,
    const char* modality)
{
    std::string charset = s.specificCharacterSet;
    if (charset.empty()) {
        for (const std::string* t :
            {&s.patientName, &s.patientId, &s.referringPhysician, &s.studyDescription, &s.studyId, &s.accessionNumber})
            if (!ascii(*t))
                charset = "ISO_IR 192"; // the program's text is UTF-8
    }
    if (!charset.empty())
        put(ds, 0x0008, 0x0005, gdcm::VR::CS, charset);
    put(ds, 0x0008, 0x0016, gdcm::VR::UI, sopClass);
    put(ds, 0x0008, 0x0018, gdcm::VR::UI, sopInstance);
    put(ds, 0x0008, 0x0012, gdcm::VR::DA, s.contentDate); // Instance Creation Date
    put(ds, 0x0008, 0x0013, gdcm::VR::TM, s.contentTime);
    // Patient module: the source's, so PACS files the objects with the patient's study.
    put(ds, 0x0010, 0x0010, gdcm::VR::PN, s.patientName);
    put(ds, 0x0010, 0x0020, gdcm::VR::LO, s.patientId);
    put(ds, 0x0010, 0x0030, gdcm::VR::DA, s.patientBirthDate);
    put(ds, 0x0010, 0x0040, gdcm::VR::CS, s.patientSex);
    // General Study module.
    put(ds, 0x0020, 0x000d, gdcm::VR::UI, s.studyInstanceUid);
    put(ds, 0x0008, 0x0020, gdcm::VR::DA, s.studyDate);
    put(ds, 0x0008, 0x0030, gdcm::VR::TM, s.studyTime);
    put(ds, 0x0008, 0x0090, gdcm::VR::PN, s.referringPhysician);
    put(ds, 0x0020, 0x0010, gdcm::VR::SH, s.studyId);
    put(ds, 0x0008, 0x0050, gdcm::VR::SH, s.accessionNumber);
    if (!s.studyDescription.empty())
        put(ds, 0x0008, 0x1030, gdcm::VR::LO, s.studyDescription);
    // The series: new, its own modality.
    put(ds, 0x0008, 0x0060, gdcm::VR::CS, modality);
    put(ds, 0x0020, 0x000e, gdcm::VR::UI, s.seriesInstanceUid);
    put(ds, 0x0020, 0x0011, gdcm::VR::IS, std::to_string(s.seriesNumber));
    put(ds, 0x0008, 0x103e, gdcm::VR::LO, s.seriesDescription);
    put(ds, 0x0008, 0x0021, gdcm::VR::DA, s.contentDate); // Series Date
    put(ds, 0x0008, 0x0031, gdcm::VR::TM, s.contentTime);
    // General Equipment and SC Equipment: made on a workstation by this program.
    put(ds, 0x0008, 0x0070, gdcm::VR::LO, s.manufacturer);
    if (!s.softwareVersion.empty())
        put(ds, 0x0018, 0x1020, gdcm::VR::LO, s.softwareVersion);
    put(ds, 0x0008, 0x0064, gdcm::VR::CS, "WSD");
    put(ds, 0x0008, 0x0023, gdcm::VR::DA, s.contentDate); // Content Date
    put(ds, 0x0008, 0x0033, gdcm::VR::TM, s.contentTime);
}

Status writeDataSet(const std::string& file, const gdcm::DataSet& ds)
{
    gdcm::Writer writer;
    writer.SetFileName(file.c_str());
    gdcm::File& f = writer.GetFile();
    f.SetDataSet(ds);
    f.GetHeader().SetDataSetTransferSyntax(gdcm::TransferSyntax::ExplicitVRLittleEndian);
    writer.SetCheckFileMetaInformation(true); // the file meta group from the data set's SOP UIDs
    if (!writer.Write())
        return Status::failure("cannot write " + file + ": GDCM could not write the file");
    return Status::success();
}

} // namespace

Status writeSecondaryCaptureGdcm(const std::string& file, const DicomDerivedSeries& series, const DicomRgbImage& image)
{
    gdcm::DataSet ds;
    // OT: a derived image, not an acquisition; PACS shows it in the study as its own series.
    putCommon(ds, series, kSecondaryCaptureStorage, image.sopInstanceUid, "OT");
    put(ds, 0x0020, 0x0060, gdcm::VR::CS, ""); // Laterality (2C): dciodvfy cannot evaluate it
    // General Image.
    put(ds, 0x0020, 0x0013, gdcm::VR::IS, std::to_string(image.instanceNumber));
    put(ds, 0x0020, 0x0020, gdcm::VR::CS, ""); // Patient Orientation: not known for a capture
    put(ds, 0x0008, 0x0008, gdcm::VR::CS, "DERIVED\\SECONDARY");
    if (!image.derivationDescription.empty())
        put(ds, 0x0008, 0x2111, gdcm::VR::ST, image.derivationDescription);
    putReferences(ds, 0x0008, 0x2112, image.sources); // Source Image Sequence
    // The patch is burned in; no identifying text is.
    put(ds, 0x0028, 0x0301, gdcm::VR::CS, "NO");
    put(ds, 0x0028, 0x2110, gdcm::VR::CS, "00"); // not lossy compressed
    // SC Image.
    put(ds, 0x0018, 0x1012, gdcm::VR::DA, series.contentDate);
    put(ds, 0x0018, 0x1014, gdcm::VR::TM, series.contentTime);
    // Image Pixel: 8-bit RGB, interleaved.
    putU16(ds, 0x0028, 0x0002, 3);
    put(ds, 0x0028, 0x0004, gdcm::VR::CS, "RGB");
    putU16(ds, 0x0028, 0x0006, 0);
    putU16(ds, 0x0028, 0x0010, static_cast<uint16_t>(image.rows));
    putU16(ds, 0x0028, 0x0011, static_cast<uint16_t>(image.columns));
    putU16(ds, 0x0028, 0x0100, 8);
    putU16(ds, 0x0028, 0x0101, 8);
    putU16(ds, 0x0028, 0x0102, 7);
    putU16(ds, 0x0028, 0x0103, 0);
    std::string pixels(image.rgb.begin(), image.rgb.end());
    put(ds, 0x7fe0, 0x0010, gdcm::VR::OB, std::move(pixels));
    return writeDataSet(file, ds);
}

Status writeEncapsulatedPdfGdcm(const std::string& file, const DicomDerivedSeries& series, const DicomPdfDocument& pdf)
{
    gdcm::DataSet ds;
    putCommon(ds, series, kEncapsulatedPdfStorage, pdf.sopInstanceUid, "DOC");
    // Encapsulated Document module.
    put(ds, 0x0020, 0x0013, gdcm::VR::IS, std::to_string(pdf.instanceNumber));
    put(ds, 0x0008, 0x002a, gdcm::VR::DT, series.contentDate + series.contentTime); // Acquisition DateTime
    // The report names the patient on its page.
    put(ds, 0x0028, 0x0301, gdcm::VR::CS, "YES");
    put(ds, 0x0042, 0x0010, gdcm::VR::ST, pdf.title);
    putSequence(ds, 0x0040, 0xa043, {}); // Concept Name Code Sequence (type 2): empty
    putReferences(ds, 0x0042, 0x0013, pdf.sources); // Source Instance Sequence
    put(ds, 0x0042, 0x0012, gdcm::VR::LO, "application/pdf");
    putU32(ds, 0x0042, 0x0015, static_cast<uint32_t>(pdf.pdf.size())); // before the pad byte
    std::string bytes(pdf.pdf.begin(), pdf.pdf.end());
    put(ds, 0x0042, 0x0011, gdcm::VR::OB, std::move(bytes));
    return writeDataSet(file, ds);
}

} // namespace sg::core::writer
