// The label CSV reader and writer (RFC 4180), spreadsheet neutralising of text cells, the
// size limit, and the rules for rater names.
#include "core/labels/LabelCsv.h"
#include "core/labels/RaterName.h"
#include "core/util/Csv.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace sg::core;

namespace {

std::vector<LabelRow> parsed(const std::string& text)
{
    auto rows = parseLabelCsv(text, "in.csv");
    if (!rows)
        qWarning("%s", rows.error().c_str());
    return rows ? *rows : std::vector<LabelRow> {};
}

std::string parseError(const std::string& text)
{
    auto rows = parseLabelCsv(text, "in.csv");
    return rows ? std::string("(accepted)") : rows.error();
}

} // namespace

class TestLabelCsv : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void readsQuotedFieldsAsRfc4180()
    {
        // Commas, doubled quotes and a line break inside quotes; CRLF line ends; a BOM.
        const std::string text = "\xEF\xBB\xBFitem,rater,task,label\r\n"
                                 "1.2.3,\"Smith, Ann\",grade,A\r\n"
                                 "1.2.4,\"Ann \"\"the eye\"\"\",canal,cord\r\n"
                                 "1.2.5,\"two\nlines\",grade,\r\n"
                                 "1.2.6,bob,grade,B";
        const auto rows = parsed(text);
        QCOMPARE(rows.size(), size_t(4));
        QCOMPARE(rows[0].rater, std::string("Smith, Ann"));
        QCOMPARE(rows[0].line, 2);
        QCOMPARE(rows[1].rater, std::string("Ann \"the eye\""));
        QCOMPARE(rows[1].label, std::string("cord"));
        QCOMPARE(rows[2].rater, std::string("two\nlines"));
        QCOMPARE(rows[2].label, std::string());
        QCOMPARE(rows[3].line, 6); // the line break inside quotes counts
        QCOMPARE(rows[3].label, std::string("B"));
    }

    void rejectsMalformedFilesNamingTheLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("unclosed quote") << QByteArray("item,rater,task,label\n1,ann,grade,A\n2,\"ann,grade,A\n")
                                        << "in.csv line 3: a quoted field is never closed";
        QTest::newRow("text after quote") << QByteArray("item,rater,task,label\n1,\"ann\"x,grade,A\n")
                                          << "in.csv line 2: text after the closing quote";
        QTest::newRow("stray quote") << QByteArray("item,rater,task,label\n1,an\"n,grade,A\n")
                                     << "in.csv line 2: a quote inside an unquoted field";
        QTest::newRow("bare CR") << QByteArray("item,rater,task,label\n1,an\rn,grade,A\n")
                                 << "in.csv line 2: a carriage return";
        QTest::newRow("not UTF-8") << QByteArray("item,rater,task,label\n1,an\xffn,grade,A\n")
                                   << "in.csv line 2: field 2 is not UTF-8";
        QTest::newRow("NUL") << QByteArray("item,rater,task,label\n1,an\0n,grade,A\n", 37)
                             << "in.csv line 2: field 2 is not UTF-8";
        QTest::newRow("escape sequence in a comment")
            << QByteArray("item,rater,task,label,comment\n1,ann,grade,A,ok\x1b[31m\n")
            << "in.csv line 2: the comment cannot be stored: it holds a control character";
        QTest::newRow("bidi override in a comment")
            << QByteArray("item,rater,task,label,comment\n1,ann,grade,A,\xe2\x80\xae"
                          "evil\n")
            << "in.csv line 2: the comment cannot be stored";
        QTest::newRow("header twice") << QByteArray("item,rater,task,label,rater\n") << "appears twice";
        QTest::newRow("empty") << QByteArray("") << "in.csv: empty file";
        QTest::newRow("bad row after quoted newline")
            << QByteArray("item,rater,task,label\n1,\"a\nb\",grade,A\n2,c,grade,E\n")
            << "in.csv line 4: grade label 'E'";
    }
    void rejectsMalformedFilesNamingTheLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        const std::string error = parseError(text.toStdString());
        QVERIFY2(error.find(message.toStdString()) != std::string::npos, error.c_str());
    }

    void refusesAFileOverTheSizeLimit()
    {
        const std::string path = (m_dir.path() + "/big.csv").toStdString();
        {
            std::ofstream f(path);
            f << "item,rater,task,label\n";
            for (int i = 0; i < 2000; ++i)
                f << "1.2." << i << ",ann,grade,A\n";
        }
        const auto small = readLabelCsv(path, 1024);
        QVERIFY(!small);
        QVERIFY2(small.error().find("more than the 1024 bytes") != std::string::npos, small.error().c_str());
        QVERIFY2(small.error().find(path) == 0 && small.error().find("more than the") != std::string::npos &&
                small.error().find("limit can be raised") != std::string::npos,
            small.error().c_str());
        const auto enough = readLabelCsv(path);
        QVERIFY2(enough, enough ? "" : enough.error().c_str());
        QCOMPARE(enough->size(), size_t(2000));
    }

    void neutralisesFormulaCellsAndRoundTrips_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("written"); // the cell as written
        QTest::newRow("formula") << "=HYPERLINK(\"http://x\",\"y\")"
                                 << "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"";
        QTest::newRow("plus") << "+1"
                              << "'+1";
        QTest::newRow("minus") << "-2+3"
                               << "'-2+3";
        QTest::newRow("at") << "@SUM(A1)"
                            << "'@SUM(A1)";
        QTest::newRow("tab") << "\tann"
                             << "'\tann";
        QTest::newRow("CR") << "\rann"
                            << "\"'\rann\"";
        QTest::newRow("apostrophe formula") << "'=x"
                                            << "''=x";
        QTest::newRow("apostrophe word") << "'tis"
                                         << "'tis";
        QTest::newRow("comma quote newline") << "a, \"b\"\nc"
                                             << "\"a, \"\"b\"\"\nc\"";
        QTest::newRow("plain") << "ann"
                               << "ann";
        QTest::newRow("edge space") << " ann "
                                    << "\" ann \"";
    }
    void neutralisesFormulaCellsAndRoundTrips()
    {
        QFETCH(QString, name);
        QFETCH(QString, written);
        const std::string value = name.toStdString();
        QCOMPARE(csvTextCell(value), written.toStdString());
        const std::string path = (m_dir.path() + "/names.csv").toStdString();
        LabelRow row;
        row.item = "1.2.3";
        row.rater = value;
        row.label = "A";
        const Status ok = writeLabelCsv(path, {row});
        QVERIFY2(ok, ok.error().c_str());
        const auto back = readLabelCsv(path);
        QVERIFY2(back, back ? "" : back.error().c_str());
        QCOMPARE(back->size(), size_t(1));
        QCOMPARE(back->front().rater, value);
    }

    // Found by fuzz_label_csv: a value starting with a byte order mark, written unquoted as the
    // first cell of a file, lost the mark when read back (the reader skips a leading BOM).
    void textCellsReadBackExactlyEvenAsTheFirstCellOfAFile()
    {
        for (const std::string& value : {std::string("\xEF\xBB\xBFl"), std::string("\xEF\xBB\xBF"), std::string(" x"),
                 std::string("'\t"), std::string("\r"), std::string("a\"b")}) {
            const std::string text = csvTextCell(value) + "\n";
            CsvReader reader(text);
            CsvRecord record;
            QVERIFY2(reader.next(record), reader.error().c_str());
            QCOMPARE(record.fields.size(), size_t(1));
            QCOMPARE(csvTextValue(record.fields[0]), value);
        }
    }

    void raterNameKeysIgnoreCaseSpacesAndUnicodeForm_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("case") << "Ann"
                              << "aNN" << true;
        QTest::newRow("inner space") << "ann marie"
                                     << "annmarie" << true;
        QTest::newRow("no-break space") << QString::fromUtf8("ann\u00a0b") << "ann b" << true;
        QTest::newRow("full width") << QString::fromUtf8("\uff21\uff4e\uff4e") << "ann" << true;
        QTest::newRow("composed") << QString::fromUtf8("Jos\u00e9") << QString::fromUtf8("Jose\u0301") << true;
        QTest::newRow("zero width") << QString::fromUtf8("an\u200bn") << "ann" << true;
        QTest::newRow("sharp s") << QString::fromUtf8("stra\u00dfe") << "STRASSE" << true;
        QTest::newRow("different") << "ann"
                                   << "anne" << false;
        QTest::newRow("digits") << "rater1"
                                << "rater2" << false;
    }
    void raterNameKeysIgnoreCaseSpacesAndUnicodeForm()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QCOMPARE(raterNameKey(a.toStdString()) == raterNameKey(b.toStdString()), same);
    }

    void refusesRaterNamesWithAReason_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("reason");
        QTest::newRow("consensus") << "consensus"
                                   << "reserved";
        QTest::newRow("Consensus") << "Con sensus"
                                   << "reserved";
        QTest::newRow("model") << "cnn-ann"
                               << "the CNN model 'cnn-ann'";
        QTest::newRow("model case") << "CNN-Ann"
                                    << "reads the same as the CNN model 'cnn-ann'";
        QTest::newRow("case") << "ANN"
                              << "differs from the existing analyzer 'Ann' only by case";
        QTest::newRow("exact") << "Ann"
                               << "already an analyzer named 'Ann'";
        QTest::newRow("edge space") << "bob "
                                    << "begins or ends with a space";
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("control") << "b\x01ob"
                                 << "not plain UTF-8 text";
        QTest::newRow("invisible") << QString::fromUtf8("\u200b") << "no visible character";
    }
    void refusesRaterNamesWithAReason()
    {
        QFETCH(QString, name);
        QFETCH(QString, reason);
        const RaterNameContext context {{"Ann"}, {"cnn-ann"}};
        const Status s = checkNewRaterName(name.toStdString(), context, "rater name");
        QVERIFY(!s);
        QVERIFY2(s.error().find(reason.toStdString()) != std::string::npos, s.error().c_str());
        // Names with quotes, commas and line breaks are fine.
        QVERIFY(checkNewRaterName("O'Neil, \"Bo\"\nII", context, "rater name"));
    }
};

QTEST_GUILESS_MAIN(TestLabelCsv)
#include "tst_LabelCsv.moc"
