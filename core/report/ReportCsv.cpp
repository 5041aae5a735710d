#include "core/report/ReportCsv.h"

#include "core/stats/AgreementJson.h"
#include "core/util/Csv.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace sg::core {
namespace {

using Json = nlohmann::json;

struct Where {
    std::string task, view, level, reference, other;
};

// Text cells (rater names among them) are neutralised for spreadsheets and quoted as RFC 4180
// needs (core/util/Csv.h); figures stay numbers, so a kappa of -0.12 reads as -0.12.
std::string field(const std::string& s)
{
    return csvTextCell(s);
}

class CsvWriter {
public:
    CsvWriter() { m_out << "task,view,level,reference,other,figure,value\n"; }

    void row(const Where& w, const std::string& figure, const Json& value)
    {
        m_out << field(w.task) << ',' << field(w.view) << ',' << field(w.level) << ',' << field(w.reference) << ','
              << field(w.other) << ',' << field(figure) << ',';
        if (value.is_string())
            m_out << field(value.get<std::string>());
        else if (!value.is_null())
            m_out << value.dump(); // nlohmann prints doubles so they read back exactly
        m_out << '\n';
    }

    // Leaves of a JSON value under `path`; intervals [lo, hi] become .low/.high.
    void leaves(const Where& w, const std::string& path, const Json& v)
    {
        if (v.is_object()) {
            for (const auto& [key, child] : v.items())
                leaves(w, path + "." + key, child);
        } else if (path.ends_with("ci95")) { // an interval, or null when undefined: both ends either way
            row(w, path + ".low", v.is_array() ? v.at(0) : Json());
            row(w, path + ".high", v.is_array() ? v.at(1) : Json());
        } else if (v.is_array()) {
            for (size_t i = 0; i < v.size(); ++i)
                leaves(w, path + "." + std::to_string(i), v[i]);
        } else {
            row(w, path, v);
        }
    }

    void scale(const Where& w, const Json& s)
    {
        const Json& classes = s.at("classes");
        row(w, "items", s.at("items"));
        row(w, "fleiss_kappa", s.at("fleiss_kappa"));
        row(w, "fleiss_items", s.at("fleiss_items"));
        row(w, "fleiss_kappa_se", s.at("fleiss_kappa_se"));
        leaves(w, "krippendorff_alpha", s.at("krippendorff_alpha"));
        for (const auto& [name, rater] : s.at("raters").items()) {
            Where r = w;
            r.reference = name;
            row(r, "n", rater.at("n"));
            leaves(r, "counts", rater.at("counts"));
        }
        for (const Json& pair : s.at("pairs")) {
            Where p = w;
            p.reference = pair.at("reference").get<std::string>();
            p.other = pair.at("other").get<std::string>();
            for (const auto& [key, value] : pair.items()) {
                if (key == "reference" || key == "other")
                    continue;
                if (key == "confusion") {
                    for (size_t i = 0; i < value.size(); ++i)
                        for (size_t c = 0; c < value[i].size(); ++c)
                            row(p, "confusion." + classes[i].get<std::string>() + "." + classes[c].get<std::string>(),
                                value[i][c]);
                } else {
                    leaves(p, key, value);
                }
            }
        }
    }

    // A task (over all items or one level) with its binarised views.
    void task(const Where& w, const Json& t)
    {
        scale(w, t);
        for (const auto& [name, view] : t.at("views").items()) {
            Where v = w;
            v.view = name;
            scale(v, view);
        }
    }

    std::string text() const { return m_out.str(); }

private:
    std::ostringstream m_out;
};

} // namespace

std::string projectReportToCsv(const ProjectReport& report)
{
    // Flattened from the stats JSON itself, so the CSV holds exactly the figures the JSON does.
    const Json tasks = Json::parse(agreementReportToJson(report.agreement, -1)).at("tasks");
    CsvWriter csv;
    for (const auto& [name, t] : tasks.items()) {
        csv.task({name, "all", "all", "", ""}, t);
        for (const auto& [level, l] : t.at("levels").items())
            csv.task({name, "all", level, "", ""}, l);
    }
    return csv.text();
}

} // namespace sg::core
