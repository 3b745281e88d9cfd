/* A fake camera that Qt Multimedia sees as a real one: a GStreamer device provider
 * (class Video/Source) whose devices build their element from a pipeline description.
 * Test support for the camera suites and the camera of the demo on machines without one.
 *
 * Configuration (environment, read when the provider starts or an element is made):
 *   KIOSK_FAKECAM_PIPELINE      pipeline description of the picture; must end in a raw
 *                               video source pad (default: a moving test pattern)
 *   KIOSK_FAKECAM_SCENE         instead of a pipeline, a scripted scene (see scene.c)
 *   KIOSK_FAKECAM_NAME          display name (default "Kiosk Fake Camera")
 *   KIOSK_FAKECAM_COUNT         number of devices (default 1)
 *   KIOSK_FAKECAM_FPS           frame rate advertised and produced (default 30; the
 *                               built-in profile only)
 *   KIOSK_FAKECAM_PROFILE       the formats a real camera model offers (see kProfiles):
 *                               uvc-1080p, mjpeg-only, yuy2-only, uvc-4k, lowlight, tiny;
 *                               empty: YUY2 1080p/720p/480p at KIOSK_FAKECAM_FPS. MJPEG
 *                               formats carry real JPEG frames (jpegenc on the picture);
 *                               the named profiles jitter their timestamps like a driver
 *   KIOSK_FAKECAM_UHD           1: the built-in profile also offers YUY2 3840x2160, first
 *                               (benchmarks; Qt starts a camera at its largest size, so
 *                               never by default). The uvc-4k profile is a 4K webcam.
 *   KIOSK_FAKECAM_JITTER_US     timestamp jitter, +- microseconds (default: the profile's)
 *   KIOSK_FAKECAM_LOWLIGHT_AFTER  frames before the rate halves (auto exposure in a dim
 *                               room; default: the profile's, -1 never)
 *   KIOSK_FAKECAM_FAIL_OPEN     the first N elements fail to open, as a busy device does
 *   KIOSK_FAKECAM_SILENT_AFTER  elements stop delivering after N frames (stalled camera)
 *   KIOSK_FAKECAM_SILENT_TIMES  only the first N elements go silent (default: all)
 *   KIOSK_FAKECAM_BLACK_AFTER   frames turn black after N frames (0: black from the start)
 *   KIOSK_FAKECAM_CONTROL       a file of key=value lines that overrides the variables
 *                               above (lower-case names without the prefix: count=0 unplugs
 *                               every device); it is polled, so tests and the demo change
 *                               the device while it runs. When its "epoch" value changes,
 *                               the per-element counters (fail_open, silent_times) restart;
 *                               changing "stall_now" stalls the elements alive then.
 *                               A new profile (or name) re-plugs the devices, as
 *                               swapping the webcam does.
 */
#include "fakecamera.h"

#include <gst/gst.h>
#include <gst/video/video.h>

#include <stdlib.h>
#include <string.h>

#define KIOSK_FAKECAM_DEFAULT_PIPELINE                                                             \
    "videotestsrc is-live=true pattern=ball background-color=0xff304050 ! videoconvert "           \
    "! videoscale"

GST_DEBUG_CATEGORY_STATIC(kiosk_fakecam_debug);
#define GST_CAT_DEFAULT kiosk_fakecam_debug

/* ---- configuration ------------------------------------------------------------------ */

typedef struct
{
    gchar *pipeline;
    gchar *scene;
    gchar *name;
    gint count;
    gint fps;
    gint fail_open;
    gint silent_after;
    gint silent_times;
    gint black_after;
    gint scene_index;
    gint stall_now;
    gint uhd; /* also offer 3840x2160 (benchmarks); off by default */
    gchar *epoch;
    gchar *profile;
    gint jitter_us;      /* -1: the profile's */
    gint lowlight_after; /* -2: the profile's */
} FakeConfig;

static void config_clear(FakeConfig *c)
{
    g_free(c->pipeline);
    g_free(c->scene);
    g_free(c->name);
    g_free(c->epoch);
    g_free(c->profile);
    memset(c, 0, sizeof(*c));
}

static gint parse_int(const gchar *s, gint fallback)
{
    if (!s || !*s)
        return fallback;
    return (gint)g_ascii_strtoll(s, NULL, 10);
}

/* The keys of the configuration and the fields they set: text (with empty_is_unset, an
 * empty value unsets it) and numbers (fallback: the value when empty). */
typedef struct
{
    const gchar *key;
    glong offset;
    gboolean empty_is_unset;
} FakeTextKey;

typedef struct
{
    const gchar *key;
    glong offset;
    gint fallback;
} FakeIntKey;

static const FakeTextKey kTextKeys[] = {
    {"pipeline", G_STRUCT_OFFSET(FakeConfig, pipeline), TRUE},
    {"scene", G_STRUCT_OFFSET(FakeConfig, scene), TRUE},
    {"name", G_STRUCT_OFFSET(FakeConfig, name), FALSE},
    {"epoch", G_STRUCT_OFFSET(FakeConfig, epoch), FALSE},
    {"profile", G_STRUCT_OFFSET(FakeConfig, profile), TRUE},
};

