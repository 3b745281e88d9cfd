#include "phonenumber.h"

#include "identity/nationalid.h"
#include "onboardingflow.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace kiosk::flow {

PhoneNumber normalizePhoneNumber(const QString &input)
{
    QString text = normalizeDigits(input.trimmed());
    // Plus signs typed as the full-width or Arabic-keyboard variants.
    text.replace(u'\uFF0B', u'+');
    static const QRegularExpression separators(u"[\\s\\-\\.\\(\\)\u200E\u200F]"_s);
    text.remove(separators);
    if (text.startsWith(u"00"_s))
        text = u'+' + text.mid(2);
    static const QRegularExpression localMobile(u"^01[0-9]{9}$"_s);
    static const QRegularExpression nationalMobile(u"^201[0-9]{9}$"_s);
    if (localMobile.match(text).hasMatch())
        text = u"+20"_s + text.mid(1);
    else if (nationalMobile.match(text).hasMatch())
        text = u'+' + text;

    PhoneNumber result;
    if (!OnboardingFlow::isValidPhoneNumber(text))
        return result;
    static const QRegularExpression egyptMobile(u"^\\+201[0125][0-9]{8}$"_s);
    if (text.startsWith(u"+20"_s) && !egyptMobile.match(text).hasMatch())
        return result;
    result.e164 = text;
    result.valid = true;
    return result;
}

} // namespace kiosk::flow
