#include "ui/common/ProposalText.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>

namespace sg::ui {

using namespace sg::core;

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ProposalText", text);
}

QString canalText(const SliceProposal& p)
{
    const bool rootlet = p.canal[0] >= p.canal[1];
    return rootlet ? tr("rootlet %1").arg(percent(p.canal[0])) : tr("cord %1").arg(percent(p.canal[1]));
}
} // namespace

QString percent(double probability)
{
    return QStringLiteral("%1%").arg(std::lround(100.0 * probability));
}

QString proposalOverlayText(const SliceProposal& p, bool showGrades)
{
    if (!p.notGraded.empty() && p.notGraded != kNoCanalReason)
        return tr("CNN: not graded: %1").arg(QString::fromStdString(p.notGraded));
    if (!p.canalFound)
        return tr("CNN: no canal found");
    QString text = tr("CNN %1").arg(canalText(p));
    if (showGrades) {
        if (const auto grade = proposedGrade(p))
            text +=
                tr(" · grade %1 %2")
                    .arg(QString::fromUtf8(gradeName(*grade).data(), static_cast<qsizetype>(gradeName(*grade).size())))
                    .arg(percent(p.grade[static_cast<size_t>(*grade)]));
    }
    return text;
}

QString proposalDetailText(const SliceProposal& p, bool showGrades)
{
    if (!p.notGraded.empty() && p.notGraded != kNoCanalReason)
        return tr("Not graded: %1 (canal confidence %2): no patch, no grade.")
            .arg(QString::fromStdString(p.notGraded), percent(p.canalConfidence));
    if (!p.canalFound)
        return tr("No canal found (canal confidence %1): no patch, no grade.").arg(percent(p.canalConfidence));
    QStringList lines;
    lines << tr("Canal found (%1)").arg(percent(p.canalConfidence));
    lines << tr("Rootlet %1 · cord %2").arg(percent(p.canal[0]), percent(p.canal[1]));
    if (!showGrades)
        lines << tr("Grades hidden (blind project)");
    else if (!proposedGrade(p))
        lines << tr("Cord slice: no Schizas grade");
    else {
        QStringList grades;
        for (int g = 0; g < 4; ++g)
            grades << QStringLiteral("%1 %2").arg(QChar('A' + g)).arg(percent(p.grade[static_cast<size_t>(g)]));
        lines << tr("Grade %1").arg(grades.join(QStringLiteral(" · ")));
    }
    return lines.join('\n');
}

namespace {
// A stored prediction as a proposal; `graded` says whether grade probabilities came back.
// A blind project gives an analyzer the patch alone (no probabilities): the canal was found.
SliceProposal asProposal(const Prediction& p, bool& graded)
{
    SliceProposal out;
    out.canalFound = p.patch.has_value();
    out.patch = p.patch;
    out.canalConfidence = out.canalFound ? 1 : 0;
    if (p.canalProbabilities.size() == 2)
        out.canal = {p.canalProbabilities[0], p.canalProbabilities[1]};
    graded = p.gradeProbabilities.size() == 4;
    if (graded)
        for (size_t g = 0; g < 4; ++g)
            out.grade[g] = p.gradeProbabilities[g];
    return out;
}
} // namespace

QString predictionOverlayText(const Prediction& p)
{
    if (p.patch && p.canalProbabilities.size() != 2)
        return tr("CNN patch"); // a blind project: the patch only
    bool graded = false;
    const SliceProposal proposal = asProposal(p, graded); // sets `graded` before it is read
    return proposalOverlayText(proposal, graded);
}

QString predictionDetailText(const Prediction& p)
{
    bool graded = false;
    const SliceProposal proposal = asProposal(p, graded);
    QString head = tr("CNN %1 %2").arg(QString::fromStdString(p.modelName), QString::fromStdString(p.modelVersion));
    if (!proposal.canalFound)
        return head + '\n' + tr("No canal found: no patch, no grade.");
    QStringList lines {head + tr(" (dashed box)")};
    if (p.canalProbabilities.size() != 2) {
        lines << tr("Rootlet/cord and grade hidden (blind project): the patch only");
        return lines.join('\n');
    }
    lines << tr("Rootlet %1 · cord %2").arg(percent(proposal.canal[0]), percent(proposal.canal[1]));
    if (!graded)
        lines << tr("Grades hidden (blind project)");
    else if (!proposedGrade(proposal))
        lines << tr("Cord slice: no Schizas grade");
    else {
        QStringList grades;
        for (int g = 0; g < 4; ++g)
            grades << QStringLiteral("%1 %2").arg(QChar('A' + g)).arg(percent(proposal.grade[static_cast<size_t>(g)]));
        lines << tr("Grade %1").arg(grades.join(QStringLiteral(" · ")));
    }
    return lines.join('\n');
}

} // namespace sg::ui
