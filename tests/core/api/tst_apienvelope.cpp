#include "api/apienvelope.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using kiosk::api::ApiEnvelope;
using kiosk::api::ApiError;
using Kind = ApiError::Kind;

// The envelope rules: success only for 2xx AND error_code null/absent/0; everything else
// is a typed error, never a crash and never a silent success.
class tst_ApiEnvelope : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data();
    void rules();
    void errorDescriptionsAnyShape_data();
    void errorDescriptionsAnyShape();
    void validationDetail_data();
    void validationDetail();
    void servicesLocation();
    void scalarHelpers();
    void caseInsensitiveLookupPrefersExactKey();
};

void tst_ApiEnvelope::rules_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("serverMessage");

    const QString none;
    QTest::newRow("200 error_code null")
        << 200 << QByteArray(R"({"data":{"a":1},"error_code":null,"error_message":null})")
        << Kind::None << 0 << none;
    QTest::newRow("200 error_code 0 (seed 002)")
        << 200 << QByteArray(R"({"data":{"image":"AA=="},"error_code":0})") << Kind::None << 0
        << none;
    QTest::newRow("200 error_code absent")
        << 200 << QByteArray(R"({"data":{}})") << Kind::None << 0 << none;
    QTest::newRow("200 error_code \"0\"")
        << 200 << QByteArray(R"({"data":{},"error_code":"0"})") << Kind::None << 0 << none;
    QTest::newRow("204 envelope") << 204 << QByteArray(R"({"data":null})") << Kind::None << 0
                                  << none;
    QTest::newRow("unknown fields ignored")
        << 200
        << QByteArray(R"({"data":{},"error_code":null,"traceId":"x","extra":{"a":[1,2]},"z":1})")
        << Kind::None << 0 << none;
    QTest::newRow("200 with error_code 3011")
        << 200
        << QByteArray(R"({"data":null,"error_code":3011,"error_message":"Card not detected"})")
        << Kind::Service << 3011 << u"Card not detected"_s;
    QTest::newRow("200 with error_code as string")
        << 200 << QByteArray(R"({"data":null,"error_code":"5004"})") << Kind::Service << 5004
        << none;
    QTest::newRow("200 with undocumented code")
        << 200 << QByteArray(R"({"data":null,"error_code":9999})") << Kind::Service << 9999 << none;
    QTest::newRow("odd casing")
        << 200 << QByteArray(R"({"Data":null,"ERROR_CODE":4001,"Error_Message":"bad key"})")
        << Kind::Service << 4001 << u"bad key"_s;
    QTest::newRow("400 with envelope")
        << 400 << QByteArray(R"({"data":null,"error_code":3001,"error_message":"Invalid ID"})")
        << Kind::Service << 3001 << u"Invalid ID"_s;
    QTest::newRow("403 + generic 5000 keeps the HTTP kind")
        << 403 << QByteArray(R"({"data":null,"error_code":5000,"error_message":"No Requests"})")
        << Kind::Forbidden << 5000 << u"No Requests"_s;
    QTest::newRow("503 + generic 5000 keeps the HTTP kind")
        << 503 << QByteArray(R"({"data":null,"error_code":5000})") << Kind::ServerError << 5000
        << none;
    QTest::newRow("200 + 5000 is a service error")
        << 200 << QByteArray(R"({"data":null,"error_code":5000})") << Kind::Service << 5000 << none;
    QTest::newRow("401 + 5004 keeps the specific code")
        << 401 << QByteArray(R"({"data":null,"error_code":5004})") << Kind::Service << 5004 << none;
    QTest::newRow("422 envelope without code")
        << 422 << QByteArray(R"({"data":null,"error_code":null,"error_message":"Invalid"})")
        << Kind::HttpStatus << 0 << u"Invalid"_s;
    QTest::newRow("403 envelope code 0")
        << 403 << QByteArray(R"({"data":null,"error_code":0,"error_message":"No permission"})")
        << Kind::Forbidden << 0 << u"No permission"_s;
    QTest::newRow("401 empty") << 401 << QByteArray() << Kind::Unauthorized << 0 << none;
    QTest::newRow("500 html") << 500 << QByteArray("<html><body>Oops</body></html>")
                              << Kind::ServerError << 0 << none;
    QTest::newRow("503 empty") << 503 << QByteArray() << Kind::ServerError << 0 << none;
    QTest::newRow("429 plain") << 429 << QByteArray("slow down") << Kind::RateLimited << 0 << none;
    QTest::newRow("malformed JSON")
        << 200 << QByteArray(R"({"data": {"a": 1,, }})") << Kind::BadResponse << 0 << none;
    QTest::newRow("truncated JSON")
        << 200 << QByteArray(R"({"data":{"idFrontData":{"first)") << Kind::BadResponse << 0 << none;
    QTest::newRow("empty 200") << 200 << QByteArray() << Kind::BadResponse << 0 << none;
    QTest::newRow("array 200") << 200 << QByteArray("[1,2]") << Kind::BadResponse << 0 << none;
    QTest::newRow("html 200") << 200 << QByteArray("<html></html>") << Kind::BadResponse << 0
                              << none;
    QTest::newRow("object without data")
        << 200 << QByteArray(R"({"result":"ok"})") << Kind::BadResponse << 0 << none;
    QTest::newRow("error_code not a number")
        << 200 << QByteArray(R"({"data":{},"error_code":"oops"})") << Kind::BadResponse << 0
        << none;
    QTest::newRow("error_code fractional")
        << 200 << QByteArray(R"({"data":{},"error_code":3.5})") << Kind::BadResponse << 0 << none;
    QTest::newRow("error_code object") << 200 << QByteArray(R"({"data":{},"error_code":{"x":1}})")
                                       << Kind::BadResponse << 0 << none;
}

