#pragma once
// The records a labeling project holds, as the rest of the application sees them.
#include "core/labels/ConsensusReason.h"
#include "core/labels/Label.h"
#include "core/study/Level.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sg::core {

enum class Role { Analyzer, Lead };

// Which read of an item a label is: the analyzer's first, or the blinded re-read the worklist
// brings back later (intra-rater reliability). Statistics between raters use first reads only.
enum class ReadKind { First, Reread };

// The worklist's re-read schedule, a project setting: `share` of each analyzer's items (0 = off,
// at most 0.5) come back at least `gap` entries after their first read (less only when the
// worklist is too short for it).
struct RereadSettings {
    double share = 0;
    int gap = 20;
};

// One place in an analyzer's order: an item, read the first time or again.
struct WorklistEntry {
    std::int64_t itemId = 0;
    ReadKind read = ReadKind::First;
    bool operator==(const WorklistEntry&) const = default;
};

struct Analyzer {
    std::int64_t id = 0;
    std::string name;
    Role role = Role::Analyzer;
    bool isLead() const { return role == Role::Lead; }
};

// One axial slice to label. Items are slices chosen by the worklist (all, or N per level).
struct Item {
    std::int64_t id = 0;
    // Keyed hashes (core/store/Deidentify.h) of the slice's SOP Instance UID and of its series'
    // and study's UIDs: a project keeps no UID in clear. ProjectStore::uidHash(uid) gives the
    // hash of a UID read elsewhere; ProjectStore::findItem takes the UID itself.
    std::string sopUidHash;
    std::string seriesUidHash;
    std::string studyUidHash;
    std::optional<Level> level;
    std::string file; // the import root on this machine (OpenOptions::root) + relativePath
    // Under the import root. Folder names may name patients: never in a kit or an export.
    std::string relativePath;
    int instanceNumber = 0;
    std::int64_t studyId = 0; // the study's row id: import order (core/labels/ItemKey.h)
};

struct ImportSummary {
    int studies = 0; // studies in the scan
    int newSlices = 0;
    int knownSlices = 0; // already in the project; their path was updated
    int skippedFiles = 0; // files the scanner could not use
};

struct RelinkSummary {
    int relinked = 0; // slices found under the new root
    int missing = 0; // slices of the project not found there
};

struct Prediction {
    std::int64_t itemId = 0;
    std::string modelName;
    std::string modelVersion;
    std::optional<Patch> patch;
    std::vector<double> canalProbabilities; // rootlet, cord (empty: not predicted)
    std::vector<double> gradeProbabilities; // A, B, C, D (empty: not predicted or hidden)
    std::string createdAt;
};

// The lead's decision on an item (core/store/ConsensusStore.h). Only a lead writes it; every
// change is kept in consensus_history (append-only), with undo/redo like labels.
struct Consensus {
    std::int64_t itemId = 0;
    std::optional<Canal> canal;
    std::optional<Grade> grade;
    std::optional<int> subgrade;
    std::string reason; // free text beside the code
    std::int64_t decidedBy = 0; // analyzer id of the lead
    std::string decidedAt; // UTC ISO 8601, set by the store
    // Schema 4 (the fields above keep their order for older callers' aggregate initialisers):
    std::optional<Patch> patch; // an analyzer's patch accepted, or one the lead drew
    std::optional<ConsensusReason> reasonCode; // nullopt only for decisions made before schema 4
    std::string decidedByName; // filled when read
    bool sameValue(const Consensus& other) const; // judgment, patch and reason; not who or when
};

// One row of consensus_history. Values are the whole decision before/after (none: no decision).
struct ConsensusHistoryEntry {
    std::int64_t id = 0;
    std::int64_t itemId = 0;
    std::int64_t changedBy = 0;
    std::string changedAt;
    std::string action; // set, undo, redo, import
    std::optional<std::int64_t> target; // the entry an undo/redo reverted or re-applied
    std::optional<Consensus> oldValue;
    std::optional<Consensus> newValue;
};

struct ConsensusUndoOutcome {
    bool applied = false; // false: nothing to undo/redo
    std::int64_t itemId = 0; // the item whose consensus changed (show it)
    std::optional<Consensus> consensus; // its consensus now
};

// One row of the audit history. Values are the whole label before/after (none: no label).
struct HistoryEntry {
    std::int64_t id = 0;
    std::int64_t itemId = 0;
    std::int64_t analyzerId = 0; // whose label
    std::int64_t changedBy = 0;
    std::string changedAt;
    std::string action; // set, undo, redo, import
    std::optional<std::int64_t> target; // the entry an undo/redo reverted or re-applied
    std::optional<Label> oldValue;
    std::optional<Label> newValue;
    ReadKind read = ReadKind::First; // a first read's label or a re-read's
};

struct UndoOutcome {
    bool applied = false; // false: nothing to undo/redo
    std::int64_t itemId = 0; // the item whose label changed (show it)
    std::optional<Label> label; // its label now
    ReadKind read = ReadKind::First; // which read of the item changed
};

struct LevelProgress {
    std::optional<Level> level; // nullopt: slices whose level is unassigned
    int done = 0;
    int total = 0;
};

// How far one analyzer is through their worklist (not core::Progress, which long operations report to).
struct WorklistProgress {
    int done = 0;
    int total = 0;
    std::vector<LevelProgress> levels; // L1/L2 .. L5/S1, then unassigned; only levels with items
};

} // namespace sg::core
