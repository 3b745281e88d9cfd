#include "apierror.h"

#include <QCoreApplication>

#include <algorithm>
#include <iterator>

using namespace Qt::StringLiterals;

namespace kiosk::api {

namespace {

using R = ApiError::Remedy;

struct CodeEntry
{
    int code;
    const char *text;
    ApiError::Remedy remedy;
};

// The documented Vlens codes. 7001-7007 are only summarised by the public docs
// ("multi-card, front, back, ..., face match"); their texts stay close to that summary.
constexpr CodeEntry kCodes[] = {
    {3001,
     QT_TRANSLATE_NOOP("VlensError", "The ID number could not be read. Align the card in the "
                                     "frame, improve the light and the focus, then capture again."),
     R::RecaptureDocument},
    {3002,
     QT_TRANSLATE_NOOP("VlensError", "The birth date could not be read. Align the card in the "
                                     "frame, improve the light and the focus, then capture again."),
     R::RecaptureDocument},
    {3003,
     QT_TRANSLATE_NOOP("VlensError", "The governorate could not be read. Align the card in the "
                                     "frame, improve the light and the focus, then capture again."),
     R::RecaptureDocument},
    {3004,
     QT_TRANSLATE_NOOP("VlensError", "The card's ID key could not be read. Align the card in the "
                                     "frame, improve the light and the focus, then capture again."),
     R::RecaptureDocument},
    {3005,
     QT_TRANSLATE_NOOP("VlensError", "The gender could not be read. Align the card in the frame, "
                                     "improve the light and the focus, then capture again."),
     R::RecaptureDocument},
    {3006,
     QT_TRANSLATE_NOOP("VlensError", "The release date could not be read. Align the card in the "
                                     "frame, improve the light and the focus, then capture again."),
     R::RecaptureDocument},
    {3007,
     QT_TRANSLATE_NOOP("VlensError", "The birth date was read in a wrong format. Capture the card "
                                     "again; if this repeats, contact support."),
     R::RecaptureDocument},
    {3008,
     QT_TRANSLATE_NOOP("VlensError", "The release date was read in a wrong format. Capture the "
                                     "card again; if this repeats, contact support."),
     R::RecaptureDocument},
    {3009,
     QT_TRANSLATE_NOOP("VlensError", "The expiry date was read in a wrong format. Capture the back "
                                     "of the card again; if this repeats, contact support."),
     R::RecaptureDocument},
    {3010,
     QT_TRANSLATE_NOOP("VlensError",
                       "The ID card has expired. Ask the customer for a valid national ID card."),
     R::UseAnotherDocument},
    {3011,
     QT_TRANSLATE_NOOP("VlensError", "No ID card was detected in the image. Place the whole card "
                                     "inside the frame on a plain background and capture again."),
     R::RecaptureDocument},
    {3013,
     QT_TRANSLATE_NOOP("VlensError", "The machine-readable code on the back could not be "
                                     "validated. Capture the back again, flat and in focus."),
     R::RecaptureDocument},
    {3014,
     QT_TRANSLATE_NOOP("VlensError", "No face was found in the photo on the ID card. Capture the "
                                     "front again without glare on the photo."),
     R::RecaptureDocument},
    {3101,
     QT_TRANSLATE_NOOP("VlensError", "The ID number on the front differs from the one on the back. "
                                     "Make sure both sides are of the same card and capture them "
                                     "again."),
     R::RecaptureDocument},
    {4001,
     QT_TRANSLATE_NOOP("VlensError",
                       "The API key was rejected. Check the API key in the kiosk settings."),
     R::CheckConfiguration},
    {4002,
     QT_TRANSLATE_NOOP("VlensError", "The subscription balance is used up. Ask the administrator "
                                     "to recharge the Vlens bundle."),
     R::ContactSupport},
    {4003,
     QT_TRANSLATE_NOOP("VlensError", "The allowed number of trial requests is exceeded. Ask the "
                                     "administrator to upgrade the Vlens subscription."),
     R::ContactSupport},
    {4004,
     QT_TRANSLATE_NOOP("VlensError", "This service is not part of the subscribed bundle. Ask the "
                                     "administrator to add it."),
     R::ContactSupport},
    {4005,
     QT_TRANSLATE_NOOP("VlensError", "The subscription bundle is disabled. Ask the administrator "
                                     "to contact Vlens."),
     R::ContactSupport},
    {4006,
     QT_TRANSLATE_NOOP("VlensError", "The tenant is not subscribed to this service. Ask the "
                                     "administrator to subscribe."),
     R::ContactSupport},
    {4007,
     QT_TRANSLATE_NOOP("VlensError",
                       "The subscription has expired. Ask the administrator to renew it."),
     R::ContactSupport},
    {4206,
     QT_TRANSLATE_NOOP("VlensError", "More than one face is visible. Make sure only the customer "
                                     "is in front of the camera and capture again."),
     R::RecaptureFace},
    {4207,
     QT_TRANSLATE_NOOP("VlensError", "No face was detected. Ask the customer to face the camera "
                                     "with the whole face visible and capture again."),
     R::RecaptureFace},
    {4208,
     QT_TRANSLATE_NOOP("VlensError", "No face was detected in the face images. Improve the light "
                                     "on the customer's face and capture again."),
     R::RecaptureFace},
    {4209,
     QT_TRANSLATE_NOOP("VlensError", "The face is not clear. Ask the customer to hold still and "
                                     "remove glasses or hat, then capture again."),
     R::RecaptureFace},
    {4210,
     QT_TRANSLATE_NOOP("VlensError", "The face could not be checked. Capture the face again in "
                                     "good light, looking straight at the camera."),
     R::RecaptureFace},
    {5000,
     QT_TRANSLATE_NOOP("VlensError", "The verification service reported a general error. Try "
                                     "again; if this repeats, contact support with the request "
                                     "id."),
     R::Retry},
    {5001,
     QT_TRANSLATE_NOOP("VlensError",
                       "This document type is not supported. Use an Egyptian national ID card."),
     R::UseAnotherDocument},
    {5002,
     QT_TRANSLATE_NOOP("VlensError", "The image is larger than 5 MB. Capture again with a lower "
                                     "resolution or stronger compression."),
     R::RecaptureDocument},
    {5003,
     QT_TRANSLATE_NOOP("VlensError", "The image has more than 25 megapixels. Capture again with "
                                     "a lower resolution."),
     R::RecaptureDocument},
    {5004,
     QT_TRANSLATE_NOOP("VlensError", "The transaction id or the access token is not valid. "
                                     "Restart the verification from the beginning."),
     R::RestartSession},
    {5005,
     QT_TRANSLATE_NOOP("VlensError", "This does not look like a real document (a copy or a "
                                     "screen). Use the original card."),
     R::UseAnotherDocument},
    {5006,
     QT_TRANSLATE_NOOP("VlensError",
                       "The image is out of focus. Hold the card still and capture again."),
     R::RecaptureDocument},
    {5007,
     QT_TRANSLATE_NOOP("VlensError", "The image was sent to the wrong step (for example the back "
                                     "as the front). Capture the requested side of the card."),
     R::RecaptureDocument},
    {5008,
     QT_TRANSLATE_NOOP("VlensError", "The service could not assign the extracted fields. Capture "
                                     "the card again; if this repeats, contact support."),
     R::RecaptureDocument},
    {7000,
     QT_TRANSLATE_NOOP("VlensError", "The verification service could not process the request. "
                                     "Try again; if this repeats, contact support."),
     R::Retry},
    {7001,
     QT_TRANSLATE_NOOP("VlensError", "More than one card was detected. Place a single card in the "
                                     "frame and capture again."),
     R::RecaptureDocument},
    {7002,
     QT_TRANSLATE_NOOP("VlensError",
                       "The front of the card could not be processed. Capture the front again."),
     R::RecaptureDocument},
    {7003,
     QT_TRANSLATE_NOOP("VlensError",
                       "The back of the card could not be processed. Capture the back again."),
     R::RecaptureDocument},
    {7004,
     QT_TRANSLATE_NOOP("VlensError", "The photo on the card could not be processed. Capture the "
                                     "front again with the photo clearly visible."),
     R::RecaptureDocument},
    {7005,
     QT_TRANSLATE_NOOP("VlensError",
                       "The face images could not be processed. Capture the face again."),
     R::RecaptureFace},
    {7006,
     QT_TRANSLATE_NOOP("VlensError", "The liveness check could not be processed. Capture the face "
                                     "again, following the instructions on the screen."),
     R::RecaptureFace},
    {7007,
     QT_TRANSLATE_NOOP("VlensError", "The extracted data could not be processed. Capture the card "
                                     "again; if this repeats, contact support."),
     R::RecaptureDocument},
    {7008,
     QT_TRANSLATE_NOOP("VlensError", "The face does not match the photo on the ID card. Make sure "
                                     "the card holder is the person in front of the camera."),
     R::RecaptureFace},
};

const CodeEntry *findCode(int code)
{
    const auto it = std::find_if(std::begin(kCodes), std::end(kCodes),
                                 [code](const CodeEntry &e) { return e.code == code; });
    return it == std::end(kCodes) ? nullptr : &*it;
}

const char *const kUnknownCode = QT_TRANSLATE_NOOP(
    "VlensError", "The verification service reported error %1. Try again; if this repeats, "
                  "contact support with the request id.");

} // namespace

ApiError::ApiError(Kind kind, QString detail)
    : m_kind(kind)
    , m_detail(std::move(detail))
{}

ApiError ApiError::service(int code, QString serverMessage)
{
    ApiError e(Kind::Service);
    e.m_serviceCode = code;
    e.m_serverMessage = std::move(serverMessage);
    return e;
}

ApiError ApiError::http(int status, QString serverMessage)
{
    Kind kind = Kind::HttpStatus;
    if (status == 400)
        kind = Kind::BadRequest;
    else if (status == 401)
        kind = Kind::Unauthorized;
    else if (status == 403)
        kind = Kind::Forbidden;
    else if (status == 404)
        kind = Kind::NotFound;
    else if (status == 429)
        kind = Kind::RateLimited;
    else if (status >= 500 && status <= 599)
        kind = Kind::ServerError;
    ApiError e(kind);
    e.m_httpStatus = status;
    e.m_serverMessage = std::move(serverMessage);
    return e;
}

bool ApiError::isTransport() const
{
    switch (m_kind) {
    case Kind::Timeout:
    case Kind::ConnectionRefused:
    case Kind::HostNotFound:
    case Kind::Tls:
    case Kind::Network:
        return true;
    default:
        return false;
    }
}

bool ApiError::isClientSide() const
{
    return m_kind == Kind::InsecureUrl || m_kind == Kind::InvalidRequest ||
           m_kind == Kind::NotAuthenticated;
}

const char *ApiError::kindSourceText(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QT_TRANSLATE_NOOP("ApiError", "No error.");
    case Kind::Service:
        return kUnknownCode;
    case Kind::BadRequest:
        return QT_TRANSLATE_NOOP("ApiError", "The service rejected the request as invalid. Check "
                                             "the input and the settings, then try again.");
    case Kind::Unauthorized:
        return QT_TRANSLATE_NOOP("ApiError", "The session has expired or the credentials were "
                                             "rejected. Sign in again.");
    case Kind::Forbidden:
        return QT_TRANSLATE_NOOP("ApiError", "This account is not allowed to do this. Ask an "
                                             "administrator for the required permission.");
    case Kind::SignerNotVerified:
        return QT_TRANSLATE_NOOP("ApiError",
                                 "The signer has not finished identity verification yet, or this "
                                 "account is not the document's sender. Try again later.");
    case Kind::NotFound:
        return QT_TRANSLATE_NOOP("ApiError", "The service does not know this address or record. "
                                             "Check the service URL and the identifiers.");
    case Kind::RateLimited:
        return QT_TRANSLATE_NOOP("ApiError",
                                 "Too many requests were sent. Wait a moment and try again.");
    case Kind::ServerError:
        return QT_TRANSLATE_NOOP("ApiError", "The service has a problem (HTTP status %1). Try "
                                             "again in a few minutes.");
    case Kind::HttpStatus:
        return QT_TRANSLATE_NOOP("ApiError", "The service answered with HTTP status %1. Try again; "
                                             "if this repeats, contact support.");
    case Kind::Timeout:
        return QT_TRANSLATE_NOOP("ApiError", "The service did not answer in time. Check the "
                                             "network connection and try again.");
    case Kind::ConnectionRefused:
        return QT_TRANSLATE_NOOP("ApiError", "The service refused the connection. Check the "
                                             "service URL and that the server is running.");
    case Kind::HostNotFound:
        return QT_TRANSLATE_NOOP("ApiError", "The service's host name could not be found. Check "
                                             "the network connection and the service URL.");
    case Kind::Tls:
        return QT_TRANSLATE_NOOP("ApiError", "A secure connection could not be established "
                                             "(certificate or TLS error). Check the system clock "
                                             "and the service URL.");
    case Kind::Network:
        return QT_TRANSLATE_NOOP("ApiError", "A network error interrupted the request. Check the "
                                             "connection and try again.");
    case Kind::Cancelled:
        return QT_TRANSLATE_NOOP("ApiError", "The request was cancelled.");
    case Kind::BadResponse:
        return QT_TRANSLATE_NOOP("ApiError", "The service sent an answer that could not be read. "
                                             "Try again; if this repeats, contact support.");
    case Kind::ResponseTooLarge:
        return QT_TRANSLATE_NOOP("ApiError", "The service sent an answer far larger than this "
                                             "call allows; it was refused. Check the service "
                                             "URL; if this repeats, contact support.");
    case Kind::RedirectRefused:
        return QT_TRANSLATE_NOOP("ApiError", "The service redirected the request to another "
                                             "host; the redirect was refused so that no "
                                             "credentials leave for it. Check the service URL.");
    case Kind::InsecureUrl:
        return QT_TRANSLATE_NOOP("ApiError",
                                 "The service URL must start with https:// (http:// is allowed "
                                 "only for this computer: 127.0.0.1 or ::1).");
    case Kind::InvalidRequest:
        return QT_TRANSLATE_NOOP("ApiError", "The request was not sent because its input is "
                                             "missing or invalid (for example an empty image or "
                                             "one that is not JPEG or PNG).");
    case Kind::NotAuthenticated:
        return QT_TRANSLATE_NOOP("ApiError",
                                 "No access token is available for this call. Sign in first.");
    }
    return "";
}