static const FakeIntKey kIntKeys[] = {
    {"count", G_STRUCT_OFFSET(FakeConfig, count), 1},
    {"fps", G_STRUCT_OFFSET(FakeConfig, fps), 30},
    {"fail_open", G_STRUCT_OFFSET(FakeConfig, fail_open), 0},
    {"silent_after", G_STRUCT_OFFSET(FakeConfig, silent_after), -1},
    {"silent_times", G_STRUCT_OFFSET(FakeConfig, silent_times), -1},
    {"black_after", G_STRUCT_OFFSET(FakeConfig, black_after), -1},
    {"scene_index", G_STRUCT_OFFSET(FakeConfig, scene_index), 0},
    {"uhd", G_STRUCT_OFFSET(FakeConfig, uhd), 0},
    {"stall_now", G_STRUCT_OFFSET(FakeConfig, stall_now), 0},
    {"jitter_us", G_STRUCT_OFFSET(FakeConfig, jitter_us), -1},
    {"lowlight_after", G_STRUCT_OFFSET(FakeConfig, lowlight_after), -2},
};

static void config_set(FakeConfig *c, const gchar *key, const gchar *value)
{
    for (gsize i = 0; i < G_N_ELEMENTS(kTextKeys); ++i) {
        if (!g_strcmp0(key, kTextKeys[i].key)) {
            gchar **field = &G_STRUCT_MEMBER(gchar *, c, kTextKeys[i].offset);
            g_free(*field);
            *field = *value || !kTextKeys[i].empty_is_unset ? g_strdup(value) : NULL;
            return;
        }
    }
    for (gsize i = 0; i < G_N_ELEMENTS(kIntKeys); ++i) {
        if (!g_strcmp0(key, kIntKeys[i].key)) {
            G_STRUCT_MEMBER(gint, c, kIntKeys[i].offset) = parse_int(value, kIntKeys[i].fallback);
            return;
        }
    }
}

/* Environment first, then the control file. */
static void config_load(FakeConfig *c)
{
    static const char *const keys[] = {"pipeline",    "scene",     "name",         "count",
                                       "fps",         "fail_open", "silent_after", "silent_times",
                                       "black_after", "profile",   "jitter_us",    "lowlight_after",
                                       "uhd"};
    memset(c, 0, sizeof(*c));
    c->name = g_strdup("Kiosk Fake Camera");
    c->count = 1;
    c->fps = 30;
    c->silent_after = -1;
    c->silent_times = -1;
    c->black_after = -1;
    c->scene_index = -1;
    c->jitter_us = -1;
    c->lowlight_after = -2;
    for (gsize i = 0; i < G_N_ELEMENTS(keys); ++i) {
        gchar *upper = g_ascii_strup(keys[i], -1);
        gchar *var = g_strconcat("KIOSK_FAKECAM_", upper, NULL);
        const gchar *value = g_getenv(var);
        if (value)
            config_set(c, keys[i], value);
        g_free(var);
        g_free(upper);
    }
    const gchar *control = g_getenv("KIOSK_FAKECAM_CONTROL");
    gchar *text = NULL;
    if (control && *control && g_file_get_contents(control, &text, NULL, NULL)) {
        gchar **lines = g_strsplit(text, "\n", -1);
        for (gchar **l = lines; *l; ++l) {
            gchar *eq = strchr(*l, '=');
            if (!eq || **l == '#')
                continue;
            *eq = '\0';
            config_set(c, g_strstrip(*l), g_strstrip(eq + 1));
        }
        g_strfreev(lines);
        g_free(text);
    }
    if (c->fps <= 0)
        c->fps = 30;
}

/* ---- profiles: the formats real webcams offer ---------------------------------------- */

typedef struct
{
    gboolean jpeg; /* image/jpeg (MJPEG), else raw YUY2 */
    gint width, height, fps;
} FakeFormat;

typedef struct
{
    const gchar *name;
    FakeFormat formats[8]; /* in the order the driver lists them; ends with width 0 */
    gint jitter_us;        /* timestamps move by up to this much either way */
    gint lowlight_after;   /* frames before the rate halves; -1: never */
} FakeProfile;

/* A typical UVC webcam (e.g. a Logitech C920): 30 fps at 1080p only as MJPEG. */
#define KIOSK_FAKECAM_UVC_1080P_FORMATS                                                            \
    {                                                                                              \
        {TRUE, 1920, 1080, 30}, {TRUE, 1280, 720, 30}, {TRUE, 640, 480, 30},                       \
            {FALSE, 640, 480, 30}, {FALSE, 1920, 1080, 5},                                         \
    }

