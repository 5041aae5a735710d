// Identity as the clinician viewer and the screening report show it: DICOM PN, DA, TM and AS
// formatted, and text from the files made safe to draw (escaped, bidi overrides shown, cut).
#include "core/study/PatientIdentity.h"
#include "core/util/PrintableText.h"

#include <QTest>

using namespace sg::core;

class TestPatientIdentity : public QObject {
    Q_OBJECT
private slots:
    void personNames()
    {
        QCOMPARE(formatPersonName("DOE^JANE"), std::string("DOE, JANE"));
        QCOMPARE(formatPersonName("DOE^JANE^MARIE^DR^PHD"), std::string("DR DOE, JANE MARIE, PHD"));
        QCOMPARE(formatPersonName("DOE^JANE^^^"), std::string("DOE, JANE"));
        QCOMPARE(formatPersonName("DOE"), std::string("DOE"));
        QCOMPARE(formatPersonName("^JANE"), std::string("JANE"));
        QCOMPARE(formatPersonName("Yamada^Tarou=\xE5\xB1\xB1\xE7\x94\xB0^\xE5\xA4\xAA\xE9\x83\x8E"),
            std::string("Yamada, Tarou")); // the alphabetic group only
        QCOMPARE(formatPersonName(""), std::string());
    }

    void datesTimesAges()
    {
        QCOMPARE(formatDicomDate("20260101"), std::string("2026-01-01"));
        QCOMPARE(formatDicomDate("2026.01.01"), std::string("2026.01.01")); // not DA: as it is
        QCOMPARE(formatDicomTime("123456.789"), std::string("12:34"));
        QCOMPARE(formatAge("045Y", "", ""), std::string("45 y"));
        QCOMPARE(formatAge("003M", "", ""), std::string("3 mo"));
        QCOMPARE(formatAge("", "19800615", "20260101"), std::string("45 y")); // birthday not reached
        QCOMPARE(formatAge("", "19800101", "20260101"), std::string("46 y"));
        QCOMPARE(formatAge("", "", "20260101"), std::string());
    }

    void identityLines()
    {
        Study s;
        s.patientName = "DOE^JANE";
        s.patientId = "12345";
        s.patientSex = "F";
        s.patientBirthDate = "19800615";
        s.studyDate = "20260101";
        s.studyTime = "093000";
        s.description = "LUMBAR SPINE";
        const PatientIdentity p = patientIdentity(s);
        QCOMPARE(p.patientLine(), std::string("DOE, JANE \xC2\xB7 ID 12345 \xC2\xB7 F 45 y"));
        QCOMPARE(p.nameLine(), std::string("DOE, JANE"));
        QCOMPARE(p.detailsLine(), std::string("ID 12345 \xC2\xB7 F 45 y"));
        QCOMPARE(p.studyLine(), std::string("Study 2026-01-01 09:30 \xC2\xB7 LUMBAR SPINE"));
        QCOMPARE(patientIdentity(Study {}).patientLine(), std::string("(no name)"));
    }

    void hostileTextIsEscapedAndCut()
    {
        QCOMPARE(printableLine("a\xE2\x80\xAE"
                               "b\x1b"),
            std::string("a\\u{202E}b\\x1B"));
        QCOMPARE(printableLine("\xE2\x81\xA6x\xE2\x80\x8F"), std::string("\\u{2066}x\\u{200F}"));
        QCOMPARE(printableLine("abcdef", 3), std::string("abc\xE2\x80\xA6"));
        QCOMPARE(printableLine("abc", 3), std::string("abc"));
        QCOMPARE(printableLine("\xC3\xA9\xC3\xA9\xC3\xA9", 2), std::string("\xC3\xA9\xC3\xA9\xE2\x80\xA6"));
        Study s;
        s.patientName = std::string(10000, 'X') + "^Y";
        const std::string name = patientIdentity(s).name;
        QCOMPARE(name, std::string(kIdentityFieldChars, 'X') + "\xE2\x80\xA6");
    }
};

QTEST_APPLESS_MAIN(TestPatientIdentity)
#include "tst_PatientIdentity.moc"
