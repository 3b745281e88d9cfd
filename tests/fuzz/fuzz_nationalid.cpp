// National ID parsing: the 14-digit number as OCR reads it (either digit script), and the
// card check that compares front, back, birth date, gender and expiry.
// Input: lines "front number", "back number", "birth date (yyyy-MM-dd)", "M|F", "expiry".
#include "identity/nationalid.h"

#include <QStringList>

#include <cstddef>
#include <cstdint>

using namespace kiosk;

namespace {

void check(bool invariant)
{
    if (!invariant)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QStringList lines = text.split(u'\n');
    const auto line = [&lines](int i) { return i < lines.size() ? lines.at(i) : QString(); };
    const QDate today(2026, 11, 26);

    const QString digits = normalizeDigits(line(0));
    check(normalizeDigits(digits) == digits);
    const NationalIdCheck number = checkNationalIdNumber(line(0), today);
    if (number.ok()) {
        // A number that passes has 14 ASCII digits, a real past birth date and a place.
        check(number.number.digits.size() == 14);
        for (const QChar c : number.number.digits)
            check(c >= u'0' && c <= u'9');
        check(number.number.birthDate.isValid() && number.number.birthDate <= today);
        check(!governorateName(number.number.governorate).isEmpty());
        check(nationalIdCheckDigit(number.number.digits) >= 0);
    }
    for (const NationalIdIssue issue : number.errors + number.warnings)
        check(vlensErrorCode(issue) != 5000);

    NationalIdCard card;
    card.frontNumber = line(0);
    card.backNumber = line(1);
    card.birthDate = QDate::fromString(line(2), Qt::ISODate);
    card.gender = line(3) == u"M"   ? Gender::Male
                  : line(3) == u"F" ? Gender::Female
                                    : Gender::Unknown;
    card.expiry = QDate::fromString(line(4), Qt::ISODate);
    const NationalIdCheck full = checkNationalIdCard(card, today);
    // The card check only adds to the number check.
    for (const NationalIdIssue issue : number.errors)
        check(full.errors.contains(issue));
    (void)nationalIdCheckDigit(digits);
    return 0;
}