QString ApiError::message() const
{
    if (m_kind == Kind::Service) {
        if (const CodeEntry *e = findCode(m_serviceCode))
            return QCoreApplication::translate("VlensError", e->text);
        return QCoreApplication::translate("VlensError", kUnknownCode).arg(m_serviceCode);
    }
    const QString text = QCoreApplication::translate("ApiError", kindSourceText(m_kind));
    if (m_kind == Kind::ServerError || m_kind == Kind::HttpStatus)
        return text.arg(m_httpStatus);
    return text;
}

QString ApiError::fullMessage() const
{
    QString text = message();
    const QString extra = !m_detail.isEmpty() ? m_detail : m_serverMessage;
    if (!extra.isEmpty() && extra != text)
        text += u" ("_s + extra + u')';
    return text;
}

ApiError::Remedy ApiError::remedy() const
{
    switch (m_kind) {
    case Kind::None:
    case Kind::Cancelled:
        return R::None;
    case Kind::Service:
        if (const CodeEntry *e = findCode(m_serviceCode))
            return e->remedy;
        return R::Retry;
    case Kind::BadRequest:
    case Kind::InvalidRequest:
    case Kind::BadResponse:
    case Kind::ResponseTooLarge:
        return R::ContactSupport;
    case Kind::Unauthorized:
    case Kind::NotAuthenticated:
        return R::SignIn;
    case Kind::Forbidden:
    case Kind::NotFound:
    case Kind::HostNotFound:
    case Kind::Tls:
    case Kind::InsecureUrl:
    case Kind::ConnectionRefused:
    case Kind::RedirectRefused:
        return R::CheckConfiguration;
    case Kind::SignerNotVerified:
    case Kind::RateLimited:
    case Kind::ServerError:
        return R::RetryLater;
    case Kind::HttpStatus:
    case Kind::Timeout:
    case Kind::Network:
        return R::Retry;
    }
    return R::None;
}

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return u"none"_s;
    case Kind::Service:
        return u"service"_s;
    case Kind::BadRequest:
        return u"bad-request"_s;
    case Kind::Unauthorized:
        return u"unauthorized"_s;
    case Kind::Forbidden:
        return u"forbidden"_s;
    case Kind::SignerNotVerified:
        return u"signer-not-verified"_s;
    case Kind::NotFound:
        return u"not-found"_s;
    case Kind::RateLimited:
        return u"rate-limited"_s;
    case Kind::ServerError:
        return u"server-error"_s;
    case Kind::HttpStatus:
        return u"http-status"_s;
    case Kind::Timeout:
        return u"timeout"_s;
    case Kind::ConnectionRefused:
        return u"connection-refused"_s;
    case Kind::HostNotFound:
        return u"host-not-found"_s;
    case Kind::Tls:
        return u"tls"_s;
    case Kind::Network:
        return u"network"_s;
    case Kind::Cancelled:
        return u"cancelled"_s;
    case Kind::BadResponse:
        return u"bad-response"_s;
    case Kind::ResponseTooLarge:
        return u"response-too-large"_s;
    case Kind::RedirectRefused:
        return u"redirect-refused"_s;
    case Kind::InsecureUrl:
        return u"insecure-url"_s;
    case Kind::InvalidRequest:
        return u"invalid-request"_s;
    case Kind::NotAuthenticated:
        return u"not-authenticated"_s;
    }
    return u"unknown"_s;
}

QString ApiError::logSummary() const
{
    QString s = kindName(m_kind);
    if (m_kind == Kind::Service)
        s += u' ' + QString::number(m_serviceCode);
    if (m_httpStatus != 0)
        s += u" http "_s + QString::number(m_httpStatus);
    return s;
}

QList<int> ApiError::documentedCodes()
{
    QList<int> codes;
    for (const CodeEntry &e : kCodes)
        codes.append(e.code);
    return codes;
}

bool ApiError::isDocumentedCode(int code)
{
    return findCode(code) != nullptr;
}

const char *ApiError::codeSourceText(int code)
{
    const CodeEntry *e = findCode(code);
    return e ? e->text : "";
}

} // namespace kiosk::api
