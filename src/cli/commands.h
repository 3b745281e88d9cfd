#pragma once

#include "command.h"

// The entry point of each kioskctl command, one command<name>.cpp each.
namespace kiosk::cli {

int runSpecimen(CommandContext &context);
int runVersion(CommandContext &context);
int runDoctor(CommandContext &context);
int runVerify(CommandContext &context);
int runAuditImages(CommandContext &context);
int runAuditImage(CommandContext &context);
int runBoldSignReport(CommandContext &context);
int runBoldSignImage(CommandContext &context);
int runCompress(CommandContext &context);
int runInspect(CommandContext &context);
int runPinSet(CommandContext &context);
int runMetrics(CommandContext &context);
#ifdef KIOSK_HAVE_MULTIMEDIA
int runCameraList(CommandContext &context);
int runCameraBurst(CommandContext &context);
int runCameraSnapshot(CommandContext &context);
#endif

} // namespace kiosk::cli
