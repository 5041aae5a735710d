// spinegrade-cli train: trains the CNN proposals (localizer, rootlet/cord, Schizas grade).
//   --out DIR [--studies N --seed S --epochs E --sizes 256,384,512]: on generated studies,
//     then measured on studies from seeds it never saw.
//   --db FILE --analyzer NAME --folds K --out DIR: on one analyzer's labels in a project,
//     k-fold cross-validation first, then the final model on every label.
#include "app/cli/CliCommands.h"
#include "app/cli/RootOption.h"
#include "core/labels/RaterName.h"
#include "core/ml/AnalyzerTraining.h"
#include "core/ml/ProposalModel.h"
#include "core/ml/ProposalQuality.h"
#include "core/ml/Training.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

namespace sg::cli {
namespace {

struct TrainCliOptions {
    std::string out;
    std::string db;
    std::string root; // the import root on this machine (README "De-identification")
    std::string analyzer;
    int folds = 5;
    std::string init;
    int studies = 60;
    uint64_t seed = 1000;
    int epochs = 0; // 0: 14 on generated studies, 6 when fine-tuning on a project
    std::string sizes = "256,384,512";
    int negatives = 4;
    int threads = 0;
    uint64_t evalSeed = 900000;
    int evalStudies = 12;
    std::string name;
    std::string version = "1.0.0";
};

core::Result<std::vector<int>> parseSizes(const std::string& text)
{
    std::vector<int> sizes;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            const int s = std::stoi(item);
            if (s < 64 || s > 1024)
                throw std::out_of_range("size");
            sizes.push_back(s);
        } catch (const std::exception&) {
            return core::Error {"--sizes: \"" + item + "\" is not an image size from 64 to 1024"};
        }
    }
    if (sizes.empty())
        return core::Error {"--sizes: give at least one size"};
    return sizes;
}

std::string figure(const std::optional<double>& v)
{
    char buf[32];
    if (!v)
        return "undefined";
    std::snprintf(buf, sizeof buf, "%.3f", *v);
    return buf;
}

int trainSynthetic(const TrainCliOptions& o)
{
    if (!o.name.empty())
        if (const core::Status valid = core::checkNewRaterName(o.name, {}, "model name"); !valid)
            return reportError(valid.error());
    const auto sizes = parseSizes(o.sizes);
    if (!sizes)
        return reportError(sizes.error());
    if (o.studies < 1 || o.evalStudies < 0 || o.negatives < 0)
        return reportError("--studies must be at least 1, --eval-studies and --negatives not negative");
    const bool overlap = o.evalStudies > 0 && o.evalSeed < o.seed + static_cast<uint64_t>(o.studies) &&
        o.seed < o.evalSeed + static_cast<uint64_t>(o.evalStudies);
    if (overlap)
        return reportError("--eval-seed range overlaps the training seeds: quality must be measured on unseen seeds");
    const int epochs = o.epochs > 0 ? o.epochs : 14;
    std::ostringstream command;
    command << "spinegrade-cli train --out " << o.out << " --studies " << o.studies << " --seed " << o.seed
            << " --epochs " << epochs << " --sizes " << o.sizes << " --negatives " << o.negatives << " --threads "
            << o.threads << " --eval-seed " << o.evalSeed << " --eval-studies " << o.evalStudies;

    core::PhantomTrainingSet set;
    set.seed = o.seed;
    set.studies = o.studies;
    set.sizes = *sizes;
    set.negativesPerStudy = o.negatives;
    std::cerr << "rendering " << o.studies << " synthetic studies (seeds " << o.seed << ".." << o.seed + o.studies - 1
              << ")\n";
    const std::vector<core::TrainingSample> samples = core::phantomTrainingSamples(set, [](int done, int total) {
        if (done % 10 == 0 || done == total)
            std::cerr << "  " << done << "/" << total << " studies\n";
    });
    std::cerr << samples.size() << " training slices (" << o.negatives * o.studies << " without a canal)\n";

    core::TrainOptions train;
    train.seed = o.seed;
    train.epochs = epochs;
    train.threads = o.threads;
    train.log = [](const std::string& line) { std::cerr << line << '\n'; };
    core::ModelManifest manifest;
    manifest.name = o.name.empty() ? "spinegrade-synthetic" : o.name;
    manifest.version = o.version;
    manifest.description = "CNN proposals trained on generated (synthetic) lumbar axial T2 studies; not "
                           "validated on real scans";
    manifest.trainingData = std::to_string(o.studies) + " generated studies, seeds " + std::to_string(o.seed) + ".." +
        std::to_string(o.seed + o.studies - 1) + ", sizes " + o.sizes + ", grades balanced 30/25/25/20, " +
        std::to_string(o.negatives) +
        " synthetic non-spine slices per study; augmentation: rotation +-12 deg, "
        "shift, zoom, contrast, noise";
    manifest.trainingCommand = command.str();
    manifest.trainedOn = "synthetic";
    manifest.status = core::kResearchSyntheticStatus;
    if (auto r = core::trainProposalModel(samples, train, manifest, o.out); !r)
        return reportError(r.error());
    if (o.evalStudies > 0) {
        auto model = core::ProposalModel::load(o.out);
        if (!model)
            return reportError(model.error());
        core::QualityRun run;
        run.firstSeed = o.evalSeed;
        run.studies = o.evalStudies;
        run.sizes = *sizes;
        auto quality = core::measureProposalQuality(**model, run);
        if (!quality)
            return reportError(quality.error());
        std::cout << "quality on " << o.evalStudies << " unseen studies (seeds " << o.evalSeed << ".."
                  << o.evalSeed + o.evalStudies - 1 << "):\n"
                  << quality->text() << '\n';
        manifest.format = "native";
        auto written = core::readModelManifest(o.out);
        if (!written)
            return reportError(written.error());
        written->qualityJson = quality->json();
        if (auto w = core::writeModelManifest(o.out, *written); !w)
            return reportError(w.error());
    }
    std::cout << "wrote " << o.out << "/manifest.json, localizer.pt, classifier.pt\n";
    return 0;
}

