#pragma once
// Projects for the store tests: an in-memory scan (the store never reads pixels, so tests
// that only need UIDs and paths skip the DICOM writer), a ready project, file hashes.
#include "core/store/ProjectStore.h"
#include "core/study/Study.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <string>

namespace sg::test {

// `studies` studies, each one series of five per-level stacks (L1/L2..L5/S1) of
// `slicesPerStack` slices, with files under `root`/study<k>/.
sg::core::ScanResult syntheticScan(const std::string& root, int studies, int slicesPerStack);

// Creates a project at `path`, imports `scan` and builds the worklist (every slice when
// perLevel is 0). Returns null and records a test failure message in `error` on failure.
std::unique_ptr<sg::core::ProjectStore> makeProject(const std::string& path, const sg::core::ScanResult& scan,
    std::string& error, int perLevel = 0, std::uint64_t seed = 1);

// A project file as an older SpineGrade left it (WAL mode, schema `version`), with one item
// (SOP UID 1.2.3.4.1, level L4/L5) labeled B/rootlet by analyzer "ann". False on failure.
bool writeOldProjectFile(const std::string& path, int version);

// SHA-256 of a file's bytes, to prove a refused file was not touched.
QByteArray fileHash(const QString& path);

// PRAGMA integrity_check of a file, read-only ("ok" when sound).
std::string integrityCheck(const std::string& path);

} // namespace sg::test