/* The built-in profile's rate comes from the fps setting (index 0, patched at use). */
static const FakeProfile kProfiles[] = {
    {"", {{FALSE, 1920, 1080, 30}, {FALSE, 1280, 720, 30}, {FALSE, 640, 480, 30}}, 0, -1},
    {"uvc-1080p", KIOSK_FAKECAM_UVC_1080P_FORMATS, 3000, -1},
    {"mjpeg-only", {{TRUE, 1920, 1080, 30}, {TRUE, 1280, 720, 30}, {TRUE, 640, 480, 30}}, 3000, -1},
    {"yuy2-only", {{FALSE, 1280, 720, 30}, {FALSE, 640, 480, 30}}, 3000, -1},
    /* A 4K webcam (e.g. a Logitech Brio): MJPEG up to 2160p, raw only when small or slow. */
    {"uvc-4k",
     {{TRUE, 3840, 2160, 30},
      {TRUE, 2560, 1440, 30},
      {TRUE, 1920, 1080, 30},
      {TRUE, 1280, 720, 30},
      {FALSE, 640, 480, 30},
      {FALSE, 1920, 1080, 5}},
     3000,
     -1},
    /* The UVC webcam in a dim room: auto exposure halves the rate after two seconds. */
    {"lowlight", KIOSK_FAKECAM_UVC_1080P_FORMATS, 3000, 60},
    /* An old laptop camera: nothing a document can be read from. */
    {"tiny", {{FALSE, 320, 240, 30}, {TRUE, 320, 240, 30}}, 3000, -1},
};

/* The built-in profile with 3840x2160 first (uhd=1, benchmarks only: Qt's backend starts a
 * camera at its largest size, so 4K is never among the default formats). */
static const FakeProfile kBuiltInUhd = {"",
                                        {{FALSE, 3840, 2160, 30},
                                         {FALSE, 1920, 1080, 30},
                                         {FALSE, 1280, 720, 30},
                                         {FALSE, 640, 480, 30}},
                                        0,
                                        -1};

static gboolean profile_is_built_in(const FakeProfile *p)
{
    return p == &kProfiles[0] || p == &kBuiltInUhd;
}

static const FakeProfile *profile_find(const gchar *name, const FakeConfig *c)
{
    if ((!name || !*name) && c->uhd)
        return &kBuiltInUhd;
    for (gsize i = 0; i < G_N_ELEMENTS(kProfiles); ++i) {
        if (!g_strcmp0(kProfiles[i].name, name ? name : ""))
            return &kProfiles[i];
    }
    g_warning("kiosk fake camera: unknown profile '%s' (known: uvc-1080p, mjpeg-only, "
              "yuy2-only, uvc-4k, lowlight, tiny); using the built-in YUY2 profile",
              name);
    return &kProfiles[0];
}

static gint format_fps(const FakeProfile *p, const FakeConfig *c, gsize i)
{
    return profile_is_built_in(p) ? c->fps : p->formats[i].fps;
}

static gint profile_jitter_us(const FakeProfile *p, const FakeConfig *c)
{
    return c->jitter_us >= 0 ? c->jitter_us : p->jitter_us;
}

static gint profile_lowlight_after(const FakeProfile *p, const FakeConfig *c)
{
    return c->lowlight_after >= -1 ? c->lowlight_after : p->lowlight_after;
}

/* Every format of the profile, as a device advertises it. */
static GstCaps *profile_caps(const FakeProfile *p, const FakeConfig *c)
{
    GstCaps *caps = gst_caps_new_empty();
    for (gsize i = 0; i < G_N_ELEMENTS(p->formats) && p->formats[i].width > 0; ++i) {
        const FakeFormat *f = &p->formats[i];
        GstStructure *s =
            f->jpeg ? gst_structure_new_empty("image/jpeg")
                    : gst_structure_new("video/x-raw", "format", G_TYPE_STRING, "YUY2", NULL);
        gst_structure_set(s, "width", G_TYPE_INT, f->width, "height", G_TYPE_INT, f->height,
                          "framerate", GST_TYPE_FRACTION, format_fps(p, c, i), 1, NULL);
        gst_caps_append_structure(caps, s);
    }
    return caps;
}

gint kiosk_fake_config_scene_index(void)
{
    FakeConfig c;
    config_load(&c);
    const gint index = c.scene_index;
    config_clear(&c);
    return index;
}

/* Changing stall_now stalls every element alive at that moment (they stop delivering),
 * as a camera that hangs mid-stream; elements made afterwards deliver again. */
static gint stall_generation;

/* Per-process counters of the failure modes, restarted when the control epoch changes. */
static GMutex counters_lock;
static gchar *counters_epoch;
static gint opens_failed;
static gint elements_silenced;

static void counters_sync(const FakeConfig *c)
{
    if (g_strcmp0(counters_epoch, c->epoch) != 0) {
        g_free(counters_epoch);
        counters_epoch = g_strdup(c->epoch);
        opens_failed = 0;
        elements_silenced = 0;
    }
}

/* ---- the camera element: a bin around the picture, with the failure modes ---------- */

