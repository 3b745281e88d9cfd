#include "sandboxserver.h"

namespace kiosk::sandbox {

namespace {

struct KindName
{
    Fault::Kind kind;
    QLatin1StringView name;
    bool needsValue;
};

constexpr KindName kindNames[] = {
    {Fault::Kind::Latency, "latency"_L1, true},
    {Fault::Kind::HttpStatus, "http"_L1, true},
    {Fault::Kind::ErrorCode, "error_code"_L1, true},
    {Fault::Kind::ExpiredToken, "expired_token"_L1, false},
    {Fault::Kind::AmlMatch, "aml_match"_L1, false},
    {Fault::Kind::Spoof, "spoof"_L1, false},
    {Fault::Kind::LivenessFail, "liveness_fail"_L1, false},
    {Fault::Kind::MalformedJson, "malformed_json"_L1, false},
    {Fault::Kind::Truncate, "truncate"_L1, false},
    {Fault::Kind::CloseConnection, "close"_L1, false},
    {Fault::Kind::Drip, "drip"_L1, true},
    {Fault::Kind::Gateway, "gateway"_L1, true},
};

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

std::optional<Fault> Fault::parse(const QString &spec, QString *error)
{
    const QStringList parts = spec.split(u',', Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        fail(error, u"empty fault spec"_s);
        return std::nullopt;
    }
    Fault fault;
    const QString head = parts.first().trimmed();
    const qsizetype eq = head.indexOf(u'=');
    const QString kindName = (eq < 0 ? head : head.left(eq)).trimmed().toLower();
    const KindName *kind = nullptr;
    for (const KindName &k : kindNames) {
        if (k.name == kindName)
            kind = &k;
    }
    if (!kind) {
        fail(error, u"unknown fault kind '%1' (latency, http, error_code, expired_token, "
                    "aml_match, spoof, liveness_fail, malformed_json, truncate, close, drip, "
                    "gateway)"_s.arg(kindName));
        return std::nullopt;
    }
    fault.kind = kind->kind;
    if (eq >= 0) {
        bool ok = false;
        fault.value = head.mid(eq + 1).trimmed().toInt(&ok);
        if (!ok) {
            fail(error, u"fault '%1': the value must be an integer"_s.arg(kindName));
            return std::nullopt;
        }
    } else if (kind->needsValue) {
        fail(error, u"fault '%1' needs a value, e.g. %1=500"_s.arg(kindName));
        return std::nullopt;
    }
    if (fault.kind == Kind::HttpStatus && (fault.value < 400 || fault.value > 599)) {
        fail(error, u"fault 'http' takes a status between 400 and 599"_s);
        return std::nullopt;
    }
    if (fault.kind == Kind::Gateway && (fault.value < 500 || fault.value > 599)) {
        fail(error, u"fault 'gateway' takes a status between 500 and 599"_s);
        return std::nullopt;
    }
    if (fault.kind == Kind::Latency && (fault.value < 0 || fault.value > 600000)) {
        fail(error, u"fault 'latency' takes milliseconds between 0 and 600000"_s);
        return std::nullopt;
    }
    if (fault.kind == Kind::Drip && (fault.value < 1 || fault.value > 1000000)) {
        fail(error, u"fault 'drip' takes bytes per second between 1 and 1000000"_s);
        return std::nullopt;
    }
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QString part = parts.at(i).trimmed();
        if (part.startsWith("path="_L1)) {
            fault.path = part.mid(5);
        } else if (part.startsWith("count="_L1)) {
            bool ok = false;
            fault.count = part.mid(6).toInt(&ok);
            if (!ok || fault.count == 0 || fault.count < -1) {
                fail(error, u"fault count must be a positive integer or -1"_s);
                return std::nullopt;
            }
        } else {
            fail(error, u"unknown fault option '%1' (path=, count=)"_s.arg(part));
            return std::nullopt;
        }
    }
    return fault;
}

QString Fault::toString() const
{
    QString text;
    for (const KindName &k : kindNames) {
        if (k.kind == kind)
            text = k.name;
    }
    if (kindNames[int(kind)].needsValue)
        text += u'=' + QString::number(value);
    if (!path.isEmpty())
        text += u",path="_s + path;
    text += u",count="_s + QString::number(count);
    return text;
}

QList<BoldSignDocument> seededBoldSignDocuments()
{
    // Stable ids so demos and tests can name them.
    const auto files = [](int n) {
        return QStringList{u"f11e0000-0000-4000-8000-0000000000%1a"_s.arg(n, 1, 10),
                           u"f11e0000-0000-4000-8000-0000000000%1b"_s.arg(n, 1, 10),
                           u"f11e0000-0000-4000-8000-0000000000%1c"_s.arg(n, 1, 10)};
    };
    return {
        {u"b01d5160-0000-4000-8000-000000000001"_s,
         u"ahmed"_s,
         u"ahmed.specimen@example.com"_s,
         {},
         {},
         1,
         u"Passed"_s,
         files(1)},
        {u"b01d5160-0000-4000-8000-000000000002"_s,
         u"mona"_s,
         {},
         u"+20"_s,
         u"1112345678"_s,
         1,
         u"Passed"_s,
         files(2)},
        {u"b01d5160-0000-4000-8000-000000000003"_s,
         u"fatma"_s,
         u"fatma.specimen@example.com"_s,
         {},
         {},
         2,
         u"Failed"_s,
         files(3)},
        {u"b01d5160-0000-4000-8000-000000000004"_s,
         u"khaled"_s,
         u"khaled.specimen@example.com"_s,
         {},
         {},
         1,
         u"Pending"_s,
         files(4)},
    };
}

} // namespace kiosk::sandbox
