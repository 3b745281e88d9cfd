// The Vlens response envelope and everything parsed out of it (tokens, session, OCR of
// the front and back, services, verify results, image references), for any body under
// the statuses the client treats differently (2xx, 4xx with a code, 5xx).
#include "api/apienvelope.h"
#include "api/vlenstypes.h"

#include <cstddef>
#include <cstdint>

using namespace kiosk::api;

namespace {

void consume(const ApiError &error)
{
    // Every message the kiosk would show or log for this answer.
    (void)error.message();
    (void)error.fullMessage();
    (void)error.logSummary();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const int status : {200, 401, 429, 500}) {
        const ApiEnvelope envelope = ApiEnvelope::fromHttp(status, body);
        consume(envelope.error());
        (void)envelope.errorMessage();
        (void)envelope.firstValidationMessage();
        (void)ApiEnvelope::text(envelope.errorDescriptions());
        if (status != 200)
            continue;
        const QJsonObject object = envelope.dataObject();
        QString why;
        TokenResult tokens;
        (void)parseTokens(object, &tokens, &why);
        SessionResult session;
        (void)parseSession(object, &session, &why);
        VerifyResult verify;
        if (parseVerify(envelope, &verify, &why)) {
            (void)verify.services.firstValidationMessage();
        }
        (void)parseIdFront(object);
        (void)parseIdBack(object);
        (void)parseServices(envelope.services());
        IdentityImages images;
        (void)parseIdentityImages(object, &images, &why);
        StepImage image;
        (void)parseStepImage(object, &image, &why);
    }
    return 0;
}