#define KIOSK_TYPE_FAKE_CAMERA_BIN (kiosk_fake_camera_bin_get_type())
G_DECLARE_FINAL_TYPE(KioskFakeCameraBin, kiosk_fake_camera_bin, KIOSK, FAKE_CAMERA_BIN, GstBin)

struct _KioskFakeCameraBin
{
    GstBin parent;
    gboolean fail_open;
    gint silent_after;
    gint black_after;
    gint frames; /* buffers seen on the source pad */
    gint index;
    gint generation; /* stall_generation when made */
    /* The formats offered, and what the output was configured for. */
    FakeConfig config; /* the configuration the element was made with */
    const FakeProfile *profile;
    GstCaps *caps; /* every format of the profile */
    GstElement *picture;
    GstElement *raw;    /* capsfilter: the raw frames at the chosen size and rate */
    GstElement *encode; /* jpegenc when the chosen format is MJPEG, else NULL */
    GstElement *chip;   /* the queue in front of it: the camera's own encoder thread */
    gint jitter_us;
    gint lowlight_after;
    GRand *rand;
    GstClockTime last_pts;
};

G_DEFINE_TYPE(KioskFakeCameraBin, kiosk_fake_camera_bin, GST_TYPE_BIN)

/* The format the element downstream asked for (Qt's capsfilter), among the profile's;
 * the profile's first when nothing downstream says. */
static const FakeFormat *chosen_format(KioskFakeCameraBin *self, gint *fps)
{
    const FakeProfile *p = self->profile;
    gsize chosen = 0;
    GstPad *ghost = gst_element_get_static_pad(GST_ELEMENT(self), "src");
    GstCaps *peer = gst_pad_peer_query_caps(ghost, self->caps);
    gst_object_unref(ghost);
    if (peer && !gst_caps_is_empty(peer) && !gst_caps_is_any(peer)) {
        const GstStructure *s = gst_caps_get_structure(peer, 0);
        const gboolean jpeg = gst_structure_has_name(s, "image/jpeg");
        gint width = 0, height = 0;
        gst_structure_get_int(s, "width", &width);
        gst_structure_get_int(s, "height", &height);
        for (gsize i = 0; i < G_N_ELEMENTS(p->formats) && p->formats[i].width > 0; ++i) {
            const FakeFormat *f = &p->formats[i];
            if (f->jpeg == jpeg && f->width == width && f->height == height) {
                chosen = i;
                break;
            }
        }
    }
    if (peer)
        gst_caps_unref(peer);
    *fps = format_fps(p, &self->config, chosen);
    return &p->formats[chosen];
}

/* Builds the output for the chosen format: the picture paced at its rate and scaled to
 * its size, then JPEG-encoded when the format is MJPEG, as the camera's own chip does. */
static gboolean configure_output(KioskFakeCameraBin *self)
{
    gint fps = 30;
    const FakeFormat *f = chosen_format(self, &fps);
    GstCaps *raw = gst_caps_new_simple(
        "video/x-raw", "format", G_TYPE_STRING, f->jpeg ? "I420" : "YUY2", "width", G_TYPE_INT,
        f->width, "height", G_TYPE_INT, f->height, "framerate", GST_TYPE_FRACTION, fps, 1, NULL);
    g_object_set(self->raw, "caps", raw, NULL);
    gst_caps_unref(raw);
    if (g_object_class_find_property(G_OBJECT_GET_CLASS(self->picture), "fps"))
        g_object_set(self->picture, "fps", fps, NULL);

    /* The target's pad is linked to the ghost pad's inside: unlink before relinking. */
    GstPad *ghost = gst_element_get_static_pad(GST_ELEMENT(self), "src");
    gst_ghost_pad_set_target(GST_GHOST_PAD(ghost), NULL);
    if (self->encode) {
        gst_element_set_state(self->encode, GST_STATE_NULL);
        gst_element_set_state(self->chip, GST_STATE_NULL);
        gst_bin_remove(GST_BIN(self), self->encode);
        gst_bin_remove(GST_BIN(self), self->chip);
        self->encode = NULL;
        self->chip = NULL;
    }
    GstPad *rawSrc = gst_element_get_static_pad(self->raw, "src");
    GstPad *target = gst_object_ref(rawSrc);
    if (f->jpeg) {
        self->encode = gst_element_factory_make("jpegenc", NULL);
        /* A webcam encodes on its own chip, beside the sensor: the encoder runs in its own
         * thread, so the sensor's pace (and its timestamps) never wait for it; when it falls
         * behind, the oldest frame waiting is dropped, as a camera skips a frame. Without
         * this, the picture, scaling, JPEG encode, Qt's jpegdec and conversion all ran in one
         * streaming thread, on the host's CPU. */
        self->chip = gst_element_factory_make("queue", NULL);
        if (self->chip)
            g_object_set(self->chip, "max-size-buffers", 2, "max-size-bytes", 0, "max-size-time",
                         (guint64)0, "leaky", 2 /* downstream */, NULL);
        if (!self->encode || !self->chip) {
            GST_ELEMENT_ERROR(self, CORE, MISSING_PLUGIN,
                              ("the MJPEG profile needs jpegenc (gstreamer1.0-plugins-good)"),
                              (NULL));
            if (self->encode)
                gst_object_unref(gst_object_ref_sink(self->encode));
            if (self->chip)
                gst_object_unref(gst_object_ref_sink(self->chip));
            self->encode = NULL;
            self->chip = NULL;
            gst_object_unref(target);
            gst_object_unref(rawSrc);
            gst_object_unref(ghost);
            return FALSE;
        }
        gst_bin_add_many(GST_BIN(self), self->chip, self->encode, NULL);
        gst_element_link_many(self->raw, self->chip, self->encode, NULL);
        gst_object_unref(target);
        target = gst_element_get_static_pad(self->encode, "src");
    }
    gst_ghost_pad_set_target(GST_GHOST_PAD(ghost), target);
    gst_object_unref(ghost);
    gst_object_unref(target);
    gst_object_unref(rawSrc);
    GST_INFO_OBJECT(self, "output %s %dx%d at %d fps", f->jpeg ? "MJPEG" : "YUY2", f->width,
                    f->height, fps);
    return TRUE;
}

