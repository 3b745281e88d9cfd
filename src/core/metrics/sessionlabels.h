#pragma once

#include "flow/onboardingflow.h"

#include <QString>

#include <optional>

namespace kiosk::metrics {

// How a finished session is counted: outcome is one of verified, validated, refused,
// cancelled, referred, timed_out; reason says why (a small fixed vocabulary or a
// service code, never anything about the customer).
struct SessionLabels
{
    QString outcome;
    QString reason;
};

// lastFailure: the failure still standing when the session ended (none if the flow
// moved past it).
SessionLabels sessionLabels(flow::EndReason end, flow::Outcome outcome,
                            const std::optional<flow::Failure> &lastFailure);

// Why the service (or the flow) refused a step: "not_genuine", "liveness", "code_3011",
// or the error kind ("timeout", "server-error", ...).
QString failureReason(const flow::Failure &failure);

// Why a picture had to be taken again: blur, glare, wrong_side, liveness or service.
QString retakeReason(const flow::Failure &failure);

// The error code of a failed request for labels and the journal: the service's
// error_code when there is one, else the error kind.
QString errorCode(const api::ApiError &error);

// Lowercase step name: consent, id_front, liveness...
QString stepName(flow::Step step);

} // namespace kiosk::metrics
