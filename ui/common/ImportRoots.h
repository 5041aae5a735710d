#pragma once
// The import root this machine uses for a project (README "De-identification"): a project keeps
// its slices' paths relative to the folder the studies were imported from, and that folder may
// be somewhere else here. The root chosen for a project is remembered per machine in QSettings
// under the project's random id ("projects/<id>/importRoot"), not under its path, so a copied
// or renamed project file keeps it. Every ProjectStore the GUI opens gets its OpenOptions here:
// one place, so labeling, review, proposals and kits all read the same files.
// Thread-safe: workers ask too.
#include "core/store/ProjectStore.h"

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace sg::ui {

// The options to open `projectPath` with: its remembered root (empty: the folder recorded at
// import). Learning the project's id opens the file read-only once per path and process.
sg::core::OpenOptions projectOpenOptions(const QString& projectPath, bool readOnly = false);

// The project's random id (empty: the file cannot be read); read once per path and process.
std::string projectIdOf(const QString& projectPath);
// The QSettings key, the remembered root (empty: none) and remembering one for a project id.
QString importRootKey(const std::string& projectId);
QString rememberedImportRoot(const std::string& projectId);
void rememberImportRoot(const std::string& projectId, const QString& projectPath, const QString& root);

// A few of a project's slice files, to tell cheaply whether its studies are where it looks:
// `files` as resolved now, `relative` the same slices' paths under the import root.
struct RootSample {
    QStringList files;
    QStringList relative;
    bool empty() const { return relative.isEmpty(); }
};
// Whether any sampled file exists (at the paths resolved now / under `root`). Touches the
// disk: call it on a worker (a folder on a sleeping network drive may take seconds).
bool sampleFound(const RootSample& sample);
bool sampleFoundUnder(const RootSample& sample, const QString& root);
// The folder the sample's files are looked for in now (its first file without its relative path).
QString sampleRoot(const RootSample& sample);

} // namespace sg::ui