static GstStateChangeReturn kiosk_fake_camera_bin_change_state(GstElement *element,
                                                               GstStateChange transition)
{
    KioskFakeCameraBin *self = KIOSK_FAKE_CAMERA_BIN(element);
    if (transition == GST_STATE_CHANGE_NULL_TO_READY && self->fail_open) {
        /* What v4l2src does when another program holds the device. */
        GST_ELEMENT_ERROR(element, RESOURCE, BUSY, ("Device 'fakecam:%d' is busy", self->index),
                          ("kiosk fake camera: fail_open"));
        return GST_STATE_CHANGE_FAILURE;
    }
    if (transition == GST_STATE_CHANGE_READY_TO_PAUSED && !configure_output(self))
        return GST_STATE_CHANGE_FAILURE;
    return GST_ELEMENT_CLASS(kiosk_fake_camera_bin_parent_class)->change_state(element, transition);
}

static void kiosk_fake_camera_bin_finalize(GObject *object)
{
    KioskFakeCameraBin *self = KIOSK_FAKE_CAMERA_BIN(object);
    if (self->caps)
        gst_caps_unref(self->caps);
    if (self->rand)
        g_rand_free(self->rand);
    config_clear(&self->config);
    G_OBJECT_CLASS(kiosk_fake_camera_bin_parent_class)->finalize(object);
}

static void kiosk_fake_camera_bin_class_init(KioskFakeCameraBinClass *klass)
{
    GstElementClass *element_class = GST_ELEMENT_CLASS(klass);
    element_class->change_state = kiosk_fake_camera_bin_change_state;
    G_OBJECT_CLASS(klass)->finalize = kiosk_fake_camera_bin_finalize;
    gst_element_class_set_static_metadata(element_class, "Kiosk fake camera", "Source/Video",
                                          "A camera made of a pipeline description",
                                          "Onboarding Kiosk");
}

static void kiosk_fake_camera_bin_init(KioskFakeCameraBin *self)
{
    self->silent_after = -1;
    self->black_after = -1;
    self->lowlight_after = -1;
    self->last_pts = GST_CLOCK_TIME_NONE;
}

/* Paints a raw video frame black in place, in any of the formats the device offers. */
static void paint_black(GstBuffer *buffer, GstCaps *caps)
{
    GstVideoInfo info;
    GstVideoFrame frame;
    if (!caps || !gst_video_info_from_caps(&info, caps))
        return;
    if (!gst_video_frame_map(&frame, &info, buffer, GST_MAP_WRITE))
        return;
    const GstVideoFormatInfo *f = info.finfo;
    for (guint p = 0; p < GST_VIDEO_FRAME_N_PLANES(&frame); ++p) {
        guint8 *data = GST_VIDEO_FRAME_PLANE_DATA(&frame, p);
        const gint stride = GST_VIDEO_FRAME_PLANE_STRIDE(&frame, p);
        const gint rows = GST_VIDEO_FRAME_COMP_HEIGHT(&frame, p == 0 ? 0 : 1);
        if (GST_VIDEO_FORMAT_INFO_IS_YUV(f) &&
            GST_VIDEO_FORMAT_INFO_FORMAT(f) == GST_VIDEO_FORMAT_YUY2) {
            for (gint y = 0; y < rows; ++y) {
                guint8 *row = data + (gsize)y * stride;
                for (gint x = 0; x + 1 < stride; x += 2) {
                    row[x] = 16;
                    row[x + 1] = 128;
                }
            }
        } else if (GST_VIDEO_FORMAT_INFO_IS_YUV(f)) {
            memset(data, p == 0 ? 16 : 128, (gsize)stride * rows);
        } else {
            memset(data, 0, (gsize)stride * rows);
        }
    }
    gst_video_frame_unmap(&frame);
}

/* Before any encoder, on the raw frames: the failure modes, the low-light rate and the
 * driver's timestamp jitter. */
