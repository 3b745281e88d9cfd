#pragma once

#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>

namespace kiosk::api {

// Documented Vlens error codes (vlens-api.md, "Error codes"). The service may send others:
// ApiError keeps any code, these are the ones with a dedicated message and remedy.
enum class VlensCode : int
{
    InvalidIdNumber = 3001,
    InvalidBirthDate = 3002,
    InvalidGovernorate = 3003,
    InvalidIdKey = 3004,
    InvalidGender = 3005,
    InvalidReleaseDate = 3006,
    BirthDateFormat = 3007,
    ReleaseDateFormat = 3008,
    ExpiryDateFormat = 3009,
    DocumentExpired = 3010,
    CardNotDetected = 3011,
    InvalidMrz = 3013,
    NoFaceOnCard = 3014,
    IdNumberMismatch = 3101,
    WrongApiKey = 4001,
    RechargeNeeded = 4002,
    TrialsExceeded = 4003,
    NotInBundle = 4004,
    BundleDisabled = 4005,
    NotSubscribed = 4006,
    SubscriptionExpired = 4007,
    MultipleFaces = 4206,
    NoFaceDetected = 4207,
    NoFaceInFrames = 4208,
    FaceUnclear = 4209,
    FaceNotVerified = 4210,
    GeneralError = 5000,
    UnsupportedDocument = 5001,
    ImageTooLarge = 5002,
    ImageTooManyPixels = 5003,
    InvalidTransactionOrToken = 5004,
    NotRealDocument = 5005,
    Unfocused = 5006,
    WrongEndpoint = 5007,
    FieldAssignment = 5008,
    ProcessingError = 7000,
    MultipleCards = 7001,
    FrontProcessing = 7002,
    BackProcessing = 7003,
    CardPhotoProcessing = 7004,
    FaceProcessing = 7005,
    LivenessProcessing = 7006,
    DataProcessing = 7007,
    FaceMismatch = 7008,
};

// Why a call to the Vlens or BoldSign service failed, typed so that the GUI state machine
// and kioskctl can act on it (message(), remedy()) without parsing text.
class ApiError
{
public:
    enum class Kind
    {
        None,              // success
        Service,           // the service answered with a non-zero error_code (serviceCode())
        BadRequest,        // HTTP 400 without an envelope code (BoldSign: {"error": ...})
        Unauthorized,      // HTTP 401 (after one token refresh, if one was possible)
        Forbidden,         // HTTP 403 without an envelope code
        SignerNotVerified, // BoldSign 403: signer not verified yet, or caller is not the sender
        NotFound,          // HTTP 404
        RateLimited,       // HTTP 429 (after the retries allowed for GETs)
        ServerError,       // HTTP 5xx without an envelope code
        HttpStatus,        // any other non-2xx status without an envelope code
        Timeout,           // no byte moved for the transfer timeout
        ConnectionRefused, // nothing listens at the service address
        HostNotFound,      // DNS failure
        Tls,               // certificate or handshake failure
        Network,           // any other transport failure (connection reset...)
        Cancelled,         // cancel() was called
        BadResponse,       // malformed, truncated or unexpected answer
        ResponseTooLarge,  // the answer grew past the call's size cap and was aborted
        RedirectRefused,   // the service redirected to another host (credentials stay here)
        InsecureUrl,       // refused before sending: base URL not https and not loopback
        InvalidRequest,    // refused before sending: missing or unusable input
        NotAuthenticated,  // refused before sending: no access token for a bearer call
    };

    // What the operator (or the flow) should do next.
    enum class Remedy
    {
        None,
        Retry,              // transient: the same input may succeed
        RetryLater,         // the service is busy or down: wait, then retry
        RecaptureDocument,  // capture the ID side again (light, focus, framing)
        RecaptureFace,      // capture the three face frames again
        UseAnotherDocument, // expired, unsupported or not genuine card
        RestartSession,     // tokens or transaction unusable: start over
        SignIn,             // credentials rejected: sign in again
        CheckConfiguration, // URL, API key, tenancy or permissions are wrong
        ContactSupport,     // needs the administrator or Vlens
    };

    ApiError() = default;
    explicit ApiError(Kind kind, QString detail = {});
    static ApiError service(int code, QString serverMessage = {});
    static ApiError http(int status, QString serverMessage = {});

    Kind kind() const { return m_kind; }
    bool isError() const { return m_kind != Kind::None; }
    // Transport failures: no complete HTTP answer was received.
    bool isTransport() const;
    // Refused by the client before anything was sent.
    bool isClientSide() const;

    // The envelope's error_code (always set for Service; also kept when a non-2xx status
    // came with the generic 5000 and the HTTP kind was the more actionable one). 0 if none.
    int serviceCode() const { return m_serviceCode; }
    int httpStatus() const { return m_httpStatus; } // 0 when no status was received
    // The server's own text: error_message (Vlens) or "error" (BoldSign). May be Arabic.
    QString serverMessage() const { return m_serverMessage; }
    // The first validation_errors[0].errors[0].message, which the Vlens SDKs show; or,
    // for client-side errors, an English developer hint. Empty if none.
    QString detail() const { return m_detail; }
    QJsonValue errorDescriptions() const { return m_errorDescriptions; }
    QString requestId() const { return m_requestId; }

    void setHttpStatus(int status) { m_httpStatus = status; }
    void setServiceCode(int code) { m_serviceCode = code; }
    void setServerMessage(const QString &message) { m_serverMessage = message; }
    void setDetail(const QString &detail) { m_detail = detail; }
    void setErrorDescriptions(const QJsonValue &value) { m_errorDescriptions = value; }
    void setRequestId(const QString &id) { m_requestId = id; }

    // Actionable text for the operator in the current UI language (translated through
    // QCoreApplication::translate, contexts "ApiError" and "VlensError").
    QString message() const;
    // message() followed by the server's detail, for the agent's screen and kioskctl.
    QString fullMessage() const;
    Remedy remedy() const;

    // For logs: never contains personal data ("service 3011", "http 503", "timeout").
    QString logSummary() const;
    static QString kindName(Kind kind);

    // Every code of the reference table, in ascending order.
    static QList<int> documentedCodes();
    static bool isDocumentedCode(int code);
    // The English source text for a documented code (empty for others).
    static const char *codeSourceText(int code);
    // The English source text for a kind (the generic message; %1 = status or code).
    static const char *kindSourceText(Kind kind);

private:
    Kind m_kind = Kind::None;
    int m_serviceCode = 0;
    int m_httpStatus = 0;
    QString m_serverMessage;
    QString m_detail;
    QJsonValue m_errorDescriptions;
    QString m_requestId;
};

} // namespace kiosk::api

Q_DECLARE_METATYPE(kiosk::api::ApiError)
