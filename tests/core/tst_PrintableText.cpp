// Outside text made safe to print (core/util/PrintableText): control characters, the C1 and
// bidirectional controls, invalid UTF-8, excerpts of huge cells, and which free text a person
// may store.
#include "core/util/PrintableText.h"

#include <QTest>

using namespace sg::core;

class TestPrintableText : public QObject {
    Q_OBJECT
private slots:
    void escapesWhatATerminalWouldObey()
    {
        QCOMPARE(printableText("a\x1b[31mb"), std::string("a\\x1B[31mb"));
        QCOMPARE(printableText("line\nforged"), std::string("line\\nforged"));
        // U+202E RIGHT-TO-LEFT OVERRIDE and U+0085 NEXT LINE (a C1 control).
        QCOMPARE(printableText("txt\xe2\x80\xae"
                               "exe"),
            std::string("txt\\u{202E}exe"));
        QCOMPARE(printableText("a\xc2\x85"
                               "b"),
            std::string("a\\u{0085}b"));
        QCOMPARE(printableText("\xff"), std::string("\\xFF"));
    }

    void keepsOrdinaryTextAsItIs()
    {
        const std::string text = "Müller, José \xe6\x9d\x8e \xf0\x9f\x98\x80 (L4/L5)";
        QCOMPARE(printableText(text), text);
    }

    void excerptsAreBoundedAndDoNotSplitACharacter()
    {
        const std::string huge(10'000'000, 'x');
        const std::string excerpt = printableExcerpt(huge, 100);
        QVERIFY(excerpt.size() < 200);
        QVERIFY(excerpt.find("(9999900 more bytes)") != std::string::npos);
        // "é" is two bytes; a cut at byte 1 falls inside it and moves before it.
        QCOMPARE(printableExcerpt("\xc3\xa9\xc3\xa9", 1), std::string("... (4 more bytes)"));
        QCOMPARE(printableExcerpt("short", 100), std::string("short"));
    }

    void freeTextAllowsLinesButNoControls()
    {
        QVERIFY(freeTextProblem("two lines\nand a\ttab, Müller").empty());
        QVERIFY(!freeTextProblem("bell\x07").empty());
        QVERIFY(!freeTextProblem("\xe2\x80\xae"
                                 "reversed")
                     .empty());
        QVERIFY(!freeTextProblem("bad \xff byte").empty());
        QVERIFY(freeTextProblem("bell\x07").find("byte 5") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestPrintableText)
#include "tst_PrintableText.moc"
