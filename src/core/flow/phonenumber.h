#pragma once

#include <QString>

namespace kiosk::flow {

// A phone number as the customer typed it, in the form the service wants (E.164).
struct PhoneNumber
{
    QString e164; // "+201001234567"; empty when the input cannot be one
    bool valid = false;
};

// Friendly normalisation for an Egyptian kiosk: Arabic-Indic digits become ASCII, spaces,
// dashes, dots and brackets are dropped, a leading 00 becomes +, a local mobile number
// 01xxxxxxxxx becomes +201xxxxxxxxx and 201xxxxxxxxx gains its +. Egyptian numbers
// (+20) must be mobiles (+20 1[0125] and eight digits); others need only be E.164.
PhoneNumber normalizePhoneNumber(const QString &input);

} // namespace kiosk::flow
