#!/usr/bin/env python3
"""Writes hostile DICOM files for the tests, at test time (no large binary is committed).

    make_hostile_dicom.py OUT_DIR [--template FILE] CASE:NAME[:COUNT] ...

Each CASE:NAME writes OUT_DIR/NAME (NAME_1 .. NAME_COUNT with a COUNT). With --template,
a file starts as a copy of that slice (its study, series, geometry), so a hostile slice
can take the place of a good one inside a study. Cases:
  bits12 bits1 bits32     native pixels with that BitsAllocated (GDCM asserted on 12 and 1)
  rows0 rows65535         Rows = Columns = 0, or 65535 (-1 read as a signed 16-bit number)
  rows_negative           Rows written with VR SS as -1
  nan_geometry            ImagePositionPatient "NaN\\0\\0"
  huge_rle                a valid RLE slice of 32768x32768 (33 MB file, 2 GB of pixels)
  large_rle               a valid RLE slice of 8192x8192
  limit_rle               a valid RLE slice of 4096x4096 (the default limit: it must load)
  corrupt_rle             the template's size, RLE segment offsets pointing past the data
  truncated_native        native pixels cut to half of what Rows x Columns need
  pixel_length_mismatch   native pixel data twice as long as Rows x Columns need
  bad_highbit             BitsStored 12, HighBit 15
  uint8_ramp int8_ramp uint16_ramp int16_ramp
                          good 64x64 native slices of that pixel type (not hostile): pixel i
                          holds the bits (i * 4099 + 7) mod 2^bits, RescaleSlope 0.5,
                          RescaleIntercept -100 (the loader keeps the stored width)
Names in NAME may use \\n and \\xNN escapes (a newline, a byte that is not UTF-8).
"""
import os
import struct
import sys

import warnings

import pydicom
from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.uid import ExplicitVRLittleEndian, RLELossless, generate_uid

MR_STORAGE = "1.2.840.10008.5.1.4.1.1.4"


def fresh(rows, cols):
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = MR_STORAGE
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = MR_STORAGE
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = "MR"
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    ds.ImagePositionPatient = [0, 0, 0]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = [1, 1]
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.PixelRepresentation = 0
    ds.Rows = rows
    ds.Columns = cols
    return ds


def start(template, rows=64, cols=64):
    if template:
        ds = pydicom.dcmread(template)
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    else:
        ds = fresh(rows, cols)
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.is_little_endian, ds.is_implicit_VR = True, False
    return ds


def native(ds, bits, length=None):
    ds.BitsAllocated = bits
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    n = length if length is not None else (ds.Rows * ds.Columns * bits + 7) // 8
    ds.PixelData = bytes(n + (n & 1))
    ds["PixelData"].VR = "OW" if bits > 8 else "OB"
    return ds


def rle_frame(rows, cols):
    """A 16-bit RLE frame of zeros: two segments (high, low byte), each row 128-byte runs."""
    row = b"\x81\x00" * (cols // 128) + (bytes([257 - cols % 128, 0]) if cols % 128 else b"")
    segment = row * rows
    header = struct.pack("<16I", 2, 64, 64 + len(segment), *([0] * 13))
    return header + segment + segment


def rle(ds, rows, cols, frame=None):
    ds.Rows, ds.Columns = rows, cols
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 16, 15
    ds.file_meta.TransferSyntaxUID = RLELossless
    ds.PixelData = encapsulate([frame if frame is not None else rle_frame(rows, cols)])
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    return ds


def make(case, template):
    ds = start(template)
    if case in ("bits12", "bits1", "bits32"):
        return native(ds, int(case[4:]))
    if case == "rows0":
        ds.Rows = ds.Columns = 0
        return native(ds, 16, 0)
    if case == "rows65535":
        ds.Rows = ds.Columns = 65535
        return native(ds, 16, 64)
    if case == "rows_negative":
        native(ds, 16, 64)
        del ds.Rows
        ds.add(DataElement(0x00280010, "SS", -1))
        return ds
    if case == "nan_geometry":
        native(ds, 16)
        ds.ImagePositionPatient = ["NaN", "0", "0"]
        return ds
    if case == "huge_rle":
        return rle(ds, 32768, 32768)
    if case == "large_rle":
        return rle(ds, 8192, 8192)
    if case == "limit_rle":
        return rle(ds, 4096, 4096)
    if case == "corrupt_rle":
        frame = struct.pack("<16I", 2, 64, 0x7FFFFFF0, *([0] * 13)) + b"\x81\x00" * 32
        return rle(ds, ds.Rows, ds.Columns, frame)
    if case == "truncated_native":
        return native(ds, 16, ds.Rows * ds.Columns)
    if case == "pixel_length_mismatch":
        return native(ds, 16, ds.Rows * ds.Columns * 4)
    if case in ("uint8_ramp", "int8_ramp", "uint16_ramp", "int16_ramp"):
        bits = 8 if "8" in case else 16
        native(ds, bits)
        ds.PixelRepresentation = 1 if case.startswith("int") else 0
        ds.RescaleSlope, ds.RescaleIntercept = "0.5", "-100"
        n = ds.Rows * ds.Columns
        if bits == 8:
            ds.PixelData = bytes((i * 4099 + 7) % 256 for i in range(n))
        else:
            ds.PixelData = struct.pack("<%dH" % n, *((i * 4099 + 7) % 65536 for i in range(n)))
        return ds
    if case == "bad_highbit":
        native(ds, 16)
        ds.BitsStored, ds.HighBit = 12, 15
        return ds
    raise SystemExit("unknown case " + case)


def main(argv):
    warnings.simplefilter("ignore")  # pydicom warns about the very values these files hold
    if len(argv) < 2:
        raise SystemExit(__doc__)
    out = argv[0]
    template = None
    specs = []
    i = 1
    while i < len(argv):
        if argv[i] == "--template":
            template = argv[i + 1]
            i += 2
            continue
        specs.append(argv[i])
        i += 1
    os.makedirs(out, exist_ok=True)
    for spec in specs:
        case, name, *count = spec.split(":")
        raw = name.encode("latin-1").decode("unicode_escape").encode("latin-1")
        copies = int(count[0]) if count else 0
        ds = make(case, template)
        for k in range(copies or 1):
            target = raw if not copies else raw + b"_%d" % (k + 1)
            if copies:
                ds.SOPInstanceUID = generate_uid()
                ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
                ds.InstanceNumber = k + 1
                ds.ImagePositionPatient = [0, 0, 4 * k]
            with open(os.path.join(os.fsencode(out), target), "wb") as f:  # bytes: any name
                ds.save_as(f, write_like_original=False)


if __name__ == "__main__":
    main(sys.argv[1:])
