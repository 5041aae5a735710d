// spinegrade-cli calibrate --model DIR [--write] [--markdown FILE]: fits the model's
// temperatures (grade head, rootlet/cord head) and out-of-distribution limits on held-out
// generated studies, prints the ECE table in distribution and under each acquisition shift,
// before and after scaling, and with --write stores the fit in DIR/manifest.json.
#include "app/cli/CliCommands.h"
#include "core/ml/ModelCalibration.h"
#include "core/ml/ProposalModel.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace sg::cli {
namespace {

struct CalibrateOptions {
    std::string model;
    bool write = false;
    std::string markdown;
    core::CalibrationRun run;
};

int calibrate(const CalibrateOptions& o)
{
    const std::string dir = o.model.empty() ? core::defaultModelDirectory() : o.model;
    auto manifest = core::readModelManifest(dir);
    if (!manifest)
        return reportError(manifest.error());
    auto model = core::ProposalModel::load(dir);
    if (!model)
        return reportError(model.error());
    if (o.run.fitStudies < 1 || o.run.testStudies < 1)
        return reportError("--fit-studies and --test-studies must be at least 1");
    const bool overlap = o.run.fitSeed < o.run.testSeed + static_cast<uint64_t>(o.run.testStudies) &&
        o.run.testSeed < o.run.fitSeed + static_cast<uint64_t>(o.run.fitStudies);
    if (overlap)
        return reportError("--fit-seed and --test-seed ranges overlap: the table must be measured on other studies");
    core::CalibrationRun run = o.run;
    run.log = [](const std::string& line) { std::cerr << line << '\n'; };
    std::cerr << "calibrating " << dir << ": fit on seeds " << run.fitSeed << ".." << run.fitSeed + run.fitStudies - 1
              << ", measured on seeds " << run.testSeed << ".." << run.testSeed + run.testStudies - 1 << '\n';
    auto result = core::calibrateProposalModel(**model, run);
    if (!result)
        return reportError(result.error());
    std::cout << result->text();
    if (!o.markdown.empty()) {
        std::ofstream md(o.markdown);
        md << result->markdown();
        if (!md)
            return reportError(o.markdown + ": cannot write the table");
    }
    if (o.write) {
        std::ostringstream command;
        command << "spinegrade-cli calibrate --model " << dir << " --fit-seed " << run.fitSeed << " --fit-studies "
                << run.fitStudies << " --test-seed " << run.testSeed << " --test-studies " << run.testStudies
                << " --write";
        manifest->gradeTemperature = result->gradeTemperature;
        manifest->canalTemperature = result->canalTemperature;
        manifest->ood = result->ood;
        std::string json = result->json();
        json.insert(1, "\"command\":\"" + command.str() + "\",");
        manifest->calibrationJson = json;
        // The weights are unchanged: their SHA-256s, recomputed from the same files, stay as they were.
        if (auto w = core::writeModelManifest(dir, *manifest); !w)
            return reportError(w.error());
        std::cout << "wrote " << dir << "/manifest.json\n";
    }
    return 0;
}

} // namespace

void addCalibrateCommand(CLI::App& app, int& exitCode)
{
    auto o = std::make_shared<CalibrateOptions>();
    CLI::App* cmd = app.add_subcommand("calibrate",
        "Fit the CNN's temperature scaling and out-of-distribution limits on held-out generated studies and print "
        "the expected calibration error in distribution and under noise, bias field, contrast, resolution and "
        "motion shifts");
    cmd->add_option("--model", o->model, "Model folder (default: $SPINEGRADE_MODEL_DIR or the shipped model)");
    cmd->add_flag("--write", o->write, "Store the temperatures and limits in the model's manifest.json");
    cmd->add_option("--markdown", o->markdown, "Also write the ECE table as markdown (for the model card)");
    cmd->add_option("--fit-seed", o->run.fitSeed, "First seed of the studies T is fitted on")->capture_default_str();
    cmd->add_option("--fit-studies", o->run.fitStudies, "Studies to fit on")->capture_default_str();
    cmd->add_option("--test-seed", o->run.testSeed, "First seed of the studies the table is measured on")
        ->capture_default_str();
    cmd->add_option("--test-studies", o->run.testStudies, "Studies to measure on")->capture_default_str();
    cmd->callback([o, &exitCode] { exitCode = calibrate(*o); });
}

} // namespace sg::cli
