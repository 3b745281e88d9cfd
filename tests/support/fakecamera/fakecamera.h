/* Shared between the parts of the kiosk fake camera plugin. */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* A live source that plays a scripted scene: KIOSK_FAKECAM_SCENE is a list of
 * "PATH[@SECONDS]" entries separated by ';'. Still images are held, videos loop; an
 * entry with SECONDS moves on to the next after that long, one without stays until
 * the control file's scene_index says otherwise. Example (the demo):
 *   front.png@8;back.png@8;/usr/share/doc/opencv-doc/examples/data/Megamind.avi */
#define KIOSK_TYPE_FAKE_SCENE_SRC (kiosk_fake_scene_src_get_type())
GType kiosk_fake_scene_src_get_type(void);

GstElement *kiosk_fake_scene_new(const gchar *scene, gint index, gint fps, GError **error);

/* The control file's scene_index (or -1), read afresh. */
gint kiosk_fake_config_scene_index(void);

G_END_DECLS
