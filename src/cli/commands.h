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
// Built only with Qt Multimedia (KIOSK_HAVE_MULTIMEDIA, private to kioskcli): the
// command table in commands.cpp lists them only then.
int runCameraList(CommandContext &context);
int runCameraBurst(CommandContext &context);
int runCameraSnapshot(CommandContext &context);

} // namespace kiosk::cli
