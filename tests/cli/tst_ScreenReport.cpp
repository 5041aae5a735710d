// spinegrade-cli screen --report and --dicom-out (issue 16) on a generated study whose
// PatientName is known: the one-page PDF names the patient and has a row per level (pdfinfo,
// pdftotext of poppler-utils), the HTML carries its key images, the Secondary Captures and the
// Encapsulated PDF pass dciodvfy (dicom3tools) without an error and join the source's study as
// new series; a hostile PatientName is printed escaped and cut.
#include "tests/support/CliRun.h"
#include "tests/support/TestData.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using sg::test::runCli;

namespace {

struct Ran {
    int exitCode = -1;
    QString out; // stdout and stderr together
};

Ran run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Ran r;
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAll());
    return r;
}

QString python()
{
    return qEnvironmentVariable("SG_PYTHON3", "python3");
}

// Attributes of a DICOM file read by pydicom (an independent reader): "KEY=value" lines.
QMap<QString, QString> dicomAttributes(const QString& file)
{
    const Ran r = run(python(),
        {"-c",
            "import sys, pydicom\n"
            "d = pydicom.dcmread(sys.argv[1])\n"
            "for k in ('SOPClassUID','StudyInstanceUID','SeriesInstanceUID','SOPInstanceUID',"
            "'PatientName','PatientID','Modality','PhotometricInterpretation',"
            "'MIMETypeOfEncapsulatedDocument'):\n"
            "    print(k + '=' + str(d.get(k, '')))\n",
            file});
    QMap<QString, QString> out;
    for (const QString& line : r.out.split('\n', Qt::SkipEmptyParts))
        out.insert(line.section('=', 0, 0), line.section('=', 1));
    return out;
}

// Sets PatientName in every .dcm file of dir (pydicom), as raw bytes from a Python literal.
bool setPatientName(const QString& dir, const QString& pythonBytes)
{
    const Ran r = run(python(),
        {"-c",
            "import sys, glob, pydicom\n"
            "name = " +
                pythonBytes +
                "\n"
                "for f in glob.glob(sys.argv[1] + '/*.dcm'):\n"
                "    d = pydicom.dcmread(f)\n"
                "    d.PatientName = name.decode('utf-8', 'surrogateescape')\n"
                "    d.SpecificCharacterSet = 'ISO_IR 192'\n"
                "    d.save_as(f)\n",
            dir});
    return r.exitCode == 0;
}

} // namespace

