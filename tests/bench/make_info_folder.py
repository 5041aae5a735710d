#!/usr/bin/env python3
"""Writes a folder of many small MR slices for the `info` benchmark (bench_info.sh).

    make_info_folder.py OUT_DIR [--files 10000] [--size 256] [--per-series 100]

Series of --per-series axial slices (--size x --size, int16, explicit VR little endian),
five series a study, each file in its study's folder. Only pydicom is needed.
"""
import argparse
import os

import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

MR_STORAGE = "1.2.840.10008.5.1.4.1.1.4"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--per-series", type=int, default=100)
    a = ap.parse_args()
    n = a.size
    # A smooth ramp: compressible by nothing, identical in every file (content does not matter here).
    pixels = bytes((i // 2) % 251 if i % 2 == 0 else 1 for i in range(n * n * 2))
    study = series = None
    for k in range(a.files):
        s, i = divmod(k, a.per_series)
        if i == 0:
            if s % 5 == 0:
                study = generate_uid()
                folder = os.path.join(a.out, "study%03d" % (s // 5))
                os.makedirs(folder, exist_ok=True)
            series = generate_uid()
        ds = Dataset()
        ds.file_meta = FileMetaDataset()
        ds.file_meta.MediaStorageSOPClassUID = MR_STORAGE
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.SOPClassUID = MR_STORAGE
        ds.SOPInstanceUID = generate_uid()
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = series
        ds.PatientName = "Bench^Info%03d" % (s // 5)
        ds.PatientID = "B%05d" % (s // 5)
        ds.StudyDate = "20261201"
        ds.StudyDescription = "L-spine"
        ds.SeriesDescription = "T2 axial %d" % s
        ds.Modality = "MR"
        ds.SeriesNumber = s % 5 + 1
        ds.InstanceNumber = i + 1
        ds.ImagePositionPatient = [-120.0, -120.0, 4.0 * i]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.PixelSpacing = [240.0 / n, 240.0 / n]
        ds.SliceThickness = 4
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows = ds.Columns = n
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
        ds.RescaleSlope, ds.RescaleIntercept = 1, 0
        ds.WindowCenter, ds.WindowWidth = 300, 600
        ds.PixelData = pixels
        ds["PixelData"].VR = "OW"
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.save_as(os.path.join(folder, "IM%05d.dcm" % k), write_like_original=False)


if __name__ == "__main__":
    main()
