#include "commands.h"
#include "command.h"

namespace kiosk::cli {

const QList<Command> &commands()
{
    static const QList<Command> table = {
        {"verify", "verify --front F --back B --face F1..3 ...",
         "run a whole verification from image files or a video", &runVerify},
        {"audit images", "audit images PHONE_OR_EMAIL", "list a customer's stored images",
         &runAuditImages},
        {"audit image", "audit image TRANSACTION FILE -o OUT", "download one stored image",
         &runAuditImage},
        {"boldsign report", "boldsign report DOCUMENT_ID --email E",
         "a signer's BoldSign identity-verification report", &runBoldSignReport},
        {"boldsign image", "boldsign image DOCUMENT_ID FILE_ID -o OUT",
         "download a BoldSign identity-verification image", &runBoldSignImage},
        {"compress", "compress IN OUT [--budget BYTES]",
         "JPEG under a byte budget at the best quality that fits", &runCompress},
        {"inspect", "inspect IMAGE", "sharpness, glare, card and faces of an image", &runInspect},
#ifdef KIOSK_HAVE_MULTIMEDIA
        {"camera list", "camera list [--camera NAME]", "list cameras and their formats",
         &runCameraList},
        {"camera burst", "camera burst [--count N]",
         "take liveness bursts, print planned and achieved spans", &runCameraBurst},
        {"camera snapshot", "camera snapshot OUT.jpg", "save one full-resolution frame",
         &runCameraSnapshot},
#endif
        {"doctor", "doctor [--json]", "check configuration, cameras, service, TLS and clock",
         &runDoctor},
        {"pin set", "pin set < PIN", "store a new agent PIN (its hash) in the kiosk's state",
         &runPinSet},
        {"metrics", "metrics [--self] [--dir DIR]",
         "print the kiosk's Prometheus metrics (its last published file)", &runMetrics},
        {"specimen", "specimen [PERSONA] [-o DIR]",
         "render the sandbox personas' specimen ID cards (training, tests)", &runSpecimen},
        {"version", "version", "print the version", &runVersion},
    };
    return table;
}

} // namespace kiosk::cli