static GstPadProbeReturn on_buffer(GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
    KioskFakeCameraBin *self = KIOSK_FAKE_CAMERA_BIN(user_data);
    const gint n = self->frames++;
    if (self->silent_after >= 0 && n >= self->silent_after)
        return GST_PAD_PROBE_DROP;
    if (g_atomic_int_get(&stall_generation) != self->generation)
        return GST_PAD_PROBE_DROP;
    /* Auto exposure lengthens the exposure: every other frame is never taken. */
    if (self->lowlight_after >= 0 && n >= self->lowlight_after && (n - self->lowlight_after) % 2)
        return GST_PAD_PROBE_DROP;
    const gboolean black = self->black_after >= 0 && n >= self->black_after;
    if (!black && self->jitter_us <= 0)
        return GST_PAD_PROBE_OK;
    GstBuffer *buffer = gst_buffer_make_writable(GST_PAD_PROBE_INFO_BUFFER(info));
    GST_PAD_PROBE_INFO_DATA(info) = buffer;
    if (black) {
        GstCaps *caps = gst_pad_get_current_caps(pad);
        paint_black(buffer, caps);
        if (caps)
            gst_caps_unref(caps);
    }
    if (self->jitter_us > 0 && GST_BUFFER_PTS_IS_VALID(buffer)) {
        const gint64 shift =
            (gint64)g_rand_int_range(self->rand, -self->jitter_us, self->jitter_us + 1) *
            GST_USECOND;
        gint64 pts = (gint64)GST_BUFFER_PTS(buffer) + shift;
        if (pts < 0)
            pts = 0;
        /* Never backwards: a driver's timestamps jitter but stay in order. */
        if (GST_CLOCK_TIME_IS_VALID(self->last_pts) && (GstClockTime)pts <= self->last_pts)
            pts = (gint64)self->last_pts + GST_USECOND;
        GST_BUFFER_PTS(buffer) = (GstClockTime)pts;
        self->last_pts = (GstClockTime)pts;
    }
    return GST_PAD_PROBE_OK;
}

/* Downstream asks what the camera can do before anything is configured (Qt links its
 * capsfilter first): the answer is the profile's formats, raw and MJPEG. */
static gboolean on_ghost_query(GstPad *pad, GstObject *parent, GstQuery *query)
{
    KioskFakeCameraBin *self = KIOSK_FAKE_CAMERA_BIN(parent);
    if (GST_QUERY_TYPE(query) == GST_QUERY_CAPS) {
        GstCaps *filter = NULL;
        gst_query_parse_caps(query, &filter);
        GstCaps *result =
            filter ? gst_caps_intersect_full(filter, self->caps, GST_CAPS_INTERSECT_FIRST)
                   : gst_caps_ref(self->caps);
        gst_query_set_caps_result(query, result);
        gst_caps_unref(result);
        return TRUE;
    }
    return gst_pad_query_default(pad, parent, query);
}

static GstElement *make_camera(gint index, const gchar *name)
{
    FakeConfig c;
    config_load(&c);

    KioskFakeCameraBin *self = g_object_new(KIOSK_TYPE_FAKE_CAMERA_BIN, "name", name, NULL);
    self->index = index;
    self->black_after = c.black_after;
    self->generation = g_atomic_int_get(&stall_generation);

    g_mutex_lock(&counters_lock);
    counters_sync(&c);
    if (opens_failed < c.fail_open) {
        ++opens_failed;
        self->fail_open = TRUE;
    }
    if (c.silent_after >= 0 && (c.silent_times < 0 || elements_silenced < c.silent_times)) {
        ++elements_silenced;
        self->silent_after = c.silent_after;
    }
    g_mutex_unlock(&counters_lock);

    GError *error = NULL;
    GstElement *picture = NULL;
    if (c.scene)
        picture = kiosk_fake_scene_new(c.scene, c.scene_index, c.fps, &error);
    else
        picture = gst_parse_bin_from_description_full(c.pipeline ? c.pipeline
                                                                 : KIOSK_FAKECAM_DEFAULT_PIPELINE,
                                                      TRUE, NULL, GST_PARSE_FLAG_NONE, &error);
    if (!picture) {
        g_warning("kiosk fake camera: cannot build the picture: %s",
                  error ? error->message : "unknown error");
        g_clear_error(&error);
        config_clear(&c);
        gst_object_unref(gst_object_ref_sink(self));
        return NULL;
    }
    g_clear_error(&error);

    /* A real webcam delivers at its own pace whatever the picture source does; the size,
     * rate and encoding follow the format asked for (configure_output). */
    self->profile = profile_find(c.profile, &c);
    self->caps = profile_caps(self->profile, &c);
    self->jitter_us = profile_jitter_us(self->profile, &c);
    self->lowlight_after = profile_lowlight_after(self->profile, &c);
    self->rand = g_rand_new_with_seed(0x6b696f73u + (guint32)index);
    self->picture = picture;
    GstElement *convert = gst_element_factory_make("videoconvert", NULL);
    GstElement *scale = gst_element_factory_make("videoscale", NULL);
    GstElement *rate = gst_element_factory_make("videorate", NULL);
    self->raw = gst_element_factory_make("capsfilter", NULL);

    gst_bin_add_many(GST_BIN(self), picture, convert, scale, rate, self->raw, NULL);
    gst_element_link_many(picture, convert, scale, rate, self->raw, NULL);
    GstPad *src = gst_element_get_static_pad(self->raw, "src");
    GstPad *ghost = gst_ghost_pad_new("src", src);
    gst_pad_set_query_function(ghost, on_ghost_query);
    gst_pad_add_probe(src, GST_PAD_PROBE_TYPE_BUFFER, on_buffer, self, NULL);
    gst_element_add_pad(GST_ELEMENT(self), ghost);
    gst_object_unref(src);

    self->config = c; /* owned by the element from here */
    return GST_ELEMENT(self);
}