void tst_ApiEnvelope::rules()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(int, code);
    QFETCH(QString, serverMessage);

    const ApiEnvelope env = ApiEnvelope::fromHttp(status, body);
    QCOMPARE(env.error().kind(), kind);
    QCOMPARE(env.isSuccess(), kind == Kind::None);
    QCOMPARE(env.error().serviceCode(), code);
    if (kind != Kind::None)
        QCOMPARE(env.error().httpStatus(), status);
    QCOMPARE(env.error().serverMessage(), serverMessage);
    QVERIFY(!env.error().message().isEmpty());
}

void tst_ApiEnvelope::errorDescriptionsAnyShape_data()
{
    QTest::addColumn<QByteArray>("descriptions");
    QTest::addColumn<int>("type");
    QTest::newRow("null") << QByteArray("null") << int(QJsonValue::Null);
    QTest::newRow("string") << QByteArray(R"("image too dark")") << int(QJsonValue::String);
    QTest::newRow("object") << QByteArray(R"({"image":["too dark","blurred"]})")
                            << int(QJsonValue::Object);
    QTest::newRow("array") << QByteArray(R"([{"field":"image"},"x",3])") << int(QJsonValue::Array);
    QTest::newRow("number") << QByteArray("42") << int(QJsonValue::Double);
}

void tst_ApiEnvelope::errorDescriptionsAnyShape()
{
    QFETCH(QByteArray, descriptions);
    QFETCH(int, type);
    for (int code : {0, 5000}) {
        const QByteArray body = R"({"data":{},"error_code":)" + QByteArray::number(code) +
                                R"(,"error_descriptions":)" + descriptions + "}";
        const ApiEnvelope env = ApiEnvelope::fromHttp(200, body);
        QCOMPARE(env.isSuccess(), code == 0);
        QCOMPARE(int(env.errorDescriptions().type()), type);
        if (code != 0)
            QCOMPARE(int(env.error().errorDescriptions().type()), type);
    }
}

