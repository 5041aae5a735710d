// core/util/Crypto: keyed hashes against the published vectors of RFC 4231 (not numbers taken
// from the code under test), random bytes, and Argon2id passphrase hashes that verify only the
// right passphrase and carry their own salt.
#include "core/util/Crypto.h"

#include <QElapsedTimer>
#include <QTest>

using namespace sg::core;

class TestCrypto : public QObject {
    Q_OBJECT
private slots:
    void hmacMatchesRfc4231()
    {
        // RFC 4231, test cases 1 and 2 (HMAC-SHA-256).
        QCOMPARE(hmacSha256Hex(std::string(20, '\x0b'), "Hi There"),
            std::string("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
        QCOMPARE(hmacSha256Hex("Jefe", "what do ya want for nothing?"),
            std::string("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    }

    void hmacDependsOnTheKey()
    {
        const std::string uid = "1.2.826.0.1.3680043.8.498.1";
        QVERIFY(hmacSha256Hex("secret-a", uid) != hmacSha256Hex("secret-b", uid));
        QCOMPARE(hmacSha256Hex("secret-a", uid), hmacSha256Hex("secret-a", uid));
    }

    void randomBytesAreFreshAndSized()
    {
        QCOMPARE(randomBytes(32).size(), std::size_t(32));
        QCOMPARE(randomHex(16).size(), std::size_t(32));
        QVERIFY(randomHex(16) != randomHex(16));
        QVERIFY(randomBytes(0).empty());
    }

    void passphraseVerifiesOnlyItself()
    {
        const Result<std::string> encoded = hashPassphrase("correct horse battery");
        QVERIFY2(encoded, encoded ? "" : encoded.error().c_str());
        QVERIFY(encoded->rfind("$argon2id$", 0) == 0);
        QVERIFY(verifyPassphrase(*encoded, "correct horse battery"));
        QVERIFY(!verifyPassphrase(*encoded, "correct horse batterY"));
        QVERIFY(!verifyPassphrase(*encoded, ""));
    }

    void eachHashHasItsOwnSalt()
    {
        const Result<std::string> a = hashPassphrase("same");
        const Result<std::string> b = hashPassphrase("same");
        QVERIFY(a && b);
        QVERIFY(*a != *b);
        QVERIFY(verifyPassphrase(*b, "same"));
    }

    void malformedEncodingsAreRefusedNotCrashed()
    {
        QVERIFY(!verifyPassphrase("", "x"));
        QVERIFY(!verifyPassphrase("$argon2id$v=19$m=1", "x"));
        QVERIFY(!verifyPassphrase(std::string(4096, 'A'), "x"));
        QVERIFY(!verifyPassphrase(std::string("$argon2id\0$", 11), "x"));
    }
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_Crypto.moc"
