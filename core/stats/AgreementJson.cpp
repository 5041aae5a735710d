#include "core/stats/AgreementJson.h"

#include <nlohmann/json.hpp>

namespace sg::core {
namespace {

using Json = nlohmann::ordered_json;

Json optional(const std::optional<double>& v)
{
    return v ? Json(*v) : Json(nullptr);
}

Json optional(const std::optional<std::array<double, 2>>& v)
{
    return v ? Json {(*v)[0], (*v)[1]} : Json(nullptr);
}

Json kappaJson(const KappaEstimate& k)
{
    return Json {
        {"value", optional(k.value)}, {"degenerate", k.degenerate}, {"se", optional(k.se)}, {"ci95", optional(k.ci95)}};
}

Json testJson(const std::optional<ChiSquareTest>& t)
{
    if (!t)
        return Json(nullptr);
    return Json {{"statistic", t->statistic}, {"df", t->df}, {"p", t->p}};
}

Json bootstrapJson(const BootstrapFigures& b)
{
    return Json {{"replicates", b.replicates}, {"seed", b.seed}, {"clusters", b.clusters},
        {"clustered_by", b.clusteredByItem ? "item" : "study"},
        {"percent_agreement_ci95", optional(b.percentAgreement)},
        {"kappa_unweighted_ci95", optional(b.kappaUnweighted)}, {"kappa_linear_ci95", optional(b.kappaLinear)},
        {"kappa_quadratic_ci95", optional(b.kappaQuadratic)}, {"gwet_ac1_ci95", optional(b.gwetAc1)},
        {"f1_macro_ci95", optional(b.f1Macro)}, {"design_effect", optional(b.designEffect)}};
}

Json classifierJson(const ClassifierVsReference& c)
{
    const char* views[2] = {"A vs B-D", "A-B vs C-D"};
    Json sens = Json::object(), spec = Json::object(), auroc = Json::object();
    for (size_t v = 0; v < 2; ++v) {
        sens[views[v]] = optional(c.sensitivity[v]);
        spec[views[v]] = optional(c.specificity[v]);
        auroc[views[v]] = Json {{"value", optional(c.auroc[v].value)}, {"se", optional(c.auroc[v].se)},
            {"ci95", optional(c.auroc[v].ci95)}};
    }
    return Json {{"classifier", c.classifier}, {"reference", c.reference}, {"n", c.n}, {"sensitivity", sens},
        {"specificity", spec}, {"auroc", auroc}, {"rsna_weighted_log_loss", optional(c.rsnaWeightedLogLoss)},
        {"kappa",
            Json {{"unweighted", kappaJson(c.kappaUnweighted)}, {"linear", kappaJson(c.kappaLinear)},
                {"quadratic", kappaJson(c.kappaQuadratic)}}},
        {"f1_macro", optional(c.f1Macro)}};
}

// The latent-class estimate of a task: priors by class, each analyzer's confusion matrix (rows:
// the true class, columns: the analyzer's label, classes in task order), and how EM ended.
// Undefined (fewer than two analyzers): priors and confusion null, and the reason.
Json dawidSkeneJson(const DawidSkeneReport& d, const std::vector<std::string>& classes)
{
    Json j {{"raters", d.raters}, {"items", d.items.size()}, {"seed", d.seed}};
    if (!d.fit) {
        j["iterations"] = nullptr;
        j["converged"] = nullptr;
        j["log_likelihood"] = nullptr;
        j["priors"] = nullptr;
        j["confusion"] = nullptr;
        j["undefined_reason"] = d.undefinedReason;
        return j;
    }
    const DawidSkeneFit& f = *d.fit;
    j["iterations"] = f.iterations;
    j["converged"] = f.converged;
    j["log_likelihood"] = f.logLikelihood;
    Json priors = Json::object();
    for (size_t c = 0; c < classes.size(); ++c)
        priors[classes[c]] = f.priors[c];
    j["priors"] = priors;
    Json confusion = Json::object();
    for (size_t r = 0; r < d.raters.size(); ++r) {
        Json rows = Json::array();
        for (int t = 0; t < f.classes; ++t) {
            Json row = Json::array();
            for (int l = 0; l < f.classes; ++l)
                row.push_back(f.theta(static_cast<int>(r), t, l));
            rows.push_back(row);
        }
        confusion[d.raters[r]] = rows;
    }
    j["confusion"] = confusion;
    return j;
}

Json pairJson(const PairReport& p, const std::vector<std::string>& classes)
{
    const PairStatistics& s = p.stats;
    Json j {{"reference", p.reference}, {"other", p.other}, {"n", s.n}};
    if (s.n == 0)
        return j; // no common item: nothing else is defined
    j["n_dropped"] = s.nDropped;
    j["percent_agreement"] = optional(s.percentAgreement);
    j["percent_agreement_ci95"] = optional(s.percentAgreementCi95);
    j["kappa"] = Json {{"unweighted", kappaJson(s.kappaUnweighted)}, {"linear", kappaJson(s.kappaLinear)},
        {"quadratic", kappaJson(s.kappaQuadratic)}};
    j["pabak"] = optional(s.pabak);
    j["gwet_ac1"] = optional(s.gwetAc1);
    j["gwet_ac1_se"] = optional(s.gwetAc1Se);
    j["gwet_ac1_ci95"] = optional(s.gwetAc1Ci95);
    j["kappa_max"] = optional(s.kappaMax);
    j["prevalence_index"] = optional(s.prevalenceIndex);
    j["bias_index"] = optional(s.biasIndex);
    j["stuart_maxwell"] = testJson(s.stuartMaxwell);
    j["bowker"] = testJson(s.bowker);
    j["f1_macro"] = optional(s.f1Macro);
    j["f1_weighted"] = optional(s.f1Weighted);
    Json perClass = Json::object();
    for (size_t c = 0; c < classes.size(); ++c) {
        const ClassFigures& f = s.perClass[c];
        perClass[classes[c]] = Json {{"precision", optional(f.precision)}, {"recall", optional(f.recall)},
            {"f1", optional(f.f1)}, {"support", f.support}};
    }
    j["per_class"] = perClass;
    Json confusion = Json::array();
    for (int i = 0; i < s.confusion.classes; ++i) {
        Json row = Json::array();
        for (int c = 0; c < s.confusion.classes; ++c)
            row.push_back(s.confusion.at(i, c));
        confusion.push_back(row);
    }
    j["confusion"] = confusion;
    j["distance_counts"] = s.distanceCounts;
    if (p.bootstrap)
        j["bootstrap"] = bootstrapJson(*p.bootstrap);
    return j;
}

Json scaleJson(const ScaleReport& r)
{
    const auto& classes = scaleClasses(r.scale);
    Json raters = Json::object();
    for (const RaterSummary& rater : r.raters) {
        Json counts = Json::object();
        for (size_t c = 0; c < classes.size(); ++c)
            counts[classes[c]] = rater.counts[c];
        raters[rater.name] = Json {{"n", rater.n}, {"counts", counts}};
    }
    Json pairs = Json::array();
    for (const PairReport& p : r.pairs)
        pairs.push_back(pairJson(p, classes));
    return Json {{"classes", classes}, {"items", r.items}, {"raters", raters}, {"pairs", pairs},
        {"fleiss_kappa", optional(r.fleissKappa)}, {"fleiss_kappa_se", optional(r.fleissKappaSe)},
        {"fleiss_items", r.fleissItems},
        {"krippendorff_alpha",
            Json {{"nominal", optional(r.krippendorffAlpha.nominal)},
                {"ordinal", optional(r.krippendorffAlpha.ordinal)}}}};
}

Json taskJson(const TaskReport& r)
{
    Json j = scaleJson(r.scale);
    Json views = Json::object();
    for (const ScaleReport& v : r.views)
        views[std::string(scaleName(v.scale))] = scaleJson(v);
    j["views"] = views;
    return j;
}

} // namespace

std::string agreementReportToJson(const AgreementReport& report, int indent)
{
    Json tasks = Json::object();
    for (const TaskEntry& t : report.tasks) {
        Json j = taskJson(t.all);
        Json levels = Json::object();
        for (const LevelReport& l : t.levels)
            levels[l.level] = taskJson(l.report);
        j["levels"] = levels;
        if (t.task == Task::Grade && !report.classifiers.empty()) {
            Json classifiers = Json::array();
            for (const ClassifierVsReference& c : report.classifiers)
                classifiers.push_back(classifierJson(c));
            j["classifiers"] = classifiers;
        }
        if (t.dawidSkene)
            j["dawid_skene"] = dawidSkeneJson(*t.dawidSkene, taskClasses(t.task));
        tasks[std::string(taskName(t.task))] = j;
    }
    // Rater and item names may hold bytes that are not UTF-8: replace rather than throw.
    Json root {{"tasks", tasks}};
    if (report.bootstrapReplicates > 0)
        root["bootstrap"] = Json {{"replicates", report.bootstrapReplicates}, {"seed", report.bootstrapSeed},
            {"clustered_by", report.bootstrapByItem ? "item" : "study"}};
    if (report.intraRater) {
        // Per analyzer and task: first read (reference) against re-read (other).
        Json intra = Json::object();
        for (const IntraRaterEntry& a : *report.intraRater) {
            Json tasks = Json::object();
            for (const IntraRaterTask& t : a.tasks) {
                Json pair = pairJson(PairReport {a.analyzer, a.analyzer + " (re-read)", t.stats, std::nullopt},
                    scaleClasses(t.task == Task::Grade ? Scale::Grade : Scale::Canal));
                pair["rereads_scheduled"] = t.scheduled;
                tasks[std::string(taskName(t.task))] = pair;
            }
            intra[a.analyzer] = tasks;
        }
        root["intra_rater"] = intra;
    }
    return root.dump(indent, ' ', false, Json::error_handler_t::replace);
}

} // namespace sg::core
