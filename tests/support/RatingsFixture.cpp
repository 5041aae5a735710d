#include "tests/support/RatingsFixture.h"

#include "core/store/Identity.h"
#include "core/store/Worklist.h"
#include "tests/support/Passphrases.h"
#include "tests/support/ProjectFixture.h"

#include <algorithm>
#include <vector>

namespace sg::test {
using namespace sg::core;

namespace {

double uniform(SplitMix64& rng)
{
    return static_cast<double>(rng.next() >> 11) / static_cast<double>(1ULL << 53);
}

int trueGrade(SplitMix64& rng)
{
    const double u = uniform(rng);
    return u < 0.76 ? 0 : u < 0.93 ? 1 : u < 0.98 ? 2 : 3;
}

// An expert's call: the truth most of the time, otherwise a neighbouring grade (experts
// rarely disagree by two grades); `upward` is the share of misses that go to the worse grade.
int expertGrade(SplitMix64& rng, int truth, double accuracy, double upward)
{
    if (uniform(rng) < accuracy)
        return truth;
    const int step = uniform(rng) < upward ? 1 : -1;
    const int g = truth + step;
    return g < 0 || g > 3 ? truth - step : g;
}

} // namespace

std::unique_ptr<ProjectStore> makeRatedProject(
    const std::string& path, const RatedProjectOptions& options, std::string& error)
{
    const std::string root = path + ".files";
    auto created = ProjectStore::create(path, OpenOptions {false});
    if (!created) {
        error = created.error();
        return nullptr;
    }
    std::unique_ptr<ProjectStore> store = std::move(*created);
    if (auto imported = store->importScan(syntheticScan(root, options.studies, options.slicesPerStack), "/");
        !imported) {
        error = imported.error();
        return nullptr;
    }
    if (auto built = buildWorklist(*store, {0, options.seed}); !built) {
        error = built.error();
        return nullptr;
    }
    auto ana = store->addAnalyzer("ana", Role::Analyzer);
    auto bob = store->addAnalyzer("bob", Role::Analyzer);
    // With a passphrase: `stats --db` and `report` sign in as this lead (tests/support/Passphrases.h).
    auto lead = addLead(*store, "lead", kLeadPassphrase);
    auto items = store->items();
    if (!ana || !bob || !lead || !items) {
        error = "cannot add analyzers or read items";
        return nullptr;
    }
    SplitMix64 rng(options.seed);
    int consensus = 0;
    for (const Item& item : *items) {
        const bool upper = item.level == Level::L1L2;
        const bool cord = uniform(rng) < (upper ? 0.35 : 0.02);
        const int truth = trueGrade(rng);
        auto judge = [&](double canalAccuracy, double accuracy, double upward) {
            Label l;
            l.itemId = item.id;
            const bool sayCord = uniform(rng) < canalAccuracy ? cord : !cord;
            l.canal = sayCord ? Canal::Cord : Canal::Rootlet;
            if (!sayCord)
                l.grade = static_cast<Grade>(expertGrade(rng, truth, accuracy, upward));
            l.secondsSpent = 2 + 4 * uniform(rng);
            return l;
        };
        Label a = judge(0.95, 0.90, 0.5);
        a.analyzerId = ana->id;
        Label b = judge(0.93, 0.88, 0.7);
        b.analyzerId = bob->id;
        if (auto saved = store->saveLabel(*ana, a); !saved) {
            error = saved.error();
            return nullptr;
        }
        if (uniform(rng) < options.bobLabeled)
            if (auto saved = store->saveLabel(*bob, b); !saved) {
                error = saved.error();
                return nullptr;
            }
        // The classifier: most of its probability on the truth 92% of the time.
        Prediction p;
        p.itemId = item.id;
        p.modelName = "cnn";
        p.modelVersion = "1";
        const bool cnnCord = uniform(rng) < 0.96 ? cord : !cord;
        p.canalProbabilities = cnnCord ? std::vector<double> {0.2, 0.8} : std::vector<double> {0.85, 0.15};
        const int cnnGrade = expertGrade(rng, truth, 0.92, 0.4);
        p.gradeProbabilities.assign(4, 0.05);
        p.gradeProbabilities[static_cast<size_t>(cnnGrade)] = 0.85;
        if (auto saved = store->savePrediction(p); !saved.ok()) {
            error = saved.error();
            return nullptr;
        }
        if (consensus < options.consensusItems && a.grade && b.grade && a.grade != b.grade) {
            Consensus c;
            c.itemId = item.id;
            c.canal = Canal::Rootlet;
            c.grade = static_cast<Grade>(truth);
            c.reason = "reviewed side by side";
            if (auto saved = store->saveConsensus(*lead, c); !saved.ok()) {
                error = saved.error();
                return nullptr;
            }
            ++consensus;
        }
    }
    return store;
}

} // namespace sg::test