void tst_ApiEnvelope::validationDetail_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("detail");
    QTest::newRow("services at top level")
        << QByteArray(R"({"data":null,"error_code":3011,"services":{"validations":
           {"validation_errors":[{"field":"image","value":null,"errors":
           [{"code":"3011","message":"Card not detected, retake"},{"code":"x","message":"y"}]}]}}})")
        << u"Card not detected, retake"_s;
    QTest::newRow("Services / Validations casing")
        << QByteArray(R"({"data":null,"error_code":3011,"Services":{"VALIDATIONS":
           {"Validation_Errors":[{"field":"image","errors":[{"code":1,"message":"First"}]}]}}})")
        << u"First"_s;
    QTest::newRow("inside data") << QByteArray(
                                        R"({"data":{"services":{"validations":{"validation_errors":
           [{"field":"a","errors":[]},{"field":"b","errors":[{"message":"Second entry"}]}]}}},
           "error_code":5000})") << u"Second entry"_s;
    QTest::newRow("no validations")
        << QByteArray(R"({"data":null,"error_code":5000,"services":{"liveness":false}})")
        << QString();
    QTest::newRow("validations of wrong shape")
        << QByteArray(R"({"data":null,"error_code":5000,"services":{"validations":"broken"}})")
        << QString();
}

void tst_ApiEnvelope::validationDetail()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, detail);
    const ApiEnvelope env = ApiEnvelope::fromHttp(200, body);
    QCOMPARE(env.error().kind(), Kind::Service);
    QCOMPARE(env.error().detail(), detail);
    QCOMPARE(env.firstValidationMessage(), detail);
    if (!detail.isEmpty())
        QVERIFY(env.error().fullMessage().contains(detail));
}

void tst_ApiEnvelope::servicesLocation()
{
    const ApiEnvelope top = ApiEnvelope::fromHttp(
        200, R"({"data":{"services":{"liveness":false}},"services":{"liveness":true}})");
    QCOMPARE(top.services().value(u"liveness"_s).toBool(), true);
    const ApiEnvelope inner =
        ApiEnvelope::fromHttp(200, R"({"data":{"SERVICES":{"liveness":false}}})");
    QVERIFY(inner.isSuccess());
    QVERIFY(inner.services().contains(u"liveness"_s));
    const ApiEnvelope none = ApiEnvelope::fromHttp(200, R"({"data":{}})");
    QVERIFY(none.services().isEmpty());
}

void tst_ApiEnvelope::scalarHelpers()
{
    QCOMPARE(ApiEnvelope::text(QJsonValue(29901234567890.0)), u"29901234567890"_s);
    QCOMPARE(ApiEnvelope::text(QJsonValue(u"x"_s)), u"x"_s);
    QCOMPARE(ApiEnvelope::text(QJsonValue(QJsonValue::Null)), QString());
    QCOMPARE(ApiEnvelope::text(QJsonValue(QJsonObject{{u"a"_s, 1}})), QString());
    QCOMPARE(ApiEnvelope::boolean(QJsonValue(true)), std::optional<bool>(true));
    QCOMPARE(ApiEnvelope::boolean(QJsonValue(u"False"_s)), std::optional<bool>(false));
    QCOMPARE(ApiEnvelope::boolean(QJsonValue(1)), std::optional<bool>(true));
    QVERIFY(!ApiEnvelope::boolean(QJsonValue(QJsonValue::Null)).has_value());
    QVERIFY(!ApiEnvelope::boolean(QJsonValue(u"maybe"_s)).has_value());
}

void tst_ApiEnvelope::caseInsensitiveLookupPrefersExactKey()
{
    const QJsonObject o{{u"Services"_s, 1}, {u"services"_s, 2}};
    QCOMPARE(ApiEnvelope::value(o, u"services").toInt(), 2);
    QCOMPARE(ApiEnvelope::value(o, u"SERVICES").toInt(), 1); // first in key order
    QVERIFY(ApiEnvelope::value(o, u"other").isUndefined());
}

QTEST_GUILESS_MAIN(tst_ApiEnvelope)
#include "tst_apienvelope.moc"
