#include "customersession.h"

#include "securewipe.h"

namespace kiosk::flow {

namespace {

// The session's own copies die with the session, and so does every other copy of them
// (pages, replies): zeroed even when shared (Shared::Zero), then released.
void scrub(QByteArray &bytes)
{
    secureWipe(bytes, Shared::Zero);
}

void scrub(QString &text)
{
    secureWipe(text, Shared::Zero);
}

// What the service read from the card: every string of it. The raw JSON objects are Qt's
// own containers and cannot be reached (docs/privacy.md).
void scrub(std::optional<api::IdFrontData> &front)
{
    if (front) {
        for (QString *field :
             {&front->firstName, &front->lastNames, &front->firstNameEnglish,
              &front->lastNamesEnglish, &front->name, &front->nameEnglish, &front->idNumber,
              &front->dateOfBirth, &front->govern, &front->city, &front->district, &front->address,
              &front->gender, &front->idKey, &front->transactionId})
            scrub(*field);
    }
    front.reset();
}

void scrub(std::optional<api::IdBackData> &back)
{
    if (back) {
        for (QString *field : {&back->maritalStatus, &back->job, &back->jobTitle, &back->religion,
                               &back->husbandName, &back->releaseDate, &back->idExpiry,
                               &back->idNumber, &back->gender})
            scrub(*field);
    }
    back.reset();
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
    scrub(password);
    scrub(transactionId);
    scrub(frontData);
    scrub(backData);
    if (finalResult) {
        scrub(finalResult->front);
        scrub(finalResult->back);
        scrub(finalResult->transactionId);
    }
    finalResult.reset();
    lastServices = api::Services();
    requestIds.clear();
    consentGiven = false;
    language = QLocale(QLocale::English);
    startedAt = QDateTime();
}

void CustomerSession::wipeFront()
{
    scrub(idFront);
    scrub(frontData);
}

void CustomerSession::wipeBack()
{
    scrub(idBack);
    scrub(backData);
}

void CustomerSession::wipeFaces()
{
    for (QByteArray &face : faces)
        scrub(face);
}

bool CustomerSession::isEmpty() const
{
    bool facesEmpty = true;
    for (const QByteArray &face : faces)
        facesEmpty = facesEmpty && face.isEmpty();
    return idFront.isEmpty() && idBack.isEmpty() && facesEmpty && phoneNumber.isEmpty() &&
           email.isEmpty() && password.isEmpty() && transactionId.isEmpty() && !frontData &&
           !backData && !finalResult && lastServices.raw.isEmpty() && requestIds.isEmpty() &&
           !consentGiven;
}

} // namespace kiosk::flow