int trainOnAnalyzer(const TrainCliOptions& o)
{
    auto store = core::ProjectStore::open(o.db, projectOptions(o.root));
    if (!store)
        return reportError(store.error());
    // Both names become raters of the project: refused now rather than after the training.
    const std::string modelName = o.name.empty() ? "cnn-" + o.analyzer : o.name;
    for (const std::string& name : {modelName, modelName + "-cv"})
        if (const core::Status valid = (*store)->checkModelName(name); !valid)
            return reportError(valid.error() + " (--name chooses the model's name)");
    std::cerr << "reading the labels of " << o.analyzer << " and their slices\n";
    auto set = core::loadAnalyzerLabels(**store, o.analyzer);
    if (!set)
        return reportError(set.error());
    for (const std::string& s : set->skipped)
        std::cerr << "skipped: " << s << '\n';
    std::cerr << set->samples.size() << " labeled slices with a patch\n";
    const int epochs = o.epochs > 0 ? o.epochs : 6;
    const std::string init = o.init.empty() ? core::defaultModelDirectory() : o.init;
    if (init != "none") {
        auto check = core::readModelManifest(init);
        if (!check)
            return reportError(check.error() + " (--init none trains from random weights)");
        if (check->format != "native")
            return reportError(init + ": --init needs a native model (trained by spinegrade-cli train)");
    }
    core::CrossValidationOptions cv;
    cv.folds = o.folds;
    cv.train.seed = o.seed;
    cv.train.epochs = epochs;
    cv.train.threads = o.threads;
    cv.train.initFrom = init == "none" ? "" : init;
    cv.train.log = [](const std::string& line) { std::cerr << "  " << line << '\n'; };
    cv.workDirectory = (std::filesystem::path(o.out) / "cross-validation").string();
    std::cout << "fold  train  test  rootlet/cord agreement  F1  grade agreement  macro-F1  quadratic kappa\n";
    auto folds = core::crossValidate(*set, cv, [](const core::FoldResult& r) {
        std::cout << r.fold << "  " << r.trainItems << "  " << r.testItems << "  " << figure(r.canal.percentAgreement)
                  << "  " << figure(r.canal.f1Macro) << "  " << figure(r.grade.percentAgreement) << "  "
                  << figure(r.grade.f1Macro) << "  " << figure(r.grade.kappaQuadratic.value) << std::endl;
    });
    if (!folds)
        return reportError(folds.error());
    std::error_code ec;
    std::filesystem::remove_all(cv.workDirectory, ec); // fold models were only for the figures

    // The paper's comparison: each analyzer against a classifier trained on their labels, every
    // item judged by the fold model that never saw its study. Stored as a model of its own, it
    // is a rater in `stats --db`, the dashboard and the report.
    const std::string cvName = (o.name.empty() ? "cnn-" + o.analyzer : o.name) + "-cv";
    std::vector<core::Prediction> heldOut;
    for (core::FoldResult& fold : *folds)
        for (core::Prediction& p : fold.heldOut) {
            p.modelName = cvName;
            p.modelVersion = o.version;
            heldOut.push_back(std::move(p));
        }
    if (const core::Status saved = (*store)->savePredictions(heldOut); !saved)
        return reportError(saved.error());
    std::cout << "stored " << heldOut.size() << " held-out predictions in " << o.db << " as model " << cvName
              << " (a rater in stats --db)\n";

    std::ostringstream command;
    command << "spinegrade-cli train --db " << o.db << " --analyzer " << o.analyzer << " --folds " << o.folds
            << " --out " << o.out << " --init " << init << " --seed " << o.seed << " --epochs " << epochs
            << " --threads " << o.threads;
    core::ModelManifest manifest;
    manifest.name = o.name.empty() ? "cnn-" + o.analyzer : o.name;
    manifest.version = o.version;
    manifest.description = "CNN proposals fine-tuned on the labels of analyzer " + o.analyzer + " in " + o.db;
    manifest.trainingData = std::to_string(set->samples.size()) + " labeled slices of analyzer " + o.analyzer +
        " in project " + o.db + (init == "none" ? "" : ", starting from " + init);
    manifest.trainingCommand = command.str();
    manifest.trainedOn = "project";
    manifest.status = "research use, fine-tuned on one analyzer's labels";
    manifest.project = o.db;
    manifest.analyzer = o.analyzer;
    core::TrainOptions train = cv.train;
    train.log = [](const std::string& line) { std::cerr << line << '\n'; };
    std::cerr << "final model on all " << set->samples.size() << " labeled slices\n";
    if (auto r = core::trainProposalModel(set->samples, train, manifest, o.out); !r)
        return reportError(r.error());
    std::cout << "wrote " << o.out << "/manifest.json, localizer.pt, classifier.pt\n";
    return 0;
}

} // namespace

