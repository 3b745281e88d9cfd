#include "sessionlabels.h"

using namespace Qt::StringLiterals;

namespace kiosk::metrics {

using api::ApiError;
using api::VlensCode;

namespace {

// The service said no (as opposed to a transport or client-side problem).
bool isRefusal(const flow::Failure &failure)
{
    return !failure.outcomeText.isEmpty() || failure.error.kind() == ApiError::Kind::Service;
}

QString endReasonName(flow::EndReason end)
{
    switch (end) {
    case flow::EndReason::Finished:
        return u"finished"_s;
    case flow::EndReason::CustomerLeft:
        return u"customer_left"_s;
    case flow::EndReason::ConsentDeclined:
        return u"consent_declined"_s;
    case flow::EndReason::IdleTimeout:
        return u"idle"_s;
    case flow::EndReason::AgentEnded:
        return u"agent_ended"_s;
    }
    return u"unknown"_s;
}

} // namespace

QString stepName(flow::Step step)
{
    switch (step) {
    case flow::Step::Welcome:
        return u"welcome"_s;
    case flow::Step::Consent:
        return u"consent"_s;
    case flow::Step::Customer:
        return u"customer"_s;
    case flow::Step::IdFront:
        return u"id_front"_s;
    case flow::Step::IdBack:
        return u"id_back"_s;
    case flow::Step::Liveness:
        return u"liveness"_s;
    case flow::Step::Review:
        return u"review"_s;
    case flow::Step::Result:
        return u"result"_s;
    }
    return u"unknown"_s;
}

QString errorCode(const ApiError &error)
{
    // The generic 5000 that comes with an HTTP error says less than the HTTP kind.
    if (error.serviceCode() != 0 && (error.kind() == ApiError::Kind::Service ||
                                     error.serviceCode() != int(VlensCode::GeneralError)))
        return QString::number(error.serviceCode());
    if (error.kind() == ApiError::Kind::None)
        return u"none"_s;
    return ApiError::kindName(error.kind());
}

QString failureReason(const flow::Failure &failure)
{
    // The flow's own refusals carry an English outcome text and no error.
    if (!failure.error.isError()) {
        if (failure.outcomeText.contains(u"spoofing"_s))
            return u"not_genuine"_s;
        if (failure.outcomeText.contains(u"liveness"_s))
            return u"liveness"_s;
        return u"refused"_s;
    }
    if (failure.error.serviceCode() == int(VlensCode::NotRealDocument))
        return u"not_genuine"_s;
    const QString code = errorCode(failure.error);
    return failure.error.serviceCode() != 0 && code.front().isDigit() ? u"code_"_s + code : code;
}

QString retakeReason(const flow::Failure &failure)
{
    switch (VlensCode(failure.error.serviceCode())) {
    case VlensCode::Unfocused:
    case VlensCode::FaceUnclear:
        return u"blur"_s;
    case VlensCode::NoFaceOnCard:
        return u"glare"_s;
    case VlensCode::WrongEndpoint:
    case VlensCode::IdNumberMismatch:
        return u"wrong_side"_s;
    default:
        break;
    }
    if (!failure.error.isError() && failure.outcomeText.contains(u"liveness"_s))
        return u"liveness"_s;
    return u"service"_s;
}

SessionLabels sessionLabels(flow::EndReason end, flow::Outcome outcome,
                            const std::optional<flow::Failure> &lastFailure)
{
    switch (outcome) {
    case flow::Outcome::Verified:
        return {u"verified"_s, u"none"_s};
    case flow::Outcome::Validated:
        return {u"validated"_s, u"none"_s};
    case flow::Outcome::NotVerified:
        return {u"refused"_s, u"not_verified"_s};
    case flow::Outcome::ReferredToAgent:
        return {u"referred"_s, lastFailure ? failureReason(*lastFailure) : u"agent_choice"_s};
    case flow::Outcome::None:
        break;
    }
    if (lastFailure && lastFailure->action == flow::Failure::Action::AgentDecides &&
        isRefusal(*lastFailure))
        return {u"refused"_s, failureReason(*lastFailure)};
    if (end == flow::EndReason::IdleTimeout)
        return {u"timed_out"_s, endReasonName(end)};
    return {u"cancelled"_s, endReasonName(end)};
}

} // namespace kiosk::metrics