/* ---- the device --------------------------------------------------------------------- */

#define KIOSK_TYPE_FAKE_DEVICE (kiosk_fake_device_get_type())
G_DECLARE_FINAL_TYPE(KioskFakeDevice, kiosk_fake_device, KIOSK, FAKE_DEVICE, GstDevice)

struct _KioskFakeDevice
{
    GstDevice parent;
    gint index;
};

G_DEFINE_TYPE(KioskFakeDevice, kiosk_fake_device, GST_TYPE_DEVICE)

static GstElement *kiosk_fake_device_create_element(GstDevice *device, const gchar *name)
{
    return make_camera(KIOSK_FAKE_DEVICE(device)->index, name);
}

static void kiosk_fake_device_class_init(KioskFakeDeviceClass *klass)
{
    GST_DEVICE_CLASS(klass)->create_element = kiosk_fake_device_create_element;
}

static void kiosk_fake_device_init(KioskFakeDevice *self)
{
    (void)self;
}

static GstDevice *make_device(const FakeConfig *c, gint index)
{
    GstCaps *caps = profile_caps(profile_find(c->profile, c), c);
    gchar *path = g_strdup_printf("fakecam:%d", index);
    gchar *display = index == 0 ? g_strdup(c->name) : g_strdup_printf("%s %d", c->name, index + 1);
    GstStructure *props = gst_structure_new("kioskfakecamera", "kiosk.path", G_TYPE_STRING, path,
                                            "device.api", G_TYPE_STRING, "kiosk-fake", "is-default",
                                            G_TYPE_BOOLEAN, index == 0, NULL);
    GstDevice *device =
        g_object_new(KIOSK_TYPE_FAKE_DEVICE, "display-name", display, "device-class",
                     "Video/Source", "caps", caps, "properties", props, NULL);
    KIOSK_FAKE_DEVICE(device)->index = index;
    gst_structure_free(props);
    gst_caps_unref(caps);
    g_free(display);
    g_free(path);
    return device;
}

/* ---- the provider: lists the devices and follows the control file ------------------ */

#define KIOSK_TYPE_FAKE_PROVIDER (kiosk_fake_provider_get_type())
G_DECLARE_FINAL_TYPE(KioskFakeProvider, kiosk_fake_provider, KIOSK, FAKE_PROVIDER,
                     GstDeviceProvider)

struct _KioskFakeProvider
{
    GstDeviceProvider parent;
    GThread *watcher;
    GMutex lock;
    GCond wake;
    gboolean stopping;
    GPtrArray *present; /* devices announced while monitoring */
    gchar *model;       /* profile and name of the devices announced */
};

G_DEFINE_TYPE(KioskFakeProvider, kiosk_fake_provider, GST_TYPE_DEVICE_PROVIDER)

static GList *kiosk_fake_provider_probe(GstDeviceProvider *provider)
{
    (void)provider;
    FakeConfig c;
    config_load(&c);
    GList *devices = NULL;
    for (gint i = 0; i < c.count; ++i)
        devices = g_list_append(devices, gst_object_ref_sink(make_device(&c, i)));
    config_clear(&c);
    return devices;
}

/* Brings the announced devices to the configured count (hot-plug). At start the devices
 * go into the provider's list without a device-added message: Qt 6.4 takes both the
 * monitor's initial list and the message, and would list each camera twice. */
