#include "customersession.h"

namespace kiosk::flow {

namespace {

// Overwrites the bytes we own before letting them go: the heap pages may be reused or
// swapped, and image data must not outlive the session there either.
void scrub(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        bytes.fill('\0');
    bytes = QByteArray();
}

void scrub(QString &text)
{
    if (!text.isEmpty())
        text.fill(u'\0');
    text = QString();
}

} // namespace

void CustomerSession::wipe()
{
    scrub(idFront);
    scrub(idBack);
    for (QByteArray &face : faces)
        scrub(face);
    scrub(phoneNumber);
    scrub(email);
    scrub(transactionId);
    frontData.reset();
    backData.reset();
    finalResult.reset();
    lastServices = api::Services();
    requestIds.clear();
    consentGiven = false;
    language = QLocale(QLocale::English);
    startedAt = QDateTime();
}

bool CustomerSession::isEmpty() const
{
    bool facesEmpty = true;
    for (const QByteArray &face : faces)
        facesEmpty = facesEmpty && face.isEmpty();
    return idFront.isEmpty() && idBack.isEmpty() && facesEmpty && phoneNumber.isEmpty() &&
           email.isEmpty() && transactionId.isEmpty() && !frontData && !backData && !finalResult &&
           lastServices.raw.isEmpty() && requestIds.isEmpty() && !consentGiven;
}

} // namespace kiosk::flow
