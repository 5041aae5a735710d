// spinegrade-cli phantom --out DIR --patients N --seed S [--size 512] [--prevalence A,B,C,D]:
// writes synthetic lumbar axial T2 studies with their ground truth.
#include "app/cli/CliCommands.h"
#include "core/phantom/PatientAnatomy.h"
#include "core/phantom/PhantomOptions.h"
#include "core/phantom/PhantomWriter.h"

#include <iostream>
#include <memory>

namespace sg::cli {
namespace {

// "63 slices: rootlet A 40, B 10, C 3, D 1; cord 9", from the same anatomy the files hold.
std::string summary(const core::PhantomOptions& o, int patients)
{
    int slices = 0, cord = 0;
    int grades[4] = {0, 0, 0, 0};
    for (int p = 0; p < patients; ++p) {
        const core::PatientAnatomy a = core::samplePatientAnatomy(o, p);
        for (const core::SlicePlacement& s : core::slicePlacements(a)) {
            ++slices;
            if (s.cord)
                ++cord;
            else
                ++grades[static_cast<int>(a.levels[static_cast<size_t>(s.level)].grade.grade)];
        }
    }
    return std::to_string(slices) + " slices: rootlet A " + std::to_string(grades[0]) + ", B " +
        std::to_string(grades[1]) + ", C " + std::to_string(grades[2]) + ", D " + std::to_string(grades[3]) +
        "; cord " + std::to_string(cord);
}

} // namespace

void addPhantomCommand(CLI::App& app, int& exitCode)
{
    struct Options {
        std::string out;
        int patients = 1;
        uint64_t seed = 1;
        int size = 512;
        std::string prevalence = "76,17,5,2";
    };
    auto opts = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("phantom",
        "Write synthetic lumbar axial T2 MRI studies with known stenosis grades: DIR/<patient-id>/ holds "
        "one DICOM study (a tilted stack per disc, L1/L2 to L5/S1) and ground_truth.json");
    cmd->add_option("--out", opts->out, "Output folder (created if missing)")->required();
    cmd->add_option("--patients", opts->patients, "Number of patients (studies) to write, at least 1")
        ->capture_default_str();
    cmd->add_option("--seed", opts->seed, "Random seed; the same seed writes byte-identical files")
        ->capture_default_str();
    cmd->add_option("--size", opts->size, "Image rows and columns, 64 to 1024")->capture_default_str();
    cmd->add_option("--prevalence", opts->prevalence,
           "Relative frequency of grades A,B,C,D at rootlet levels (normalised; worse grades gather at "
           "L4/L5 and L3/L4)")
        ->capture_default_str();
    cmd->callback([opts, &exitCode] {
        // Options are checked here, not by CLI11 validators, so every problem gets one
        // plain line on stderr and exit status 2.
        auto fail = [&exitCode](const std::string& message) {
            printErrorLine("spinegrade-cli phantom: ", message);
            exitCode = 2;
        };
        if (opts->patients < 1)
            return fail("--patients must be at least 1, got " + std::to_string(opts->patients));
        core::PhantomOptions o;
        o.seed = opts->seed;
        o.size = opts->size;
        const auto prevalence = core::parsePrevalence(opts->prevalence);
        if (!prevalence)
            return fail("--" + prevalence.error());
        o.prevalence = *prevalence;
        if (core::Status s = core::validatePhantomOptions(o); !s)
            return fail("--" + s.error());
        int lastPercent = -1;
        core::Progress percentOnStderr([&](int64_t done, int64_t total, const std::string&) {
            const int percent = total > 0 ? static_cast<int>(100 * done / total) : 100;
            if (percent / 10 != lastPercent / 10)
                std::cerr << "\r" << percent << "% " << std::flush;
            lastPercent = percent;
        });
        const core::Status s = core::generatePhantomPatients(o, opts->patients, opts->out, percentOnStderr);
        std::cerr << '\n';
        if (!s) {
            printErrorLine("spinegrade-cli phantom: ", s.error());
            exitCode = 1;
            return;
        }
        std::cout << "wrote " << opts->patients << " synthetic patient(s) to " << opts->out << ": "
                  << summary(o, opts->patients) << '\n';
        exitCode = 0;
    });
}

} // namespace sg::cli