static void provider_sync(KioskFakeProvider *self, gboolean starting)
{
    FakeConfig c;
    config_load(&c);
    g_atomic_int_set(&stall_generation, c.stall_now);
    /* Another camera model: every device goes, the new ones come (a webcam swapped). */
    gchar *model = g_strdup_printf("%s|%s", c.profile ? c.profile : "", c.name);
    const gboolean swapped = g_strcmp0(model, self->model) != 0;
    g_free(self->model);
    self->model = model;
    while (self->present->len > 0 &&
           ((gint)self->present->len > c.count || (swapped && !starting))) {
        GstDevice *device = g_ptr_array_index(self->present, self->present->len - 1);
        g_ptr_array_remove_index(self->present, self->present->len - 1);
        GST_INFO_OBJECT(self, "unplugging %" GST_PTR_FORMAT, device);
        gst_device_provider_device_remove(GST_DEVICE_PROVIDER(self), device);
        gst_object_unref(device);
    }
    while ((gint)self->present->len < c.count) {
        GstDevice *device = gst_object_ref_sink(make_device(&c, (gint)self->present->len));
        g_ptr_array_add(self->present, gst_object_ref(device));
        GST_INFO_OBJECT(self, "plugging %" GST_PTR_FORMAT, device);
        if (starting) {
            GstDeviceProvider *provider = GST_DEVICE_PROVIDER(self);
            gst_object_set_parent(GST_OBJECT(device), GST_OBJECT(provider));
            GST_OBJECT_LOCK(provider);
            provider->devices = g_list_append(provider->devices, gst_object_ref(device));
            GST_OBJECT_UNLOCK(provider);
        } else {
            gst_device_provider_device_add(GST_DEVICE_PROVIDER(self), device);
        }
        gst_object_unref(device);
    }
    config_clear(&c);
}

static gpointer provider_watch(gpointer data)
{
    KioskFakeProvider *self = data;
    g_mutex_lock(&self->lock);
    while (!self->stopping) {
        g_mutex_unlock(&self->lock);
        provider_sync(self, FALSE);
        g_mutex_lock(&self->lock);
        const gint64 until = g_get_monotonic_time() + 50 * G_TIME_SPAN_MILLISECOND;
        while (!self->stopping && g_cond_wait_until(&self->wake, &self->lock, until))
            ;
    }
    g_mutex_unlock(&self->lock);
    return NULL;
}

static gboolean kiosk_fake_provider_start(GstDeviceProvider *provider)
{
    KioskFakeProvider *self = KIOSK_FAKE_PROVIDER(provider);
    provider_sync(self, TRUE);
    if (g_getenv("KIOSK_FAKECAM_CONTROL")) {
        self->stopping = FALSE;
        self->watcher = g_thread_new("kiosk-fakecam", provider_watch, self);
    }
    return TRUE;
}

static void kiosk_fake_provider_stop(GstDeviceProvider *provider)
{
    KioskFakeProvider *self = KIOSK_FAKE_PROVIDER(provider);
    if (self->watcher) {
        g_mutex_lock(&self->lock);
        self->stopping = TRUE;
        g_cond_signal(&self->wake);
        g_mutex_unlock(&self->lock);
        g_thread_join(self->watcher);
        self->watcher = NULL;
    }
    while (self->present->len > 0) {
        GstDevice *device = g_ptr_array_index(self->present, self->present->len - 1);
        g_ptr_array_remove_index(self->present, self->present->len - 1);
        gst_device_provider_device_remove(provider, device);
        gst_object_unref(device);
    }
}

static void kiosk_fake_provider_finalize(GObject *object)
{
    KioskFakeProvider *self = KIOSK_FAKE_PROVIDER(object);
    g_ptr_array_unref(self->present);
    g_free(self->model);
    g_mutex_clear(&self->lock);
    g_cond_clear(&self->wake);
    G_OBJECT_CLASS(kiosk_fake_provider_parent_class)->finalize(object);
}

static void kiosk_fake_provider_class_init(KioskFakeProviderClass *klass)
{
    GstDeviceProviderClass *provider_class = GST_DEVICE_PROVIDER_CLASS(klass);
    provider_class->probe = kiosk_fake_provider_probe;
    provider_class->start = kiosk_fake_provider_start;
    provider_class->stop = kiosk_fake_provider_stop;
    G_OBJECT_CLASS(klass)->finalize = kiosk_fake_provider_finalize;
    gst_device_provider_class_set_static_metadata(provider_class, "Kiosk fake camera provider",
                                                  "Source/Video", "Lists the kiosk fake cameras",
                                                  "Onboarding Kiosk");
}

static void kiosk_fake_provider_init(KioskFakeProvider *self)
{
    g_mutex_init(&self->lock);
    g_cond_init(&self->wake);
    self->present = g_ptr_array_new();
}

static gboolean plugin_init(GstPlugin *plugin)
{
    GST_DEBUG_CATEGORY_INIT(kiosk_fakecam_debug, "kioskfakecam", 0, "Kiosk fake camera");
    return gst_device_provider_register(plugin, "kioskfakecameraprovider", GST_RANK_PRIMARY,
                                        KIOSK_TYPE_FAKE_PROVIDER) &&
           gst_element_register(plugin, "kioskfakescenesrc", GST_RANK_NONE,
                                KIOSK_TYPE_FAKE_SCENE_SRC);
}

#define PACKAGE "onboarding-kiosk"
GST_PLUGIN_DEFINE(GST_VERSION_MAJOR, GST_VERSION_MINOR, kioskfakecamera,
                  "Fake camera device of the Onboarding Kiosk tests and demo", plugin_init, "0.1",
                  "LGPL", "onboarding-kiosk", "https://example.invalid/onboarding-kiosk")