void addTrainCommand(CLI::App& app, int& exitCode)
{
    auto o = std::make_shared<TrainCliOptions>();
    CLI::App* cmd = app.add_subcommand("train",
        "Train the CNN proposals (canal localizer, rootlet/cord, Schizas grade): on generated studies, or with "
        "--db/--analyzer on one analyzer's labels (k-fold cross-validation, then the final model)");
    cmd->add_option("--out", o->out, "Folder for manifest.json and the weights (created if missing)")->required();
    cmd->add_option("--db", o->db, "Project file: train on the labels of --analyzer");
    cmd->add_option("--analyzer", o->analyzer, "Analyzer whose labels teach the model (with --db)");
    addRootOption(cmd, o->root, "With --db");
    cmd->add_option("--folds", o->folds, "Cross-validation folds (with --db), grouped by study")->capture_default_str();
    cmd->add_option("--init", o->init,
        "Native model to fine-tune from (with --db; default: the shipped model; \"none\": random weights)");
    cmd->add_option("--studies", o->studies, "Generated studies to train on")->capture_default_str();
    cmd->add_option("--seed", o->seed, "Seed of the first study and of the training; same seed, same weights")
        ->capture_default_str();
    cmd->add_option("--epochs", o->epochs, "Passes over the data (default 14; 6 with --db)");
    cmd->add_option("--sizes", o->sizes, "Image sizes of the generated studies, cycled")->capture_default_str();
    cmd->add_option("--negatives", o->negatives, "Synthetic non-spine slices per study")->capture_default_str();
    cmd->add_option("--threads", o->threads, "Torch threads (0: every core)")->capture_default_str();
    cmd->add_option("--eval-seed", o->evalSeed, "First seed of the unseen studies the model is measured on")
        ->capture_default_str();
    cmd->add_option("--eval-studies", o->evalStudies, "Unseen studies to measure (0: skip)")->capture_default_str();
    cmd->add_option("--name", o->name, "Model name (default spinegrade-synthetic, or cnn-<analyzer>)");
    cmd->add_option("--version", o->version, "Model version")->capture_default_str();
    cmd->callback([o, &exitCode] {
        if (!o->db.empty() || !o->analyzer.empty()) {
            if (o->db.empty() || o->analyzer.empty()) {
                exitCode = reportError("train: --db and --analyzer go together");
                return;
            }
            exitCode = trainOnAnalyzer(*o);
        } else {
            exitCode = trainSynthetic(*o);
        }
    });
}

} // namespace sg::cli