class TestScreenReport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_study;
    QString m_studyUid;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(sg::test::cliPath()).isExecutable(), qPrintable(sg::test::cliPath()));
        for (const char* tool : {"pdfinfo", "pdftotext", "dciodvfy"})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QSKIP(qPrintable(QString("%1 is not installed (poppler-utils, dicom3tools)").arg(tool)));
        QVERIFY(m_dir.isValid());
        // Grades of every kind, so the key images show patches on narrowed canals too.
        const auto r = runCli({"phantom", "--out", m_dir.path(), "--patients", "1", "--seed", "4242", "--size", "256",
            "--prevalence", "1,1,1,1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        m_study = m_dir.path() + "/" + QDir(m_dir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).first();
        const QString first = m_study + "/" + QDir(m_study).entryList({"*.dcm"}, QDir::Files).first();
        const auto source = dicomAttributes(first);
        m_studyUid = source.value("StudyInstanceUID");
        QVERIFY2(!m_studyUid.isEmpty(), "pydicom could not read the generated study (python3-pydicom)");
        QVERIFY2(source.value("PatientName").startsWith("SYNTHETIC^PATIENT"), qPrintable(source.value("PatientName")));
    }

    void pdfIsOnePageWithThePatientAndEveryLevel()
    {
        const QString pdf = m_dir.path() + "/screening.pdf";
        const auto r = runCli({"screen", m_study, "--report", pdf}, 600000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("screening report written to " + pdf), qPrintable(r.err));
        QVERIFY(QFileInfo(pdf).size() > 1000);
        const Ran info = run("pdfinfo", {pdf});
        QCOMPARE(info.exitCode, 0);
        QVERIFY2(info.out.contains(QRegularExpression("Pages:\\s+1\\n")), qPrintable(info.out));
        const Ran text = run("pdftotext", {"-layout", pdf, "-"});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("SYNTHETIC, PATIENT0001"), qPrintable(text.out));
        QVERIFY2(text.out.contains("Study 2026-01-01"), qPrintable(text.out));
        QVERIFY2(text.out.contains("Model: "), qPrintable(text.out));
        // A row per level of the phantom, each with a grade letter, a probability and its slice.
        for (const QString level : {"L1/L2", "L2/L3", "L3/L4", "L4/L5", "L5/S1"}) {
            const QRegularExpression row(
                QRegularExpression::escape(level) + "\\s+([ABCD]\\s+\\d+%\\s+\\d+ / \\d+|not graded)");
            QVERIFY2(text.out.contains(row), qPrintable(level + " missing in:\n" + text.out));
        }
        // Key images are drawn: the page holds pictures (pdfimages would list them; the size says it).
        QVERIFY2(QFileInfo(pdf).size() > 20000, qPrintable(QString::number(QFileInfo(pdf).size())));
        if (const QString keep = qEnvironmentVariable("SG_KEEP_REPORT"); !keep.isEmpty()) {
            QFile::remove(keep);
            QFile::copy(pdf, keep);
        }
    }

    void htmlIsSelfContained()
    {
        const QString html = m_dir.path() + "/screening.html";
        const auto r = runCli({"screen", m_study, "--report", html, "--json"}, 600000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith("{\"slices\":")); // stdout stays the JSON
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains("SYNTHETIC, PATIENT0001"));
        QVERIFY(text.contains("<td>L4/L5</td>"));
        QVERIFY(text.count("src=\"data:image/png;base64,") >= 1);
        QVERIFY(!text.contains("http://") && !text.contains("https://")); // nothing fetched
    }

    void unknownReportFormatIsRefused()
    {
        const auto r = runCli({"screen", m_study, "--report", m_dir.path() + "/x.docx"}, 600000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("name it .pdf or .html"), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(m_dir.path() + "/x.docx"));
    }

    void dicomOutputPassesDciodvfyAndJoinsTheStudy()
    {
        const QString out = m_dir.path() + "/pacs";
        const auto r = runCli({"screen", m_study, "--dicom-out", out}, 600000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList keys = QDir(out).entryList({"SC_*.dcm"}, QDir::Files);
        QVERIFY2(!keys.isEmpty(), qPrintable(r.err));
        QVERIFY(QFileInfo::exists(out + "/REPORT_PDF.dcm"));
        QString keySeries;
        QSet<QString> sops;
        for (const QString& name : keys + QStringList {"REPORT_PDF.dcm"}) {
            const QString file = out + "/" + name;
            const Ran v = run("dciodvfy", {file});
            // dciodvfy prints "Error - ..." for each error and "Warning - ..." for each warning.
            const QStringList errors = v.out.split('\n').filter(QRegularExpression("^Error"));
            QVERIFY2(errors.isEmpty(), qPrintable(name + ":\n" + v.out));
            qInfo("%s: dciodvfy %lld warning(s)", qPrintable(name),
                static_cast<long long>(v.out.split('\n').filter(QRegularExpression("^Warning")).size()));
            const auto a = dicomAttributes(file);
            QCOMPARE(a.value("StudyInstanceUID"), m_studyUid); // the source's study
            QVERIFY(a.value("PatientName").startsWith("SYNTHETIC^PATIENT")); // the patient module copied
            QVERIFY(!sops.contains(a.value("SOPInstanceUID")));
            sops.insert(a.value("SOPInstanceUID"));
            QVERIFY(a.value("SOPInstanceUID").startsWith("2.25."));
            if (name.startsWith("SC_")) {
                QCOMPARE(a.value("SOPClassUID"), QString("1.2.840.10008.5.1.4.1.1.7"));
                QCOMPARE(a.value("PhotometricInterpretation"), QString("RGB"));
                if (keySeries.isEmpty())
                    keySeries = a.value("SeriesInstanceUID");
                QCOMPARE(a.value("SeriesInstanceUID"), keySeries); // one new series of key images
            } else {
                QCOMPARE(a.value("SOPClassUID"), QString("1.2.840.10008.5.1.4.1.1.104.1"));
                QCOMPARE(a.value("MIMETypeOfEncapsulatedDocument"), QString("application/pdf"));
                QCOMPARE(a.value("Modality"), QString("DOC"));
                QVERIFY(a.value("SeriesInstanceUID") != keySeries);
            }
        }
        // New series: no source file has either series UID.
        const QString first = m_study + "/" + QDir(m_study).entryList({"*.dcm"}, QDir::Files).first();
        QVERIFY(dicomAttributes(first).value("SeriesInstanceUID") != keySeries);
        // The encapsulated document is the one-page report.
        const Ran extract = run(python(),
            {"-c",
                "import sys, pydicom\n"
                "d = pydicom.dcmread(sys.argv[1])\n"
                "b = d.EncapsulatedDocument[:d.EncapsulatedDocumentLength]\n"
                "open(sys.argv[2], 'wb').write(b)\n",
                out + "/REPORT_PDF.dcm", m_dir.path() + "/extracted.pdf"});
        QCOMPARE(extract.exitCode, 0);
        const Ran info = run("pdfinfo", {m_dir.path() + "/extracted.pdf"});
        QVERIFY2(info.out.contains(QRegularExpression("Pages:\\s+1\\n")), qPrintable(info.out));
    }

    void hostilePatientNameIsEscaped()
    {
        QTemporaryDir copy;
        QVERIFY(copy.isValid());
        for (const QString& f : QDir(m_study).entryList({"*.dcm"}, QDir::Files))
            QVERIFY(QFile::copy(m_study + "/" + f, copy.path() + "/" + f));
        // An escape sequence, a right-to-left override and 10,000 characters.
        QVERIFY2(setPatientName(copy.path(), "b'EVIL\\x1b[2J^\\xe2\\x80\\xaeJANE' + b'X' * 10000"), "pydicom failed");
        const QString pdf = copy.path() + "/hostile.pdf";
        const auto r = runCli({"screen", copy.path(), "--report", pdf}, 600000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Ran info = run("pdfinfo", {pdf});
        QVERIFY2(info.out.contains(QRegularExpression("Pages:\\s+1\\n")), qPrintable(info.out));
        const Ran text = run("pdftotext", {pdf, "-"});
        QVERIFY2(text.out.contains("EVIL\\x1B[2J, \\u{202E}JANE"), qPrintable(text.out.left(400)));
        QVERIFY(!text.out.contains(QChar(0x1b)) && !text.out.contains(QChar(0x202e)));
        QVERIFY2(!text.out.contains(QString(200, 'X')), "the 10,000-character name was not cut");
    }
};

QTEST_GUILESS_MAIN(TestScreenReport)
#include "tst_ScreenReport.moc"
